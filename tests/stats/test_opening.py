"""Opening figures (issue 24, item 3): the figures published before the portal are the
comparison base only where the records do not reach back to last year's span; the bulletin
and the statistics page say so; the drift view shows where they and the records differ; the
template and the import; the API."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from rest_framework.test import APIClient

from config.errors import DomainError
from stats import services
from stats.bulletin import bulletin_text
from stats.drift import opening_drift
from stats.engine import compute_period
from stats.models import OpeningFigure, StatsFigure, StatsSnapshot
from stats.opening import opening_import, template_xlsx

D = Decimal
pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)


def _values(n, total, contracted, utilized, *, month=None):
    """The same figure for the month and the year to date unless `month` is given."""
    m = month or (n, total, contracted, utilized)
    return {
        "new_fie_count_month": m[0],
        "new_fie_count_ytd": n,
        "total_investment_cny_10k_month": D(m[1]),
        "total_investment_cny_10k_ytd": D(total),
        "contracted_fdi_usd_10k_month": D(m[2]),
        "contracted_fdi_usd_10k_ytd": D(contracted),
        "utilized_fdi_usd_10k_month": D(m[3]),
        "utilized_fdi_usd_10k_ytd": D(utilized),
    }


@pytest.fixture
def records(approve, arrive, region_a):
    """The records begin in February 2026: one project in region A, one arrival."""
    p = approve(dt.date(2026, 2, 1), region=region_a, total="100", fdi="10")
    arrive(p, dt.date(2026, 3, 1), "40")
    return p


@pytest.fixture
def opening(bureau_user, region_a):
    """November 2025 as published before the portal: the city and region A."""
    services.opening_figure_save(
        user=bureau_user, year=2025, month=11, values=_values(3, "300", "30", "50.5")
    )
    services.opening_figure_save(
        user=bureau_user, year=2025, month=11, region=region_a, values=_values(1, "80", "8", "20")
    )


def _by_scope(figures):
    return {(f.scope_type, f.scope_key): f for f in figures}


def test_opening_figures_are_the_base_where_the_records_begin_later(
    records, opening, region_a, region_b
):
    figures = _by_scope(compute_period(2026, 11))
    city = figures[("city", "")]
    # This year from the records; last year's span from the opening figures.
    assert (city.new_fie_count_ytd, city.utilized_fdi_usd_10k_ytd) == (1, D("40"))
    assert (
        city.new_fie_count_ytd_last_year,
        city.total_investment_cny_10k_ytd_last_year,
        city.contracted_fdi_usd_10k_ytd_last_year,
        city.utilized_fdi_usd_10k_ytd_last_year,
    ) == (3, D("300"), D("30"), D("50.5"))
    assert city.base_from_opening is True
    # By hand: (1 − 3) / 3 = −66.7 %; (100 − 300) / 300 = −66.7 %; (40 − 50.5) / 50.5 = −20.8 %.
    assert city.yoy_pct("new_fie_count") == D("-66.7")
    assert city.yoy_pct("utilized_fdi_usd_10k") == D("-20.8")
    a = figures[("region", str(region_a.pk))]
    assert (a.total_investment_cny_10k_ytd_last_year, a.base_from_opening) == (D("80"), True)
    assert a.yoy_pct("total_investment_cny_10k") == D("25.0")  # (100 − 80) / 80
    # Not the cumulative figures, and not a scope without opening figures.
    assert city.new_fie_count_cumulative == 1
    assert ("region", str(region_b.pk)) not in figures
    assert figures[("region_tree", str(region_a.pk))].base_from_opening is False


def test_records_that_cover_last_years_span_are_the_base(approve, records, opening, region_a):
    approve(dt.date(2024, 12, 20), region=region_a, total="7", fdi="1")  # records reach back
    city = _by_scope(compute_period(2026, 11))[("city", "")]
    assert (city.new_fie_count_ytd_last_year, city.base_from_opening) == (0, False)


def test_a_month_without_opening_figures_keeps_the_records(records, opening):
    city = _by_scope(compute_period(2026, 10))[("city", "")]
    assert (city.new_fie_count_ytd_last_year, city.base_from_opening) == (0, False)


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("zh-hans", "注：同比基数为原系统公布数。"),
        ("en", "Note: Growth against the figures published before the portal."),
    ],
)
def test_the_bulletin_says_where_growth_comes_from(lang, note):
    snapshot = StatsSnapshot.objects.create(year=2026, month=11, computed_at=timezone.now())
    StatsFigure.objects.create(
        snapshot=snapshot, scope_type="city", scope_key="", new_fie_count_ytd=4,
        new_fie_count_ytd_last_year=2, base_from_opening=True,
    )  # fmt: skip
    text = bulletin_text(snapshot, lang)
    assert text.splitlines()[-1] == note
    StatsFigure.objects.filter(snapshot=snapshot).update(base_from_opening=False)
    assert note not in bulletin_text(snapshot, lang)


@time_machine.travel(NOW, tick=False)
def test_the_statistics_page_says_so_too(client, bureau_user, records, opening):
    run = services.stats_run_create(user=bureau_user, year=2026, month=11)
    services.stats_run_execute(run_id=run.pk)
    client.force_login(bureau_user)
    with translation.override("en"):
        en = client.get(reverse("stats:overview") + "?period=2026-11&scope=city").content.decode()
    assert "Growth against the figures published before the portal." in en
    with translation.override("zh-hans"):
        zh = client.get(reverse("stats:overview") + "?period=2026-11&scope=city").content
    assert "同比基数为原系统公布数" in zh.decode()


def test_drift_shows_where_records_and_opening_figures_differ(records, bureau_user, region_a):
    # March 2026 as published before the portal went live, beside the records of March.
    services.opening_figure_save(
        user=bureau_user, year=2026, month=3,
        values=_values(1, "100", "10", "45", month=(0, "0", "0", "40")),
    )  # fmt: skip
    rows = {(r.metric, r.span): (r.published, r.now) for r in opening_drift(2026, 3, ("city", ""))}
    assert rows == {("utilized_fdi_usd_10k", "ytd"): (D("45"), D("40"))}
    assert opening_drift(2026, 4, ("city", "")) == []  # nothing entered for April
    assert opening_drift(2026, 3, ("region", str(region_a.pk))) == []


def test_saving_again_corrects_the_month_with_history(bureau_user):
    f1 = services.opening_figure_save(
        user=bureau_user, year=2025, month=5, values=_values(2, "1", "1", "1")
    )
    f2 = services.opening_figure_save(
        user=bureau_user, year=2025, month=5, values=_values(3, "1", "1", "1")
    )
    assert f1.pk == f2.pk
    assert OpeningFigure.objects.get().new_fie_count_ytd == 3
    assert [h.history_user for h in f2.history.all()] == [bureau_user, bureau_user]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"new_fie_count_ytd": 0}, "new_fie_count_ytd"),  # below the month
        ({"utilized_fdi_usd_10k_month": D(-1)}, "utilized_fdi_usd_10k_month"),
    ],
)
def test_refusals(bureau_user, change, field):
    with pytest.raises(DomainError) as err:
        services.opening_figure_save(
            user=bureau_user, year=2025, month=5, values=_values(2, "1", "1", "1") | change
        )
    assert err.value.field == field


def test_january_ytd_is_the_month_and_the_district_may_not(bureau_user, district_user):
    with translation.override("en"), pytest.raises(DomainError, match="January"):
        services.opening_figure_save(
            user=bureau_user, year=2025, month=1,
            values=_values(2, "1", "1", "1", month=(1, "1", "1", "1")),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.opening_figure_save(
            user=district_user, year=2025, month=2, values=_values(2, "1", "1", "1")
        )


def _csv(text):
    return SimpleUploadedFile("opening.csv", text.encode("utf-8-sig"), content_type="text/csv")


HEAD = (
    "year,month,region,new_fie_count_month,new_fie_count_ytd,total_investment_cny_10k_month,"
    "total_investment_cny_10k_ytd,contracted_fdi_usd_10k_month,contracted_fdi_usd_10k_ytd,"
    "utilized_fdi_usd_10k_month,utilized_fdi_usd_10k_ytd,source\n"
)


def test_import_checks_every_row_and_writes_nothing_with_an_error(bureau_user, region_a):
    region_a.code = "430702"
    region_a.save()
    body = (
        HEAD
        + "2025,2,,1,3,10,30,1,3,1,3,公报\n"
        + "2025,13,,1,3,10,30,1,3,1,3,\n"  # a month that is not one
        + "2025,2,999999,1,3,10,30,1,3,1,3,\n"  # an unknown region
        + "2025,2,430702,1,3,ten,30,1,3,1,3,\n"  # not a number
        + "2025,2,,1,3,10,30,1,3,1,3,\n"  # the first row again
    )
    with translation.override("en"):
        result = opening_import(user=bureau_user, uploaded=_csv(body))
    assert (result["valid"], result["invalid"], result["written"]) == (1, 4, 0)
    assert [(r["row"], r["errors"][0]["column"]) for r in result["rows"]] == [
        (3, "Month"),
        (4, "Region"),
        (5, "Total investment (10k CNY), month"),
        (6, "Month"),
    ]
    assert not OpeningFigure.objects.exists()


def test_import_writes_and_a_second_import_changes_nothing(bureau_user, region_a):
    region_a.code = "430702"
    region_a.save()
    body = HEAD + "2025,2,,1,3,10,30,1,3,1,3,公报\n2025,2,430702,1,1,5,5,0,0,0,0,\n"
    assert opening_import(user=bureau_user, uploaded=_csv(body), dry_run=True)["written"] == 0
    assert not OpeningFigure.objects.exists()
    assert opening_import(user=bureau_user, uploaded=_csv(body))["written"] == 2
    before = list(OpeningFigure.objects.order_by("pk").values())
    opening_import(user=bureau_user, uploaded=_csv(body))
    after = list(OpeningFigure.objects.order_by("pk").values())
    strip = [{k: v for k, v in r.items() if k != "updated_at"} for r in before]
    assert strip == [{k: v for k, v in r.items() if k != "updated_at"} for r in after]


@pytest.mark.parametrize(("lang", "first"), [("zh-hans", "年度"), ("en", "Year")])
def test_template_round_trip_in_each_language(bureau_user, lang, first):
    with translation.override(lang):
        body = template_xlsx()
    ws = load_workbook(io.BytesIO(body)).active
    header = [c.value for c in ws[1]]
    assert header[0] == first
    assert len(header) == 12
    upload = SimpleUploadedFile("t.xlsx", body)
    result = opening_import(user=bureau_user, uploaded=upload)  # the example row
    assert (result["written"], OpeningFigure.objects.get().total_investment_cny_10k_ytd) == (
        1,
        D("12000"),
    )


def test_api_enters_lists_and_imports(bureau_user, district_user):
    client = APIClient()
    client.force_authenticate(bureau_user)
    body = {"year": 2025, "month": 3, "region": None} | {
        k: str(v) for k, v in _values(2, "10", "1", "1.5").items()
    }
    resp = client.post("/api/v1/stats/opening-figures/", body, format="json")
    assert resp.status_code == 201, resp.content
    assert resp.json()["utilized_fdi_usd_10k_ytd"] == "1.50"
    assert client.get("/api/v1/stats/opening-figures/?year=2025").json()["count"] == 1
    bad = client.post(
        "/api/v1/stats/opening-figures/import/",
        {"file": _csv(HEAD + "2025,13,,1,1,1,1,1,1,1,1,\n")},
        format="multipart",
    )
    assert bad.status_code == 400
    assert bad.json()["rows"][0]["row"] == 2
    client.force_authenticate(district_user)
    assert client.get("/api/v1/stats/opening-figures/").status_code == 403


def test_a_published_period_on_opening_figures_shows_no_false_drift(request, bureau_user):
    from stats.drift import draft_stale_reason, drift

    with time_machine.travel(NOW, tick=True):
        request.getfixturevalue("records")  # recorded before the draft is computed
        request.getfixturevalue("opening")
        run = services.stats_run_create(user=bureau_user, year=2026, month=11)
        snapshot = services.stats_run_execute(run_id=run.pk).snapshot
        assert draft_stale_reason(snapshot) is None
        city = snapshot.figures.get(scope_type="city")
        assert city.base_from_opening
        assert drift(snapshot, city, ("city", "")) == []
        # A corrected opening figure of last year's month makes the draft stale.
        services.opening_figure_save(
            user=bureau_user, year=2025, month=11, values=_values(4, "300", "30", "50.5")
        )
        with translation.override("en"):
            assert "opening figures changed" in draft_stale_reason(snapshot)
