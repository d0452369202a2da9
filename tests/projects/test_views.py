import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from projects import services
from projects.models import Project, StageMove
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_a(region_a):
    return ProjectFactory(region=region_a, name_zh_hans="甲区项目", name_en="Project in A")


@pytest.fixture
def project_b(region_b):
    return ProjectFactory(region=region_b, name_zh_hans="乙区项目", name_en="Project in B")


@pytest.fixture
def evidence_move(district_user_b, project_b):
    pdf = SimpleUploadedFile("合同.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    return services.project_transition(
        user=district_user_b,
        project=project_b,
        to="contract",
        date=dt.date(2026, 2, 1),
        evidence=pdf,
    )


def test_list_shows_only_own_region(client, district_user, project_a, project_b):
    client.force_login(district_user)
    body = client.get("/en/staff/projects/").content.decode()
    assert "Project in A" in body
    assert "Project in B" not in body


def test_other_regions_project_is_404_on_every_path(
    client, district_user, project_b, evidence_move
):
    client.force_login(district_user)
    pk = project_b.pk
    for path in (
        "",
        "edit/",
        "move/",
        "activities/new/",
        "arrivals/new/",
        f"evidence/{evidence_move.pk}/",
    ):
        assert client.get(f"/en/staff/projects/{pk}/{path}").status_code == 404, path
    for path in ("drop/", "hold/", "reopen/"):
        assert client.post(f"/en/staff/projects/{pk}/{path}", {"reason": "x"}).status_code == 404
    project_b.refresh_from_db()
    assert project_b.status == "active"


def test_board_opens_on_the_first_column_with_projects(client, district_user, region_a):
    """On a phone the board shows one column at a time: the page names the first column with
    projects (static/js/portal.js scrolls there), never an empty one (issue #27)."""
    ProjectFactory(region=region_a, stage="contract", name_en="Signed one")
    client.force_login(district_user)
    board = client.get("/en/staff/projects/board/").content.decode()
    assert 'data-board-start="contract"' in board
    assert 'id="stage-contract"' in board
    assert 'class="board-col board-col-empty" id="stage-intent"' in board
    ProjectFactory(region=region_a, stage="intent")
    board = client.get("/en/staff/projects/board/").content.decode()
    assert 'data-board-start="intent"' in board


def test_board_and_export_are_scoped(client, district_user, project_a, project_b):
    client.force_login(district_user)
    board = client.get("/en/staff/projects/board/").content.decode()
    assert "Project in A" in board
    assert "Project in B" not in board
    resp = client.get("/en/staff/projects/export.xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(resp.content)).active
    names = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["Project in A"]


def test_export_follows_filters_and_language(client, bureau_user, project_a, project_b):
    client.force_login(bureau_user)
    resp = client.get(f"/zh-hans/staff/projects/export.xlsx?region={project_b.region_id}")
    ws = load_workbook(BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert "总投资（万元）" in rows[0]
    assert [r[1] for r in rows[1:]] == ["乙区项目"]


def test_evidence_served_to_owner_region(client, district_user_b, evidence_move, project_b):
    client.force_login(district_user_b)
    resp = client.get(f"/en/staff/projects/{project_b.pk}/evidence/{evidence_move.pk}/")
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content).startswith(b"%PDF")


def test_create_form_in_own_region(client, district_user, region_a):
    client.force_login(district_user)
    resp = client.post(
        "/en/staff/projects/new/",
        {
            "name_zh_hans": "石膏板项目",
            "name_en": "Gypsum board",
            "region": region_a.pk,
            "category": "resource",
            "capital_source": "foreign",
            "total_investment_cny_10k": "100",
            "contracted_fdi_usd_10k": "10",
            "intent_date": "2026-03-01",
        },
    )
    assert resp.status_code == 302
    p = Project.objects.get()
    assert (p.stage, p.intent_date, p.created_by) == ("intent", dt.date(2026, 3, 1), district_user)
    # Saved from the English page: each language keeps its own text.
    assert (p.name_zh_hans, p.name_en) == ("石膏板项目", "Gypsum board")


def test_create_form_refuses_other_region_and_keeps_input(client, district_user, region_b):
    client.force_login(district_user)
    resp = client.post(
        "/en/staff/projects/new/",
        {
            "name_zh_hans": "越界项目",
            "region": region_b.pk,
            "category": "other",
            "capital_source": "foreign",
            "total_investment_cny_10k": "100",
            "contracted_fdi_usd_10k": "0",
        },
    )
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "越界项目" in body
    assert "Select a valid choice" in body
    assert not Project.objects.exists()


def test_create_form_shows_domain_error_on_field(client, district_user, region_a):
    client.force_login(district_user)
    resp = client.post(
        "/en/staff/projects/new/",
        {
            "name_zh_hans": "内资项目",
            "region": region_a.pk,
            "category": "other",
            "capital_source": "domestic",
            "total_investment_cny_10k": "100",
            "contracted_fdi_usd_10k": "50",
        },
    )
    assert resp.status_code == 200
    assert "A domestic project has no contracted foreign capital." in resp.content.decode()


def test_move_form_refuses_future_date_with_message(client, district_user, project_a):
    client.force_login(district_user)
    future = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    resp = client.post(
        f"/en/staff/projects/{project_a.pk}/move/", {"to": "contract", "date": future, "note": "x"}
    )
    assert resp.status_code == 200
    assert "The date cannot be in the future." in resp.content.decode()
    assert not StageMove.objects.exists()


def test_move_form_rejects_non_evidence_file(client, district_user, project_a):
    client.force_login(district_user)
    exe = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    resp = client.post(
        f"/en/staff/projects/{project_a.pk}/move/",
        {"to": "contract", "date": "2026-02-01", "evidence": exe},
    )
    assert resp.status_code == 200
    assert "must be a PDF or an image" in resp.content.decode()


def test_office110_reads_detail_but_cannot_edit(client, office110_user, project_a):
    client.force_login(office110_user)
    assert client.get(f"/en/staff/projects/{project_a.pk}/").status_code == 200
    assert client.get(f"/en/staff/projects/{project_a.pk}/edit/").status_code == 403
    assert client.get("/en/staff/projects/new/").status_code == 403


def test_detail_shows_history_with_user(client, district_user, project_a):
    services.project_update(
        user=district_user, project=project_a, data={"total_investment_cny_10k": 4321}
    )
    client.force_login(district_user)
    body = client.get(f"/en/staff/projects/{project_a.pk}/").content.decode()
    assert "4321" in body
    assert district_user.username in body


def test_invalid_filter_value_is_not_a_500(client, bureau_user, project_a):
    client.force_login(bureau_user)
    resp = client.get("/en/staff/projects/?year=abc&region=999999&sort=bogus")
    assert resp.status_code == 200


def test_missing_english_name_is_flagged(client, bureau_user, region_a):
    ProjectFactory(region=region_a, name_zh_hans="无英文名项目", name_en="")
    client.force_login(bureau_user)
    body = client.get("/en/staff/projects/").content.decode()
    assert "无英文名项目" in body
    assert "no English name yet" in body


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_page_query_count_is_constant(client, bureau_user, region_a):
    client.force_login(bureau_user)
    ProjectFactory.create_batch(10, region=region_a)
    ten = _queries(client, "/en/staff/projects/")
    ProjectFactory.create_batch(90, region=region_a)
    hundred = _queries(client, "/en/staff/projects/")
    assert ten == hundred


def test_dashboard_flags_stalled_projects(client, district_user, region_a):
    today = timezone.localdate()
    ProjectFactory(
        region=region_a, name_en="Yellow one", last_activity_on=today - dt.timedelta(days=61)
    )
    ProjectFactory(
        region=region_a, name_en="Red one", last_activity_on=today - dt.timedelta(days=91)
    )
    ProjectFactory(region=region_a, name_en="Fresh one", last_activity_on=today)
    client.force_login(district_user)
    resp = client.get("/en/staff/")
    body = resp.content.decode()
    assert "flag-red" in body
    assert "flag-yellow" in body
    flagged = {p.name_en: p.stall_level for p in resp.context["stalled"]}
    assert flagged == {"Red one": "red", "Yellow one": "yellow"}


def test_dashboard_funnel_and_targets(client, bureau_user, district_user, region_a):
    services.target_set(user=bureau_user, region=region_a, year=timezone.localdate().year)
    p = ProjectFactory(region=region_a, intent_date=dt.date(timezone.localdate().year, 1, 2))
    services.project_transition(
        user=district_user, project=p, to="contract", date=dt.date(timezone.localdate().year, 1, 3)
    )
    client.force_login(district_user)
    resp = client.get("/en/staff/")
    funnel = {row["stage"]: row["count"] for row in resp.context["funnel"]}
    assert funnel["intent"] == 1
    assert funnel["contract"] == 1
    progress = resp.context["progress"]
    assert [row.region for row in progress] == [region_a]
    assert progress[0].negotiated == 1
    assert progress[0].target.negotiated == 4


def test_stalled_thresholds_are_configurable(client, district_user, region_a, settings):
    settings.STALLED_YELLOW_DAYS = 10
    ProjectFactory(
        region=region_a,
        name_en="Eleven days",
        last_activity_on=timezone.localdate() - dt.timedelta(days=11),
    )
    client.force_login(district_user)
    stalled = client.get("/en/staff/").context["stalled"]
    assert [p.name_en for p in stalled] == ["Eleven days"]


def test_targets_page_edit_by_bureau_only(client, bureau_user, district_user, region_a):
    year = timezone.localdate().year
    client.force_login(district_user)
    assert client.get(f"/en/staff/projects/targets/{region_a.pk}/{year}/").status_code == 403
    client.force_login(bureau_user)
    resp = client.post(
        f"/en/staff/projects/targets/{region_a.pk}/{year}/",
        {
            "negotiated": 5,
            "approved": 3,
            "started": 2,
            "utilized_fdi_usd_10k": "800",
            "contracted_fdi_usd_10k": "1500",
        },
    )
    assert resp.status_code == 302
    assert region_a.targets.get(year=year).approved == 3


def test_targets_page_flags_the_targets_not_set_before_the_appraisal(
    client, bureau_user, region_a, region_b
):
    """The appraisal treats a target not set as missing data: the targets page names each
    region and measure beforehand (B has no row; A no contracted-capital target)."""
    from projects.models import RegionTarget

    RegionTarget.objects.create(region=region_a, year=2026, utilized_fdi_usd_10k=100)
    client.force_login(bureau_user)
    html = client.get("/en/staff/projects/targets/?year=2026").content.decode()
    panel = html.split('data-testid="missing-targets"')[1].split("</section>")[0]
    rows = {li.split(":")[0]: li for li in panel.split("<li>")[1:]}
    assert "District A" in rows
    assert "contracted foreign capital" in rows["District A"]
    assert "utilized foreign capital" not in rows["District A"]
    assert "no targets for the year" in rows["District B"]
    assert "utilized foreign capital, contracted foreign capital" in rows["District B"]
    zh = client.get("/zh-hans/staff/projects/targets/?year=2026").content.decode()
    assert "实际使用外资、合同外资" in zh
    RegionTarget.objects.filter(region=region_a).update(contracted_fdi_usd_10k=50)
    html = client.get("/en/staff/projects/targets/?year=2026").content.decode()
    panel = html.split('data-testid="missing-targets"')[1].split("</section>")[0]
    assert "District A" not in panel


def test_evidence_type_comes_from_content_not_uploaded_name(client, district_user_b, project_b):
    html = SimpleUploadedFile(
        "x.html", b"%PDF-1.4<script>alert(1)</script>", content_type="text/html"
    )
    move = services.project_transition(
        user=district_user_b,
        project=project_b,
        to="contract",
        date=dt.date(2026, 2, 1),
        evidence=html,
    )
    client.force_login(district_user_b)
    resp = client.get(f"/en/staff/projects/{project_b.pk}/evidence/{move.pk}/")
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Security-Policy"] == "sandbox"


@pytest.mark.parametrize("year", ["0", "-1", "99999"])
def test_out_of_range_year_filter_is_not_a_500(client, api_as, bureau_user, project_a, year):
    client.force_login(bureau_user)
    assert client.get(f"/en/staff/projects/?year={year}").status_code == 200
    assert client.get(f"/en/staff/projects/export.xlsx?year={year}").status_code == 400
    assert client.get(f"/en/staff/projects/board/?year={year}").status_code == 200
    assert api_as(bureau_user).get(f"/api/v1/projects/?year={year}").status_code == 400


def test_log_activity_and_record_arrival_pages(client, district_user, project_a):
    client.force_login(district_user)
    resp = client.post(
        f"/en/staff/projects/{project_a.pk}/activities/new/",
        {"date": timezone.localdate().isoformat(), "kind": "visit", "summary": "Visited the site"},
    )
    assert resp.status_code == 302
    project_a.refresh_from_db()
    assert project_a.last_activity_on == timezone.localdate()
    bad = client.post(
        f"/en/staff/projects/{project_a.pk}/arrivals/new/",
        {"date": "2026-03-01", "amount": "10", "currency": "JPY"},
    )
    assert bad.status_code == 200
    assert "Give the rate to USD" in bad.content.decode()
    ok = client.post(
        f"/en/staff/projects/{project_a.pk}/arrivals/new/",
        {"date": "2026-03-01", "amount": "10", "currency": "USD"},
    )
    assert ok.status_code == 302
    assert project_a.capital_arrivals.get().amount_usd_10k == 10
