"""The stored forecast: a run per day, the backtest from the history tables, the API's scope,
the pages."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from forecast.models import ContributionSchedule, ForecastResult, ResultKind
from forecast.services import forecast_run, schedule_add
from projects.models import CapitalArrival, RegionTarget
from tests.factories import ProjectFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(*args):
    return time_machine.travel(dt.datetime(*args, 10, tzinfo=SHANGHAI), tick=False)


def _arrival(project, date, amount, user):
    return CapitalArrival.objects.create(
        project=project,
        date=date,
        amount=amount,
        usd_rate=1,
        amount_usd_10k=amount,
        recorded_by=user,
        region=project.region,
    )


def _history(region_a, region_b, user):
    """Recorded over 2025: in region A two projects signed in March (one approved in May, then
    started in July), one dropped; in region B one intent."""
    with at(2025, 3, 10):
        a1 = ProjectFactory(region=region_a, intent_date=dt.date(2025, 1, 5),
                            contract_date=dt.date(2025, 3, 1), stage="contract")  # fmt: skip
        a2 = ProjectFactory(region=region_a, intent_date=dt.date(2025, 1, 6),
                            contract_date=dt.date(2025, 3, 2), stage="contract")  # fmt: skip
        ProjectFactory(region=region_b, intent_date=dt.date(2025, 2, 1))
    with at(2025, 5, 20):
        a1.approval_date, a1.stage = dt.date(2025, 5, 15), "approval"
        a1.enterprise_type = "wfoe"
        a1.save()
    with at(2025, 7, 20):
        a1.groundbreaking_date, a1.stage = dt.date(2025, 7, 10), "groundbreaking"
        a1.save()
        _arrival(a1, dt.date(2025, 7, 15), Decimal("40"), user)
    with at(2025, 8, 1):
        a2.status = "dropped"
        a2.save()
    return a1, a2


@pytest.fixture
def history(region_a, region_b, bureau_user):
    return _history(region_a, region_b, bureau_user)


def _backtest(run, regions):
    """The month-end forecasts of the regions (and the city; a factory's investor brings a
    region of its own)."""
    return {
        (r.as_of, r.region_id, r.measure): (r.expected, r.p10, r.p90, r.to_date)
        for r in run.results.filter(kind=ResultKind.BACKTEST)
        if r.region_id in {None, *(x.pk for x in regions)}
    }


def test_a_run_stores_today_and_the_backtest(history, region_a, region_b):
    with at(2026, 6, 30):
        RegionTarget.objects.create(region=region_a, year=2026, approved=1, started=1)
        x = ProjectFactory(region=region_a, intent_date=dt.date(2026, 2, 1),
                           contract_date=dt.date(2026, 5, 31), stage="contract")  # fmt: skip
        run = forecast_run()
    assert (run.year, run.as_of, run.backtest_year) == (2026, dt.date(2026, 6, 30), 2025)
    today = {(r.region_id, r.measure): r for r in run.results.filter(kind=ResultKind.FORECAST)}
    approved = today[(region_a.pk, "approved")]
    assert approved.to_date == 0
    assert approved.target == 1
    assert approved.drivers[0]["project"] == x.pk
    assert 0 < approved.expected < 1
    # The city's expectation is the sum of its regions'.
    assert today[(None, "approved")].expected == sum(
        r.expected for (rid, m), r in today.items() if rid and m == "approved"
    )
    # The backtest: eleven month-ends of 2025, each scope and measure, beside the truth.
    back = run.results.filter(kind=ResultKind.BACKTEST)
    assert sorted({r.as_of.month for r in back}) == list(range(1, 12))
    end_of_april = back.get(as_of=dt.date(2025, 4, 30), region=region_a, measure="approved")
    assert end_of_april.to_date == 0
    assert end_of_april.actual == 1
    end_of_may = back.get(as_of=dt.date(2025, 5, 31), region=region_a, measure="approved")
    assert end_of_may.to_date == 1
    july = back.get(as_of=dt.date(2025, 7, 31), region=region_a, measure="utilized")
    assert july.to_date == 40
    assert july.actual == 40


def test_the_backtest_uses_only_what_was_known_at_each_date(
    history, region_a, region_b, bureau_user
):
    """A project entered in 2026 with an intent and a contract dated in 2025, and an arrival
    dated 2025 but recorded in 2026, change what came true for 2025 but no month-end forecast."""
    with at(2026, 3, 1):
        before = forecast_run()
    with at(2026, 3, 2):
        late = ProjectFactory(region=region_a, intent_date=dt.date(2025, 2, 3),
                              contract_date=dt.date(2025, 4, 1), stage="contract")  # fmt: skip
        _arrival(history[0], dt.date(2025, 6, 1), Decimal("25"), bureau_user)
    with at(2026, 3, 2):
        after = forecast_run(as_of=dt.date(2026, 3, 1))
    assert late.pk
    regions = (region_a, region_b)
    assert len(_backtest(before, regions)) == 11 * 3 * 4
    assert _backtest(before, regions) == _backtest(after, regions)
    truth = {
        (r.region_id, r.measure): r.actual
        for r in after.results.filter(kind=ResultKind.BACKTEST, as_of=dt.date(2025, 1, 31))
    }
    assert truth[(region_a.pk, "negotiated")] == 3  # the late project counts in the truth
    assert truth[(region_a.pk, "utilized")] == 65


def test_a_schedule_comes_before_the_lag(region_a, bureau_user):
    with at(2026, 6, 30):
        p = ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5),
                           contract_date=dt.date(2026, 2, 1), approval_date=dt.date(2026, 3, 1),
                           stage="approval", enterprise_type="wfoe")  # fmt: skip
        schedule_add(user=bureau_user, project=p, date=dt.date(2026, 9, 1),
                     amount_usd_10k=Decimal("30"))  # fmt: skip
        schedule_add(user=bureau_user, project=p, date=dt.date(2027, 3, 1),
                     amount_usd_10k=Decimal("70"))  # fmt: skip
        run = forecast_run()
    utilized = run.results.get(kind=ResultKind.FORECAST, region=region_a, measure="utilized")
    # Nothing was due yet, so the schedule is taken at its word: 30 this year, not 2027's 70.
    assert utilized.expected == 30
    assert utilized.drivers[0]["project"] == p.pk


def test_twice_on_the_same_day_gives_the_same_figures(history):
    with at(2026, 6, 30):
        one, two = forecast_run(), forecast_run()
    fields = ("kind", "as_of", "region_id", "measure", "expected", "p10", "p50", "p90")
    assert list(one.results.order_by(*fields).values_list(*fields)) == list(
        two.results.order_by(*fields).values_list(*fields)
    )


@pytest.fixture
def stored(history, region_a, region_b):
    with at(2026, 6, 30):
        return forecast_run()


def _get(user, query):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(reverse("api-forecast") + query)


def test_api_scope(stored, region_a, region_b, district_user, bureau_user, liaison_user):
    ok = _get(district_user, f"?scope=region:{region_a.pk}")
    assert ok.status_code == 200
    body = ok.json()
    assert body["year"] == 2026
    assert body["as_of"] == "2026-06-30"
    assert [r["measure"] for r in body["forecast"]] == [
        "negotiated", "approved", "started", "utilized"
    ]  # fmt: skip
    assert {r["as_of"] for r in body["backtest"]} >= {"2025-01-31", "2025-11-30"}
    assert _get(district_user, f"?scope=region:{region_b.pk}").status_code == 404
    assert _get(district_user, "?scope=city").status_code == 404
    assert _get(liaison_user, f"?scope=region:{region_a.pk}").status_code == 404
    assert _get(bureau_user, "?scope=city").status_code == 200
    assert _get(bureau_user, "?scope=region:999999").status_code == 404
    bad = _get(bureau_user, "?scope=district:1")
    assert bad.status_code == 400
    assert "scope" in bad.json()
    assert _get(bureau_user, "?year=1999").status_code == 400
    assert _get(bureau_user, "?year=2030").status_code == 404  # nothing computed for it


def test_pages(stored, client, bureau_user, district_user, region_a, region_b):
    client.force_login(bureau_user)
    with at(2026, 6, 30):
        page = client.get(reverse("forecast:page"))
        assert page.status_code == 200
        assert b'data-testid="forecast-scope"' in page.content
        assert b'data-testid="backtest"' in page.content
        targets = client.get(reverse("projects:targets"))
        assert b'data-testid="forecast-summary"' in targets.content
        assert b'data-testid="forecast-summary"' in client.get(reverse("staff:dashboard")).content
        client.force_login(district_user)
        assert client.get(reverse("forecast:page")).status_code == 200
        other = client.get(reverse("forecast:page") + f"?scope=region:{region_b.pk}")
        assert other.status_code == 404
        assert client.get(reverse("forecast:page") + "?scope=city").status_code == 404
    rows = ForecastResult.objects.filter(run=stored, kind=ResultKind.FORECAST)
    assert rows.filter(region=None).count() == 4


def test_schedule_page_adds_and_removes_with_history(
    client, region_a, region_b, district_user, office110_user
):
    with at(2026, 6, 30):
        own = ProjectFactory(region=region_a)
        other = ProjectFactory(region=region_b)
        client.force_login(district_user)
        url = reverse("forecast:schedule", args=[own.pk])
        bad = client.post(url, {"date": "2026-09-01", "amount_usd_10k": "0"})
        assert bad.status_code == 200
        assert own.contribution_schedule.count() == 0
        done = client.post(url, {"date": "2026-09-01", "amount_usd_10k": "30", "note": "首期"})
        assert done.status_code == 302
        item = own.contribution_schedule.get()
        assert item.recorded_by == district_user
        assert item.history.get().history_user == district_user
        other_url = reverse("forecast:schedule", args=[other.pk])
        assert (
            client.post(other_url, {"date": "2026-09-01", "amount_usd_10k": "1"}).status_code == 404
        )
        client.force_login(office110_user)
        assert client.get(url).status_code == 200
        assert client.post(url, {"date": "2026-09-01", "amount_usd_10k": "1"}).status_code == 403
        client.force_login(district_user)
        delete = reverse("forecast:schedule_delete", args=[own.pk, item.pk])
        assert client.post(delete, {"reason": ""}).status_code == 302
        assert own.contribution_schedule.count() == 1
        assert client.post(delete, {"reason": "录入错误"}).status_code == 302
        assert own.contribution_schedule.count() == 0
        gone = ContributionSchedule.history.filter(id=item.pk).order_by("-history_id").first()
        assert gone.history_type == "-"
        assert gone.history_change_reason == "录入错误"
