"""The statistics role matrix (DESIGN.md section 6) on the pages, the API and the export:
published figures for every signed-in role; drafts, runs and revisions for admin, bureau and
the 110 office; district staff also their own region's drafts (with its zones); liaison staff
published figures only. A draft outside a user's scope answers 404."""

import datetime as dt

import pytest

from stats import services
from stats.models import SnapshotStatus, StatsRun
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "admin_user",
    "bureau_user",
    "office110_user",
    "district_user",
    "district_user_b",
    "liaison_user",
]
READS_ALL = {"admin_user", "bureau_user", "office110_user"}


@pytest.fixture
def periods(bureau_user, approve, arrive, region_a, region_b):
    """September 2026 published and revised (two versions), October 2026 a draft; a zone
    project under region A."""
    zone = RegionFactory(kind="dev_zone", parent=region_a, code="", name_en="Zone A")
    p = approve(dt.date(2026, 9, 3), region=region_a, total="100", fdi="10")
    approve(dt.date(2026, 10, 3), region=zone, total="40", fdi="4")
    approve(dt.date(2026, 10, 4), region=region_b, total="7", fdi="1")
    arrive(p, dt.date(2026, 9, 20), "5")
    for reason in ("", "复核"):
        run = services.stats_run_create(
            user=bureau_user, year=2026, month=9, revision_reason=reason
        )
        snapshot = services.stats_run_execute(run_id=run.pk).snapshot
        if snapshot.status == SnapshotStatus.DRAFT:
            services.stats_snapshot_publish(user=bureau_user, snapshot=snapshot)
    run = services.stats_run_create(user=bureau_user, year=2026, month=10)
    draft = services.stats_run_execute(run_id=run.pk).snapshot
    return {"zone": zone, "draft": draft, "run": run}


def _user(request, role):
    return request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
def test_published_figures_for_every_role(request, role, periods, client, api_as):
    user = _user(request, role)
    client.force_login(user)
    page = client.get("/en/staff/stats/?period=2026-09&scope=city")
    assert page.status_code == 200
    assert page.context["snapshot"].status == SnapshotStatus.PUBLISHED
    assert page.context["city"].new_fie_count_ytd == 1
    api = api_as(user)
    assert api.get("/api/v1/stats/fdi/?period=2026-09&scope=country:DE").status_code == 200
    assert client.get("/en/staff/stats/bulletin/?period=2026-09").status_code == 200
    assert client.get("/en/staff/stats/export.xlsx?period=2026-09").status_code == 200
    body = api.get("/api/v1/stats/snapshots/").json()
    reason_shown = any("revision_reason" in s for s in body["results"])
    assert reason_shown == (role in READS_ALL)


@pytest.mark.parametrize("role", ROLES)
def test_city_draft_only_for_those_who_read_drafts(request, role, periods, client, api_as):
    user = _user(request, role)
    client.force_login(user)
    allowed = role in READS_ALL
    page = client.get("/en/staff/stats/?period=2026-10&scope=city")
    assert (page.context["snapshot"] is not None) == allowed
    if not allowed:
        assert b"2026-10" in page.content
        assert page.context.get("city") is None
    api = api_as(user)
    assert api.get("/api/v1/stats/fdi/?period=2026-10").status_code == (200 if allowed else 404)
    bulletin = client.get("/en/staff/stats/bulletin/?period=2026-10")
    assert bulletin.status_code == (200 if allowed else 404)
    runs = api.get("/api/v1/stats/runs/").json()
    assert (runs["count"] > 0) == allowed
    run_detail = api.get(f"/api/v1/stats/runs/{periods['run'].pk}/")
    assert run_detail.status_code == (200 if allowed else 404)
    assert client.get(f"/en/staff/stats/runs/{periods['run'].pk}/").status_code == (
        200 if allowed else 404
    )
    assert client.get("/en/staff/stats/compare/?period=2026-09").status_code == (
        200 if allowed else 404
    )
    ids = {s["id"] for s in api.get("/api/v1/stats/snapshots/?status=draft").json()["results"]}
    assert (periods["draft"].pk in ids) == (
        allowed or role == "district_user" or role == "district_user_b"
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("district_user", 200),
        ("district_user_b", 404),
        ("liaison_user", 404),
        ("office110_user", 200),
    ],
)
def test_district_reads_its_own_draft_with_zones(request, role, status, periods, region_a, api_as):
    api = api_as(_user(request, role))
    resp = api.get(f"/api/v1/stats/fdi/?period=2026-10&scope=region_tree:{region_a.pk}")
    assert resp.status_code == status
    if status == 200:
        assert resp.json()["metrics"]["new_fie_count"]["month"] == 1  # the zone's project
        assert resp.json()["scope"]["label"].endswith("（含所辖开发区）")


def test_district_page_opens_on_its_region_with_zones(periods, client, district_user, region_a):
    client.force_login(district_user)
    page = client.get("/en/staff/stats/?period=2026-10")
    assert page.context["scope_label"] == "District A with its zones"
    assert page.context["snapshot"].status == SnapshotStatus.DRAFT
    assert page.context["city"].new_fie_count_month == 1
    # Only its own regions' rows of the draft, in the table and the export.
    keys = {r["f"].scope_key for r in page.context["rows"]}
    assert keys <= {str(region_a.pk), str(periods["zone"].pk)}
    assert keys


def test_district_export_of_a_draft_holds_only_its_regions(periods, client, district_user_b):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(district_user_b)
    resp = client.get("/en/staff/stats/export.xlsx?period=2026-10")
    assert resp.status_code == 200
    wb = load_workbook(BytesIO(resp.content))
    labels = [ws.cell(row=r, column=1).value for ws in wb for r in range(3, ws.max_row + 1)]
    assert labels
    assert all("District B" in label for label in labels)


def test_liaison_export_of_a_draft_is_404(periods, client, liaison_user):
    client.force_login(liaison_user)
    assert client.get("/en/staff/stats/export.xlsx?period=2026-10").status_code == 404


@pytest.mark.parametrize("role", ["office110_user", "district_user", "liaison_user"])
def test_only_bureau_publishes(request, role, periods, client, api_as):
    user = _user(request, role)
    resp = api_as(user).post(f"/api/v1/stats/snapshots/{periods['draft'].pk}/publish/")
    assert resp.status_code in (403, 404)
    client.force_login(user)
    client.post(f"/en/staff/stats/snapshots/{periods['draft'].pk}/publish/", {"confirm": "yes"})
    periods["draft"].refresh_from_db()
    assert periods["draft"].status == SnapshotStatus.DRAFT
    assert not StatsRun.objects.filter(requested_by=user).exists()
