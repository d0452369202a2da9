"""Domestic capital from outside the province (到位省外资金): recorded on domestic projects
only, with history; counted by the engine for every span and scope (computed by hand here for
two regions, a district with its zone, and the city); in the bulletin in both languages."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from config.errors import DomainError
from projects import services
from projects.models import DomesticArrival
from stats.bulletin import city_paragraph
from stats.engine import compute_period
from stats.models import ScopeType
from tests.factories import RegionFactory

D = Decimal
pytestmark = pytest.mark.django_db


def by_scope(figures):
    return {(f.scope_type, f.scope_key): f for f in figures}


@pytest.fixture
def domestic(approve):
    def _domestic(date, region, industry="C"):
        return approve(
            date, region=region, total="500", source="domestic", etype="domestic",
            country="CN", industry=industry,
        )  # fmt: skip

    return _domestic


@pytest.fixture
def record(bureau_user):
    def _record(project, date, amount, province="32"):
        return services.domestic_arrival_create(
            user=bureau_user,
            project=project,
            date=date,
            amount_cny_10k=D(amount),
            source_province=province,
        )

    return _record


@time_machine.travel(dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC), tick=False)
def test_two_scopes_by_hand(domestic, approve, record, region_a, region_b):
    zone = RegionFactory(parent=region_a, kind="zone")
    a = domestic(dt.date(2025, 3, 1), region_a)
    z = domestic(dt.date(2026, 1, 10), zone, industry="I")
    b = domestic(dt.date(2026, 2, 1), region_b, industry="A")
    record(a, dt.date(2026, 11, 2), "100.50")  # month, ytd
    record(a, dt.date(2025, 10, 31), "40")  # last year's same span
    record(a, dt.date(2025, 12, 1), "7")  # last year, after November: cumulative only
    record(z, dt.date(2026, 11, 30), "20", province="11")  # the month's last day
    record(b, dt.date(2026, 6, 1), "60.25", province="44")
    record(b, dt.date(2026, 12, 1), "999")  # after the period: nowhere
    # A foreign project's capital is never domestic capital.
    approve(dt.date(2026, 3, 1), region=region_b, total="100", fdi="10")

    f = by_scope(compute_period(2026, 11))
    ra = f[(ScopeType.REGION, str(region_a.pk))]
    assert (
        ra.domestic_capital_cny_10k_month,
        ra.domestic_capital_cny_10k_ytd,
        ra.domestic_capital_cny_10k_ytd_last_year,
        ra.domestic_capital_cny_10k_cumulative,
    ) == (D("100.50"), D("100.50"), D("40"), D("147.50"))
    tree = f[(ScopeType.REGION_TREE, str(region_a.pk))]  # district with its zone
    assert (tree.domestic_capital_cny_10k_month, tree.domestic_capital_cny_10k_ytd) == (
        D("120.50"),
        D("120.50"),
    )
    rb = f[(ScopeType.REGION, str(region_b.pk))]
    assert (rb.domestic_capital_cny_10k_month, rb.domestic_capital_cny_10k_ytd) == (
        D("0"),
        D("60.25"),
    )
    assert rb.utilized_fdi_usd_10k_ytd == 0
    city = f[(ScopeType.CITY, "")]
    assert city.domestic_capital_cny_10k_ytd == D("180.75")
    assert city.domestic_capital_cny_10k_ytd_last_year == D("40")
    assert city.domestic_capital_cny_10k_cumulative == D("227.75")
    assert city.yoy_pct("domestic_capital_cny_10k") == D("351.9")
    assert f[(ScopeType.SOURCE_GROUP, "domestic")].domestic_capital_cny_10k_ytd == D("180.75")
    assert f[(ScopeType.THREE_INDUSTRY, "primary")].domestic_capital_cny_10k_ytd == D("60.25")
    # Domestic projects are no new FIEs.
    assert city.new_fie_count_ytd == 1

    zh = city_paragraph(city, 2026, 11, "zh-hans")
    assert zh.endswith("到位省外资金180.75万元，同比增长351.9%。")
    en = city_paragraph(city, 2026, 11, "en")
    assert en.endswith(
        "Domestic capital from outside the province in place was 1.81 million yuan, "
        "up 351.9% year on year."
    )


@time_machine.travel(dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC), tick=False)
def test_no_sentence_before_any_domestic_capital(approve, region_a):
    approve(dt.date(2026, 3, 1), region=region_a, total="100", fdi="10")
    city = by_scope(compute_period(2026, 11))[(ScopeType.CITY, "")]
    assert "省外" not in city_paragraph(city, 2026, 11, "zh-hans")
    assert "Domestic capital" not in city_paragraph(city, 2026, 11, "en")


@time_machine.travel(dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC), tick=False)
def test_recorded_on_domestic_projects_only_with_history(
    domestic, approve, record, region_a, region_b, bureau_user, settings
):
    foreign = approve(dt.date(2026, 3, 1), region=region_a, total="100", fdi="10")
    with pytest.raises(DomainError) as err:
        record(foreign, dt.date(2026, 4, 1), "5")
    assert err.value.field == "project"
    p = domestic(dt.date(2026, 3, 1), region_a)
    with pytest.raises(DomainError) as err:
        record(p, dt.date(2026, 4, 1), "5", province="99")
    assert err.value.field == "source_province"
    settings.STATS_HOME_PROVINCE = "44"
    with pytest.raises(DomainError) as err:
        record(p, dt.date(2026, 4, 1), "5", province="44")
    assert err.value.field == "source_province"
    with pytest.raises(DomainError) as err:
        record(p, dt.date(2026, 4, 1), "0")
    assert err.value.field == "amount_cny_10k"

    arrival = record(p, dt.date(2026, 4, 1), "5")
    assert arrival.region_id == region_a.pk
    assert arrival.capital_source == "domestic"
    # Moving the project moves its arrival, with a history row.
    services.project_update(user=bureau_user, project=p, data={"region": region_b})
    arrival.refresh_from_db()
    assert arrival.region_id == region_b.pk
    # It cannot turn foreign while domestic capital is recorded.
    with pytest.raises(DomainError) as err:
        services.project_update(
            user=bureau_user,
            project=p,
            data={"capital_source": "foreign", "enterprise_type": "wfoe"},
        )
    assert err.value.field == "capital_source"
    services.domestic_arrival_delete(user=bureau_user, arrival=arrival, reason="录入错误")
    assert not DomesticArrival.objects.exists()
    kinds = list(
        DomesticArrival.history.filter(id=arrival.pk)
        .order_by("history_date", "history_id")
        .values_list("history_type", "history_change_reason")
    )
    assert kinds[0][0] == "+"
    assert kinds[-1] == ("-", "录入错误")
    assert len(kinds) == 3
