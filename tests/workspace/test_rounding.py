"""One rounding rule (config/numbers.py): half away from zero, on the decimal value, wherever
a figure is shown or exported — tested on exact half-way values, where Python's `round` and
Decimal's default (both half to even) and Django's number_format (which cuts) disagree."""

import datetime as dt
from decimal import Decimal

import pytest

from config.numbers import fmt_num, fmt_pct, percent, round_half_up

D = Decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("6.25"), 1, D("6.3")),
        (6.25, 1, D("6.3")),  # a float is read as written, not as its binary value
        (D("2.125"), 2, D("2.13")),
        (D("-6.25"), 1, D("-6.3")),
        (D("0.5"), 0, D("1")),
        (D("2.5"), 0, D("3")),
        (D("6.24"), 1, D("6.2")),
    ],
)
def test_round_half_up(value, places, expected):
    assert round_half_up(value, places) == expected


def test_percent():
    assert percent(1, 16) == D("6.3")  # 6.25 exactly
    assert percent(1, 8, 0) == D("13")  # 12.5 exactly
    assert percent(1, 0) is None
    assert percent(3, None) is None


def test_formats_round_half_up():
    assert fmt_pct(D("6.25")) == "6.3%"
    assert fmt_pct(D("6.29")) == "6.3%"  # number_format alone cut it to 6.2
    assert fmt_num(D("2.125")) == "2.13"
    assert fmt_num(D("2.135")) == "2.14"


@pytest.mark.django_db
def test_funnel_half_way(region_a):
    from projects.models import Project
    from projects.selectors import funnel

    from ..factories import ProjectFactory

    day = dt.date(2026, 3, 2)
    for i in range(16):
        ProjectFactory(
            region=region_a,
            stage="contract" if i == 0 else "intent",
            intent_date=day,
            contract_date=day + dt.timedelta(days=3) if i == 0 else None,
        )
    rows = {r["stage"]: r for r in funnel(Project.objects.all(), 2026)}
    assert rows["intent"]["count"] == 16
    assert rows["contract"]["count"] == 1
    assert rows["contract"]["share"] == 6.3  # 6.25 half up (round() said 6.2)
    assert rows["contract"]["conversion"] == 6.3
    assert rows["contract"]["width"] == 6


def test_target_progress_half_way():
    from projects.selectors import TargetProgress

    assert TargetProgress.pct(None, 1, 16) == D("6.3")
    assert TargetProgress.pct(None, 5, 0) is None


def test_bulletin_half_way():
    from stats.bulletin import _money_en, _usd_zh

    assert _money_en(D("112.5"), "USD") == "US$1.13 million"  # 1.125 million
    assert _usd_zh(D("1234450")) == "123.45亿美元"  # 123.445 亿


@pytest.mark.django_db
def test_export_input_output_ratio_half_way():
    from stats.models import StatsFigure

    figure = StatsFigure(utilized_fdi_usd_10k_ytd=D("0.25"), promotion_spending_cny_10k_ytd=D("2"))
    assert figure.input_output_ratio == D("0.13")  # 0.125 → 0.13 (half even said 0.12)
    figure.promotion_spending_cny_10k_ytd = D("0")
    assert figure.input_output_ratio is None
