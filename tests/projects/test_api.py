import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.models import CapitalArrival, Project, RegionTarget, StageMove
from reference.models import IndustrySection
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_a(region_a):
    return ProjectFactory(
        region=region_a, name_en="Salt chemicals", intent_date=dt.date(2026, 1, 5)
    )


@pytest.fixture
def project_b(region_b):
    return ProjectFactory(region=region_b, intent_date=dt.date(2026, 1, 5))


def test_create_starts_at_intent_with_given_date(api_as, district_user, region_a):
    resp = api_as(district_user).post(
        "/api/v1/projects/",
        {
            "name_zh_hans": "珍珠深加工",
            "name_en": "Pearl processing",
            "region": region_a.pk,
            "capital_source": "hmt",
            "total_investment_cny_10k": "8000.50",
            "intent_date": "2026-02-03",
            "industry": "C",
        },
        format="json",
    )
    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert body["stage"] == "intent"
    assert body["intent_date"] == "2026-02-03"
    assert body["total_investment_cny_10k"] == "8000.50"
    assert body["name_en"] == "Pearl processing"
    assert body["industry"] == "C"
    p = Project.objects.get(pk=body["id"])
    assert p.history.latest().history_user == district_user


def test_create_defaults_intent_date_to_today(api_as, district_user, region_a):
    resp = api_as(district_user).post(
        "/api/v1/projects/", {"name_zh_hans": "项目", "region": region_a.pk}, format="json"
    )
    assert resp.json()["intent_date"] == timezone.localdate().isoformat()


def test_create_in_other_region_refused(api_as, district_user, region_b):
    resp = api_as(district_user).post(
        "/api/v1/projects/", {"name_zh_hans": "项目", "region": region_b.pk}, format="json"
    )
    assert resp.status_code == 400
    assert "region" in resp.json()
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"total_investment_cny_10k": "-1"}, "total_investment_cny_10k"),
        ({"total_investment_cny_10k": "abc"}, "total_investment_cny_10k"),
        ({"capital_source": "martian"}, "capital_source"),
        ({"industry": "Z"}, "industry"),
        ({"region": 999999}, "region"),
        ({"name_zh_hans": ""}, "name_zh_hans"),
        ({"capital_source": "domestic", "contracted_fdi_usd_10k": "5"}, "contracted_fdi_usd_10k"),
        ({"intent_date": "2026-13-01"}, "intent_date"),
    ],
)
def test_create_bad_input_is_400_with_field(api_as, district_user, region_a, payload, field):
    data = {"name_zh_hans": "项目", "region": region_a.pk} | payload
    resp = api_as(district_user).post("/api/v1/projects/", data, format="json")
    assert resp.status_code == 400
    assert field in resp.json()


def test_stage_is_refused_on_update_not_ignored(api_as, district_user, project_a):
    name_before = project_a.name_en
    resp = api_as(district_user).patch(
        f"/api/v1/projects/{project_a.pk}/",
        {"stage": "operation", "name_en": "New"},
        format="json",
    )
    assert resp.status_code == 400
    assert set(resp.json()) == {"stage"}
    project_a.refresh_from_db()
    assert (project_a.stage, project_a.name_en) == ("intent", name_before)


def test_transition_endpoint(api_as, district_user, project_a):
    api = api_as(district_user)
    url = f"/api/v1/projects/{project_a.pk}/transition/"
    resp = api.post(url, {"to": "contract", "date": "2026-02-01", "note": "签约"}, format="json")
    assert resp.status_code == 200, resp.json()
    assert resp.json()["stage"] == "contract"
    assert resp.json()["contract_date"] == "2026-02-01"
    bad = api.post(url, {"to": "operation", "date": "2026-02-02"}, format="json")
    assert bad.status_code == 400
    assert "to" in bad.json()
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    bad = api.post(url, {"to": "approval", "date": future}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()) == {"date"}
    assert StageMove.objects.count() == 1


def test_transition_with_evidence_multipart(api_as, district_user, project_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("contract.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    resp = api_as(district_user).post(
        f"/api/v1/projects/{project_a.pk}/transition/",
        {"to": "contract", "date": "2026-02-01", "evidence": pdf},
        format="multipart",
    )
    assert resp.status_code == 200, resp.json()
    assert StageMove.objects.get().evidence_name == "contract.pdf"


def test_correction_by_district_is_403(api_as, district_user, project_a):
    api = api_as(district_user)
    api.post(
        f"/api/v1/projects/{project_a.pk}/transition/",
        {"to": "contract", "date": "2026-02-01"},
        format="json",
    )
    resp = api.post(
        f"/api/v1/projects/{project_a.pk}/transition/",
        {"to": "intent", "note": "oops"},
        format="json",
    )
    assert resp.status_code == 403


def test_drop_and_reopen_endpoints(api_as, district_user, project_a):
    api = api_as(district_user)
    assert api.post(f"/api/v1/projects/{project_a.pk}/drop/", {}, format="json").status_code == 400
    resp = api.post(f"/api/v1/projects/{project_a.pk}/drop/", {"reason": "撤资"}, format="json")
    assert resp.json()["status"] == "dropped"
    resp = api.post(f"/api/v1/projects/{project_a.pk}/reopen/", {}, format="json")
    assert resp.json()["status"] == "active"


def test_history_endpoint(api_as, district_user, project_a):
    api = api_as(district_user)
    api.patch(
        f"/api/v1/projects/{project_a.pk}/", {"total_investment_cny_10k": "2500"}, format="json"
    )
    body = api.get(f"/api/v1/projects/{project_a.pk}/history/").json()
    assert body[0]["user"] == district_user.username
    assert {"field": "total_investment_cny_10k", "old": "1000.00", "new": "2500.00"} in body[0][
        "changes"
    ]


# ---- scope on every path ------------------------------------------------------------------


def test_district_sees_only_its_region(api_as, district_user, project_a, project_b):
    api = api_as(district_user)
    ids = [p["id"] for p in api.get("/api/v1/projects/").json()["results"]]
    assert ids == [project_a.pk]
    for path in ("", "history/"):
        assert api.get(f"/api/v1/projects/{project_b.pk}/{path}").status_code == 404
    assert (
        api.patch(f"/api/v1/projects/{project_b.pk}/", {"name_en": "x"}, format="json").status_code
        == 404
    )
    assert (
        api.post(
            f"/api/v1/projects/{project_b.pk}/transition/",
            {"to": "contract", "date": "2026-02-01"},
            format="json",
        ).status_code
        == 404
    )
    assert (
        api.post(
            f"/api/v1/projects/{project_b.pk}/drop/", {"reason": "x"}, format="json"
        ).status_code
        == 404
    )


def test_liaison_sees_assigned_projects_only(api_as, liaison_user, unit_a, project_a, project_b):
    from liaison.models import LiaisonAssignment

    LiaisonAssignment.objects.create(
        project=project_b, unit=unit_a, person=liaison_user, start_date=dt.date(2026, 2, 1)
    )
    api = api_as(liaison_user)
    ids = [p["id"] for p in api.get("/api/v1/projects/").json()["results"]]
    assert ids == [project_b.pk]
    assert api.get(f"/api/v1/projects/{project_a.pk}/").status_code == 404
    assert (
        api.patch(f"/api/v1/projects/{project_b.pk}/", {"name_en": "x"}, format="json").status_code
        == 403
    )


def test_office110_reads_all_but_cannot_write(api_as, office110_user, project_a, project_b):
    api = api_as(office110_user)
    assert api.get("/api/v1/projects/").json()["count"] == 2
    assert (
        api.patch(f"/api/v1/projects/{project_a.pk}/", {"name_en": "x"}, format="json").status_code
        == 403
    )


def test_capital_arrivals_scope_and_validation(api_as, district_user, project_a, project_b):
    api = api_as(district_user)
    ok = api.post(
        "/api/v1/capital-arrivals/",
        {
            "project": project_a.pk,
            "date": "2026-03-01",
            "amount": "100",
            "currency": "EUR",
            "usd_rate": "1.1",
        },
        format="json",
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["amount_usd_10k"] == "110.00"
    other = api.post(
        "/api/v1/capital-arrivals/",
        {"project": project_b.pk, "date": "2026-03-01", "amount": "100", "currency": "USD"},
        format="json",
    )
    assert other.status_code == 400
    assert "project" in other.json()
    no_rate = api.post(
        "/api/v1/capital-arrivals/",
        {"project": project_a.pk, "date": "2026-03-01", "amount": "100", "currency": "JPY"},
        format="json",
    )
    assert no_rate.status_code == 400
    assert "usd_rate" in no_rate.json()
    CapitalArrival.objects.create(
        project=project_b,
        date=dt.date(2026, 3, 1),
        amount=1,
        currency="USD",
        usd_rate=1,
        amount_usd_10k=1,
        recorded_by=district_user,
    )
    assert api.get("/api/v1/capital-arrivals/").json()["count"] == 1


def test_targets_api(api_as, bureau_user, district_user, region_a, region_b):
    bureau = api_as(bureau_user)
    resp = bureau.post("/api/v1/targets/", {"region": region_a.pk, "year": 2026}, format="json")
    assert resp.status_code == 201
    assert (resp.json()["negotiated"], resp.json()["approved"], resp.json()["started"]) == (4, 2, 1)
    again = bureau.post(
        "/api/v1/targets/", {"region": region_a.pk, "year": 2026, "approved": 3}, format="json"
    )
    assert again.json()["approved"] == 3
    assert RegionTarget.objects.count() == 1
    RegionTarget.objects.create(region=region_b, year=2026)
    district = api_as(district_user)
    regions = [t["region"] for t in district.get("/api/v1/targets/").json()["results"]]
    assert regions == [region_a.pk]
    assert (
        district.post(
            "/api/v1/targets/", {"region": region_a.pk, "year": 2027}, format="json"
        ).status_code
        == 403
    )


def test_filters_and_sort(api_as, bureau_user, region_a, region_b):
    ProjectFactory(region=region_a, total_investment_cny_10k=5, capital_source="hmt")
    ProjectFactory(
        region=region_a,
        total_investment_cny_10k=50,
        capital_source="foreign",
        industry=IndustrySection.objects.get(code="C"),
    )
    ProjectFactory(region=region_b, total_investment_cny_10k=500)
    api = api_as(bureau_user)
    r = api.get(f"/api/v1/projects/?region={region_a.pk}&sort=-investment").json()
    assert [p["total_investment_cny_10k"] for p in r["results"]] == ["50.00", "5.00"]
    assert api.get("/api/v1/projects/?capital_source=hmt").json()["count"] == 1
    assert api.get("/api/v1/projects/?industry=C").json()["count"] == 1
    assert api.get("/api/v1/projects/?stage=nonsense").status_code == 400


def _count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_api_list_query_count_does_not_grow(api_as, bureau_user, region_a):
    api = api_as(bureau_user)
    ProjectFactory.create_batch(10, region=region_a)
    ten = _count_queries(lambda: api.get("/api/v1/projects/?page_size=200"))
    ProjectFactory.create_batch(90, region=region_a)
    hundred = _count_queries(lambda: api.get("/api/v1/projects/?page_size=200"))
    assert ten == hundred


def test_arrival_filter_does_not_reveal_other_regions_projects(api_as, district_user, project_b):
    api = api_as(district_user)
    assert api.get(f"/api/v1/capital-arrivals/?project={project_b.pk}").status_code == 400
    assert api.get("/api/v1/capital-arrivals/?project=999999").status_code == 400
