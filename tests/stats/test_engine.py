"""Hand-computed fixtures for every metric and breakdown."""

import datetime as dt
from decimal import Decimal

import pytest

from stats.engine import compute_period
from stats.models import ScopeType

D = Decimal
pytestmark = pytest.mark.django_db


def by_scope(figures):
    return {(f.scope_type, f.scope_key): f for f in figures}


@pytest.fixture
def data(approve, arrive, spend, region_a, region_b):
    p1 = approve(dt.date(2026, 11, 3), region=region_a, total="1000", fdi="100", country="DE")
    p2 = approve(
        dt.date(2026, 3, 15),
        region=region_b,
        total="500",
        fdi="50",
        source="hmt",
        country="HK",
        industry="A",
        etype="equity_jv",
    )
    # Domestic: never counted.
    approve(
        dt.date(2026, 5, 1),
        region=region_a,
        total="9999",
        source="domestic",
        country="CN",
        etype="domestic",
    )
    # Last year, same span and after it.
    p4 = approve(dt.date(2025, 6, 1), region=region_a, total="800", fdi="80", country="DE")
    approve(dt.date(2025, 12, 20), region=region_a, total="300", fdi="30", country="US")
    # Long ago: cumulative only.
    p6 = approve(
        dt.date(2019, 4, 1), region=region_b, total="200", fdi="20", country="JP", industry="I"
    )
    arrive(p1, dt.date(2026, 11, 20), "40")
    arrive(p2, dt.date(2026, 2, 1), "25")
    arrive(p4, dt.date(2026, 11, 1), "10")  # old project, this year's arrival
    arrive(p4, dt.date(2025, 7, 1), "60")  # last year's same span
    arrive(p6, dt.date(2025, 12, 31), "7")  # last year, outside Jan–Nov
    arrive(p6, dt.date(2019, 5, 1), "3")  # long ago
    spend(dt.date(2026, 3, 1), "20")
    spend(dt.date(2025, 3, 1), "10", region=region_b)
    return {"p1": p1, "p2": p2}


def test_city_figures(data):
    figures = compute_period(2026, 11)
    city = by_scope(figures)[(ScopeType.CITY, "")]
    assert (
        city.new_fie_count_month,
        city.new_fie_count_ytd,
        city.new_fie_count_ytd_last_year,
        city.new_fie_count_cumulative,
    ) == (1, 2, 1, 5)
    assert (
        city.total_investment_cny_10k_month,
        city.total_investment_cny_10k_ytd,
        city.total_investment_cny_10k_ytd_last_year,
        city.total_investment_cny_10k_cumulative,
    ) == (D(1000), D(1500), D(800), D(2800))
    assert (
        city.contracted_fdi_usd_10k_month,
        city.contracted_fdi_usd_10k_ytd,
        city.contracted_fdi_usd_10k_ytd_last_year,
        city.contracted_fdi_usd_10k_cumulative,
    ) == (D(100), D(150), D(80), D(280))
    assert (
        city.utilized_fdi_usd_10k_month,
        city.utilized_fdi_usd_10k_ytd,
        city.utilized_fdi_usd_10k_ytd_last_year,
        city.utilized_fdi_usd_10k_cumulative,
    ) == (D(50), D(75), D(60), D(145))
    assert city.yoy_pct("total_investment_cny_10k") == D("87.5")
    assert city.yoy_pct("utilized_fdi_usd_10k") == D("25.0")
    assert city.yoy_pct("new_fie_count") == D("100.0")
    assert city.promotion_spending_cny_10k_ytd == D(20)
    assert city.promotion_spending_cny_10k_ytd_last_year == D(10)
    assert city.input_output_ratio == D("3.75")


def test_breakdowns(data, region_a, region_b):
    f = by_scope(compute_period(2026, 11))
    a, b = f[(ScopeType.REGION, str(region_a.pk))], f[(ScopeType.REGION, str(region_b.pk))]
    assert (a.new_fie_count_ytd, a.total_investment_cny_10k_ytd, a.utilized_fdi_usd_10k_ytd) == (
        1,
        D(1000),
        D(50),
    )
    assert (b.new_fie_count_ytd, b.utilized_fdi_usd_10k_ytd, b.new_fie_count_cumulative) == (
        1,
        D(25),
        2,
    )
    assert a.promotion_spending_cny_10k_ytd == D(20)
    assert b.promotion_spending_cny_10k_ytd_last_year == D(10)
    assert f[(ScopeType.INDUSTRY, "C")].new_fie_count_ytd == 1
    assert f[(ScopeType.INDUSTRY, "A")].contracted_fdi_usd_10k_ytd == D(50)
    assert f[(ScopeType.INDUSTRY, "I")].new_fie_count_cumulative == 1
    assert f[(ScopeType.THREE_INDUSTRY, "primary")].new_fie_count_ytd == 1
    assert f[(ScopeType.THREE_INDUSTRY, "secondary")].total_investment_cny_10k_ytd == D(1000)
    assert f[(ScopeType.THREE_INDUSTRY, "tertiary")].new_fie_count_cumulative == 1
    assert f[(ScopeType.SOURCE_GROUP, "foreign")].new_fie_count_ytd == 1
    assert f[(ScopeType.SOURCE_GROUP, "hmt")].utilized_fdi_usd_10k_ytd == D(25)
    assert (ScopeType.SOURCE_GROUP, "domestic") not in f
    assert f[(ScopeType.COUNTRY, "DE")].utilized_fdi_usd_10k_ytd == D(50)
    assert f[(ScopeType.COUNTRY, "HK")].new_fie_count_ytd == 1
    assert f[(ScopeType.COUNTRY, "US")].new_fie_count_cumulative == 1
    assert f[(ScopeType.ENTERPRISE_TYPE, "equity_jv")].new_fie_count_ytd == 1
    assert f[(ScopeType.ENTERPRISE_TYPE, "wfoe")].new_fie_count_ytd_last_year == 1


def test_breakdowns_add_up_to_the_city(data):
    f = compute_period(2026, 11)
    city = by_scope(f)[(ScopeType.CITY, "")]
    for scope_type in (
        ScopeType.REGION,
        ScopeType.INDUSTRY,
        ScopeType.SOURCE_GROUP,
        ScopeType.COUNTRY,
        ScopeType.ENTERPRISE_TYPE,
        ScopeType.THREE_INDUSTRY,
    ):
        rows = [x for x in f if x.scope_type == scope_type]
        assert sum(x.new_fie_count_cumulative for x in rows) == city.new_fie_count_cumulative
        assert sum(x.utilized_fdi_usd_10k_ytd for x in rows) == city.utilized_fdi_usd_10k_ytd


def test_approval_counts_whatever_happened_later(approve, region_a, bureau_user, liaison_user):
    from liaison.models import LiaisonAssignment
    from projects import services

    p = approve(dt.date(2026, 2, 1), region=region_a, total="100", fdi="10")
    LiaisonAssignment.objects.create(
        project=p, unit=liaison_user.liaison_unit, person=liaison_user, start_date=p.contract_date
    )
    services.project_transition(
        user=bureau_user, project=p, to="groundbreaking", date=dt.date(2026, 3, 1)
    )
    services.project_drop(user=bureau_user, project=p, reason="撤资")
    city = by_scope(compute_period(2026, 11))[(ScopeType.CITY, "")]
    assert city.new_fie_count_ytd == 1


def test_correction_undoing_approval_removes_it(approve, region_a, bureau_user):
    from projects import services

    p = approve(dt.date(2026, 2, 1), region=region_a, total="100", fdi="10")
    services.project_transition(user=bureau_user, project=p, to="contract", note="录入错误")
    city = by_scope(compute_period(2026, 11))[(ScopeType.CITY, "")]
    assert city.new_fie_count_ytd == 0


def test_month_and_year_boundaries(approve, arrive, region_a):
    approve(dt.date(2026, 10, 31), region=region_a, total="1")  # October, not November
    approve(dt.date(2026, 11, 1), region=region_a, total="10")
    approve(dt.date(2026, 11, 30), region=region_a, total="100")
    approve(dt.date(2025, 12, 31), region=region_a, total="1000")  # last year
    p = approve(dt.date(2026, 1, 1), region=region_a, total="10000")
    arrive(p, dt.date(2026, 1, 1), "5")
    arrive(p, dt.date(2025, 12, 31), "50")
    city = by_scope(compute_period(2026, 11))[(ScopeType.CITY, "")]
    assert city.total_investment_cny_10k_month == D(110)
    assert city.total_investment_cny_10k_ytd == D(10111)
    assert city.total_investment_cny_10k_ytd_last_year == D(0)
    assert city.total_investment_cny_10k_cumulative == D(11111)
    assert city.utilized_fdi_usd_10k_ytd == D(5)
    assert city.yoy_pct("total_investment_cny_10k") is None  # zero base
    jan = by_scope(compute_period(2026, 1))[(ScopeType.CITY, "")]
    assert jan.total_investment_cny_10k_month == jan.total_investment_cny_10k_ytd == D(10000)


def test_arrivals_in_other_currencies_convert_per_record(approve, region_a, bureau_user):
    from projects import services

    p = approve(dt.date(2026, 2, 1), region=region_a, total="100", fdi="10")
    services.capital_arrival_create(
        user=bureau_user,
        project=p,
        date=dt.date(2026, 3, 1),
        amount=D("100"),
        currency="EUR",
        usd_rate=D("1.0851"),
    )
    services.capital_arrival_create(
        user=bureau_user,
        project=p,
        date=dt.date(2026, 4, 1),
        amount=D("100"),
        currency="EUR",
        usd_rate=D("1.0849"),
    )
    services.capital_arrival_create(
        user=bureau_user,
        project=p,
        date=dt.date(2026, 5, 1),
        amount=D("1000"),
        currency="JPY",
        usd_rate=D("0.006667"),
    )
    city = by_scope(compute_period(2026, 11))[(ScopeType.CITY, "")]
    # 108.51 + 108.49 + 6.67 (each rounded on its own), not 200 EUR at one rate.
    assert city.utilized_fdi_usd_10k_ytd == D("223.67")


def test_empty_database_gives_zero_city_row():
    figures = compute_period(2026, 11)
    assert [(f.scope_type, f.new_fie_count_ytd) for f in figures] == [("city", 0)]


def test_fixed_number_of_grouped_queries(data, django_assert_num_queries):
    # Region tree, industry map, one grouped query for projects, one for arrivals and one for
    # domestic arrivals (all four spans at once, in a savepoint with work_mem and JIT off: 3
    # more), spending, the opening figures of last year's month (none here), the list of
    # industrial chains (none here; each chain adds its own scope's queries). The same
    # whatever the number of rows.
    with django_assert_num_queries(11):
        compute_period(2026, 11)


def test_moving_a_project_moves_its_arrivals(approve, arrive, region_a, region_b, bureau_user):
    from projects import services

    p = approve(dt.date(2026, 2, 1), region=region_a, total="100", fdi="10")
    arrive(p, dt.date(2026, 3, 1), "40")
    services.project_update(
        user=bureau_user, project=p, data={"region": region_b, "enterprise_type": "equity_jv"}
    )
    f = by_scope(compute_period(2026, 11))
    assert (ScopeType.REGION, str(region_a.pk)) not in f
    assert f[(ScopeType.REGION, str(region_b.pk))].utilized_fdi_usd_10k_ytd == D(40)
    assert f[(ScopeType.ENTERPRISE_TYPE, "equity_jv")].utilized_fdi_usd_10k_ytd == D(40)


def test_investor_country_change_moves_arrivals(approve, arrive, region_a, bureau_user):
    from investors.services import investor_update

    p = approve(dt.date(2026, 2, 1), region=region_a, total="100", fdi="10", country="DE")
    arrive(p, dt.date(2026, 3, 1), "40")
    investor_update(user=bureau_user, investor=p.investor, data={"country": "FR"})
    f = by_scope(compute_period(2026, 11))
    assert (ScopeType.COUNTRY, "DE") not in f
    assert f[(ScopeType.COUNTRY, "FR")].utilized_fdi_usd_10k_ytd == D(40)
    assert f[(ScopeType.COUNTRY, "FR")].new_fie_count_ytd == 1


def test_spending_of_a_region_without_fdi_is_kept(spend, region_b):
    spend(dt.date(2026, 4, 1), "15", region=region_b)
    f = by_scope(compute_period(2026, 11))
    assert f[(ScopeType.REGION, str(region_b.pk))].promotion_spending_cny_10k_ytd == D(15)
