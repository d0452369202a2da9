import datetime as dt
from decimal import Decimal

import pytest

from stats.models import ReferenceFigure, StatsRun, StatsSnapshot

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(bureau_user, approve, arrive, region_a, django_capture_on_commit_callbacks, api_as):
    p = approve(
        dt.date(2026, 5, 1),
        region=region_a,
        total="100",
        fdi="10",
        source="hmt",
        country="HK",
        industry="A",
    )
    arrive(p, dt.date(2026, 6, 1), "5")
    with django_capture_on_commit_callbacks(execute=True):
        resp = api_as(bureau_user).post("/api/v1/stats/runs/", {"period": "2026-10"}, format="json")
    assert resp.status_code == 202, resp.json()
    return resp.json()


def test_run_lifecycle(computed, api_as, bureau_user):
    run = api_as(bureau_user).get(f"/api/v1/stats/runs/{computed['id']}/").json()
    assert (run["status"], run["progress"], run["period"]) == ("succeeded", 100, "2026-10")
    assert StatsSnapshot.objects.get(pk=run["snapshot"]).status == "draft"


@pytest.mark.parametrize("period", ["2026-13", "2026-1", "abc", ""])
def test_run_bad_period_is_400(api_as, bureau_user, period):
    resp = api_as(bureau_user).post("/api/v1/stats/runs/", {"period": period}, format="json")
    assert resp.status_code == 400
    assert "period" in resp.json()
    assert not StatsRun.objects.exists()


def test_run_needs_bureau(api_as, district_user):
    resp = api_as(district_user).post("/api/v1/stats/runs/", {"period": "2026-10"}, format="json")
    assert resp.status_code == 403


@pytest.mark.parametrize(
    ("scope", "key", "ytd_count"),
    [
        ("city", "", 1),
        ("A", "A", 1),
        ("hmt", "hmt", 1),
        ("country:HK", "HK", 1),
        ("three_industry:primary", "primary", 1),
        ("enterprise_type:wfoe", "wfoe", 1),
    ],
)
def test_fdi_scopes(computed, api_as, bureau_user, scope, key, ytd_count):
    resp = api_as(bureau_user).get(f"/api/v1/stats/fdi/?period=2026-10&scope={scope}")
    assert resp.status_code == 200, resp.json()
    body = resp.json()
    assert body["scope"]["key"] == key
    assert body["metrics"]["new_fie_count"]["ytd"] == ytd_count
    assert body["metrics"]["total_investment_cny_10k"]["ytd"] == "100.00"
    assert body["metrics"]["total_investment_cny_10k"]["yoy_pct"] is None
    assert body["snapshot"]["status"] == "draft"


def test_fdi_region_scope(computed, api_as, bureau_user, region_a):
    body = api_as(bureau_user).get(f"/api/v1/stats/fdi/?period=2026-10&scope={region_a.pk}").json()
    assert body["metrics"]["utilized_fdi_usd_10k"]["ytd"] == "5.00"


def test_fdi_errors(computed, api_as, bureau_user):
    api = api_as(bureau_user)
    assert api.get("/api/v1/stats/fdi/?period=2026-10&scope=nonsense").status_code == 400
    assert api.get("/api/v1/stats/fdi/?period=20261").status_code == 400
    assert api.get("/api/v1/stats/fdi/?period=2026-09").status_code == 404
    assert api.get("/api/v1/stats/fdi/?period=2026-10&scope=country:ZZ").status_code == 404


def test_bulletin_api_both_languages(computed, api_as, bureau_user):
    api = api_as(bureau_user)
    zh = api.get("/api/v1/stats/bulletin/?period=2026-10").json()["text"]
    en = api.get("/api/v1/stats/bulletin/?period=2026-10&lang=en").json()["text"]
    assert "全市新设立外商投资企业1家，总投资100万元" in zh
    assert "1 new foreign-invested enterprise was established in the city, with" in en
    assert api.get("/api/v1/stats/bulletin/?period=2026-10&lang=fr").status_code == 400


def test_publish_and_revise_via_api(
    computed, api_as, bureau_user, django_capture_on_commit_callbacks
):
    api = api_as(bureau_user)
    snapshot_id = StatsSnapshot.objects.get().pk
    assert api.post(f"/api/v1/stats/snapshots/{snapshot_id}/publish/").json()["status"] == (
        "published"
    )
    refused = api.post("/api/v1/stats/runs/", {"period": "2026-10"}, format="json")
    assert refused.status_code == 400
    assert "revision_reason" in refused.json()
    with django_capture_on_commit_callbacks(execute=True):
        ok = api.post(
            "/api/v1/stats/runs/", {"period": "2026-10", "revision_reason": "更正"}, format="json"
        )
    assert ok.status_code == 202
    versions = api.get("/api/v1/stats/snapshots/?year=2026&month=10").json()["results"]
    assert sorted((v["version"], v["status"]) for v in versions) == [
        (1, "superseded"),
        (2, "published"),
    ]


def test_stats_pages(computed, client, bureau_user, district_user):
    client.force_login(district_user)
    body = client.get("/en/staff/stats/?period=2026-10&breakdown=country").content.decode()
    assert "Hong Kong" in body
    assert 'data-testid="publish"' not in body  # district staff read only
    assert client.post("/en/staff/stats/compute/", {"period": "2026-10"}).status_code == 403
    assert StatsRun.objects.count() == 1  # refused: nothing queued
    client.force_login(bureau_user)
    assert 'data-testid="publish"' in client.get("/en/staff/stats/?period=2026-10").content.decode()
    bulletin = client.get("/zh-hans/staff/stats/bulletin/?period=2026-10").content.decode()
    assert "全市新设立外商投资企业1家" in bulletin
    assert "1 new foreign-invested enterprise was established in the city" in bulletin


def test_export_xlsx_in_language(computed, client, bureau_user):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(bureau_user)
    resp = client.get("/zh-hans/staff/stats/export.xlsx?period=2026-10")
    wb = load_workbook(BytesIO(resp.content))
    assert "全市" in wb.sheetnames
    # The official table: indicators down, spans across.
    ws = wb["全市"]
    headers = [c.value for c in ws[2]]
    assert headers[1:] == ["指标", "本月", "本年累计", "上年同期", "同比（%）", "历年累计"]
    indicators = [ws.cell(row=r, column=2).value for r in range(3, ws.max_row + 1)]
    assert indicators[0] == "新设立外商投资企业数"
    assert ws.max_column == 7
    en = load_workbook(BytesIO(client.get("/en/staff/stats/export.xlsx?period=2026-10").content))
    ws = en["Whole city"]
    assert [c.value for c in ws[2]][1:3] == ["Indicator", "Month"]
    assert ws.cell(row=3, column=2).value == "New FIEs"
    for row in ws.iter_rows(min_row=3):
        for c in row[2:]:
            if isinstance(c.value, int | float):
                assert c.number_format in ("#,##0", "#,##0.00", "0.0"), c.number_format


def test_reference_figures_page(client, bureau_user, district_user):
    client.force_login(district_user)
    assert client.get("/en/staff/stats/reference/new/").status_code == 403
    client.force_login(bureau_user)
    resp = client.post(
        "/en/staff/stats/reference/new/",
        {
            "scope": "province",
            "year": 2026,
            "month": 10,
            "new_fie_count": 486,
            "new_fie_count_yoy_pct": "18.25",
            "contracted_fdi_usd_10k": "183282",
            "utilized_fdi_usd_10k": "104534",
        },
    )
    assert resp.status_code == 302
    assert ReferenceFigure.objects.get().new_fie_count == 486
    bad = client.post(
        "/en/staff/stats/reference/new/", {"scope": "province", "year": 2026, "month": 13}
    )
    assert bad.status_code == 200
    assert ReferenceFigure.objects.count() == 1


def test_compare_versions_page(
    computed, client, bureau_user, approve, region_a, django_capture_on_commit_callbacks
):
    from stats import services

    snapshot = StatsSnapshot.objects.get()
    services.stats_snapshot_publish(user=bureau_user, snapshot=snapshot)
    approve(dt.date(2026, 7, 1), region=region_a, total="900", fdi="90")
    with django_capture_on_commit_callbacks(execute=True):
        services.stats_run_request(user=bureau_user, year=2026, month=10, revision_reason="补录")
    client.force_login(bureau_user)
    body = client.get("/en/staff/stats/compare/?period=2026-10").content.decode()
    assert "补录" in body
    assert ">1,000<" in body


def test_stats_page_scope_filter(computed, client, bureau_user, district_user, region_a):
    client.force_login(district_user)
    resp = client.get("/en/staff/stats/?period=2026-10")
    assert resp.context["scope_label"] == "District A"  # a district opens on its own figures
    client.force_login(bureau_user)
    assert client.get("/en/staff/stats/?period=2026-10").context["scope_label"] == "Whole city"
    resp = client.get(f"/en/staff/stats/?period=2026-10&scope=region:{region_a.pk}")
    assert resp.context["city"].utilized_fdi_usd_10k_ytd == 5
    assert client.get("/en/staff/stats/?period=2026-10&scope=bogus").status_code == 200
