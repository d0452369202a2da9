"""Every mistake correctable: stage dates (the intent date included) with the rules of a move
and a reason in the history; corrections carrying evidence; the city level refused."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from config.errors import DomainError
from projects import services
from projects.models import MoveKind, Project, RegionTarget, StageMove
from reference.models import Region, RegionKind
from tests.factories import ProjectFactory, RegionFactory

pytestmark = pytest.mark.django_db

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a, intent_date=D(2026, 3, 10))


@pytest.fixture
def city(db):
    return RegionFactory(kind=RegionKind.CITY, name_zh_hans="示范市", name_en="Demo City")


def url(p, path=""):
    return f"/api/v1/projects/{p.pk}/{path}"


# ---- the intent date ----------------------------------------------------------------------


def test_wrong_intent_date_is_corrected_through_the_api(api_as, district_user, project):
    api = api_as(district_user)
    # Signed on 1 March in reality, but the intent was entered as 10 March.
    refused = api.post(url(project, "transition/"), {"to": "contract", "date": "2026-03-01"})
    assert refused.status_code == 400
    resp = api.patch(
        url(project), {"intent_date": "2026-02-01", "reason": "洽谈始于2月"}, format="json"
    )
    assert resp.status_code == 200, resp.json()
    assert resp.json()["intent_date"] == "2026-02-01"
    history = api.get(url(project, "history/")).json()
    assert history[0]["reason"] == "洽谈始于2月"
    assert {"field": "intent_date", "old": "2026-03-10", "new": "2026-02-01"} in history[0][
        "changes"
    ]
    move = StageMove.objects.get(project=project)
    assert (move.kind, move.to_stage, move.date, move.note) == (
        MoveKind.REDATE,
        "intent",
        D(2026, 2, 1),
        "洽谈始于2月",
    )
    ok = api.post(url(project, "transition/"), {"to": "contract", "date": "2026-03-01"})
    assert ok.status_code == 200, ok.json()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"intent_date": "2026-02-01"}, "reason"),
        ({"intent_date": "2026-04-02", "reason": "x"}, "intent_date"),  # after the contract
        (
            {
                "intent_date": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
                "reason": "x",
            },
            "intent_date",
        ),
        ({"approval_date": "2026-04-05", "reason": "x"}, "approval_date"),  # not reached
        ({"contract_date": None, "reason": "x"}, "contract_date"),
        ({"contract_date": "2026-03-01", "reason": "x"}, "contract_date"),  # before intent
    ],
)
def test_stage_date_corrections_follow_the_move_rules(
    api_as, district_user, project, payload, field
):
    services.project_transition(
        user=district_user, project=project, to="contract", date=D(2026, 4, 1)
    )
    resp = api_as(district_user).patch(url(project), payload, format="json")
    assert resp.status_code == 400
    assert field in resp.json()
    project.refresh_from_db()
    assert (project.intent_date, project.contract_date) == (D(2026, 3, 10), D(2026, 4, 1))
    assert project.history.count() == 2  # created, contract: nothing for the refusal


def test_contract_date_corrected_moves_the_statistics_date(district_user, project):
    services.project_transition(
        user=district_user, project=project, to="contract", date=D(2026, 4, 1)
    )
    services.project_update(
        user=district_user,
        project=project,
        data={"contract_date": D(2026, 3, 20)},
        reason="合同实际签署日",
    )
    project.refresh_from_db()
    assert project.contract_date == D(2026, 3, 20)
    assert project.history.latest().history_change_reason == "合同实际签署日"


def test_intent_date_corrected_on_the_edit_page(client, district_user, project):
    client.force_login(district_user)
    page = client.get(reverse("projects:edit", args=[project.pk]))
    assert "intent_date" in page.context["form"].fields
    data = {
        "name_zh_hans": project.name_zh_hans,
        "name_en": project.name_en,
        "region": project.region_id,
        "investor": project.investor_id,
        "category": project.category,
        "capital_source": project.capital_source,
        "total_investment_cny_10k": "1000",
        "contracted_fdi_usd_10k": "100",
        "intent_date": "2026-02-01",
        "reason": "",
    }
    resp = client.post(reverse("projects:edit", args=[project.pk]), data)
    assert resp.status_code == 200
    assert "reason" in resp.context["form"].errors or resp.context["form"].non_field_errors()
    assert resp.context["form"]["intent_date"].value() == "2026-02-01"  # nothing lost
    data["reason"] = "录入错误"
    resp = client.post(reverse("projects:edit", args=[project.pk]), data)
    assert resp.status_code == 302
    project.refresh_from_db()
    assert project.intent_date == D(2026, 2, 1)


# ---- corrections carry evidence ------------------------------------------------------------


def test_correction_keeps_its_evidence_and_the_page_shows_it(
    api_as, client, bureau_user, district_user, project
):
    services.project_transition(
        user=district_user, project=project, to="contract", date=D(2026, 4, 1)
    )
    pdf = SimpleUploadedFile("rescission.pdf", PDF, content_type="application/pdf")
    resp = api_as(bureau_user).post(
        url(project, "transition/"),
        {"to": "intent", "note": "合同已解除", "evidence": pdf},
        format="multipart",
    )
    assert resp.status_code == 200, resp.json()
    move = StageMove.objects.get(kind=MoveKind.CORRECTION)
    assert move.evidence_name == "rescission.pdf"
    assert move.evidence.name.endswith(".pdf")
    client.force_login(bureau_user)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert reverse("projects:evidence", args=[project.pk, move.pk]) in page
    assert client.get(reverse("projects:evidence", args=[project.pk, move.pk])).status_code == 200


def test_correction_with_a_bad_evidence_file_changes_nothing(bureau_user, district_user, project):
    services.project_transition(
        user=district_user, project=project, to="contract", date=D(2026, 4, 1)
    )
    bad = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as err:
        services.project_transition(
            user=bureau_user, project=project, to="intent", note="x", evidence=bad
        )
    assert err.value.field == "evidence"
    project.refresh_from_db()
    assert project.stage == "contract"
    assert not StageMove.objects.filter(kind=MoveKind.CORRECTION).exists()


# ---- the city level ------------------------------------------------------------------------


def test_city_level_project_refused_in_api_and_form(api_as, client, bureau_user, city, project):
    api = api_as(bureau_user)
    resp = api.post("/api/v1/projects/", {"name_zh_hans": "市级", "region": city.pk}, format="json")
    assert resp.status_code == 400
    assert "region" in resp.json()
    resp = api.patch(url(project), {"region": city.pk}, format="json")
    assert resp.status_code == 400
    assert "region" in resp.json()
    client.force_login(bureau_user)
    resp = client.post(
        reverse("projects:create"),
        {
            "name_zh_hans": "市级",
            "region": city.pk,
            "category": "other",
            "capital_source": "foreign",
            "total_investment_cny_10k": "0",
            "contracted_fdi_usd_10k": "0",
        },
    )
    assert resp.status_code == 200
    assert "region" in resp.context["form"].errors
    assert not Project.objects.filter(region=city).exists()


def test_city_level_target_refused(api_as, client, bureau_user, city):
    resp = api_as(bureau_user).post(
        "/api/v1/targets/", {"region": city.pk, "year": 2026}, format="json"
    )
    assert resp.status_code == 400
    assert "region" in resp.json()
    client.force_login(bureau_user)
    resp = client.post(
        reverse("projects:target_edit", args=[city.pk, 2026]),
        {"negotiated": 4, "approved": 2, "started": 1, "utilized_fdi_usd_10k": "0"},
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors
    assert not RegionTarget.objects.filter(region=city).exists()


# ---- targets: own rows, zones labelled, a city total counting each project once ---------


def test_targets_rows_zones_and_total(client, bureau_user, district_user, city):
    district = RegionFactory(kind=RegionKind.DISTRICT, parent=city, name_en="East")
    zone = RegionFactory(kind=RegionKind.DEV_ZONE, parent=district, code="", name_en="Zone")
    county = RegionFactory(kind=RegionKind.COUNTY, parent=city, name_en="County")
    year = timezone.localdate().year
    for region, n in ((district, 2), (zone, 3), (county, 1)):
        for _ in range(n):
            ProjectFactory(region=region, intent_date=D(year, 1, 5))
        RegionTarget.objects.create(region=region, year=year)
    client.force_login(bureau_user)
    resp = client.get(reverse("projects:targets"))
    progress = resp.context["progress"]
    rows = {(r.region.name_en if r.region else "total"): r for r in progress}
    assert rows["East"].negotiated == 2  # its own projects only
    assert rows["East"].with_zones.negotiated == 5  # labelled separately
    assert rows["Zone"].negotiated == 3
    assert rows["total"].negotiated == 6  # each project once, not 2 + 5 + 3 + 1
    assert rows["total"].target.negotiated == 12
    assert "Demo City" not in rows
    html = resp.content.decode()
    assert 'data-testid="targets-total"' in html
    assert 'data-testid="with-zones"' in html
    assert 'data-testid="targets-rule"' in html
    # District staff: their district and its zone, and their own total.
    district_user.region = district
    district_user.save()
    client.force_login(district_user)
    rows = client.get(reverse("projects:targets")).context["progress"]
    assert [r.region.name_en if r.region else "total" for r in rows] == ["East", "Zone", "total"]
    assert rows[-1].negotiated == 5


def test_regions_offered_for_projects_leave_out_the_city(client, bureau_user, city, region_a):
    client.force_login(bureau_user)
    form = client.get(reverse("projects:create")).context["form"]
    assert city not in form.fields["region"].queryset
    assert region_a in form.fields["region"].queryset
    assert Region.objects.filter(kind="city").count() == 1


def test_correction_with_evidence_on_the_move_page(client, bureau_user, district_user, project):
    services.project_transition(
        user=district_user, project=project, to="contract", date=D(2026, 4, 1)
    )
    client.force_login(bureau_user)
    pdf = SimpleUploadedFile("notice.pdf", PDF, content_type="application/pdf")
    resp = client.post(
        reverse("projects:move", args=[project.pk]),
        {"to": "intent", "note": "合同撤销", "evidence": pdf},
    )
    assert resp.status_code == 302
    move = StageMove.objects.get(kind=MoveKind.CORRECTION)
    assert move.evidence_name == "notice.pdf"
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "notice.pdf" in page
