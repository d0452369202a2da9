"""Each scoring method computed by hand."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from appraisal import scoring


def test_ratio_cap_below_at_and_above_the_cap():
    assert scoring.ratio_cap(3, 4) == D("75.00")  # 3 of 4 = 75%
    assert scoring.ratio_cap(5, 4) == D("120.00")  # 125% capped at 120%
    assert scoring.ratio_cap(9, 4, D("1.0")) == D("100.00")
    assert scoring.ratio_cap(1, 3) == D("33.33")
    assert scoring.ratio_cap(0, 4) == D("0.00")


def test_ratio_cap_without_a_target_scores_nothing():
    assert scoring.ratio_cap(3, 0) is None
    assert scoring.ratio_cap(3, None) is None
    assert scoring.contribution("ratio_cap", D(20), None) == D("0.00")


def test_efficacy_best_100_worst_60_linear_between():
    got = scoring.efficacy({"a": D(10), "b": D(5), "c": D(0), "d": D("7.5")})
    assert got == {"a": D("100.00"), "b": D("80.00"), "c": D("60.00"), "d": D("90.00")}


def test_efficacy_lower_is_better_reverses():
    got = scoring.efficacy({"a": D(10), "b": D(0), "c": D(2)}, lower_is_better=True)
    assert got == {"a": D("60.00"), "b": D("100.00"), "c": D("92.00")}


def test_efficacy_all_equal_field_scores_100_and_missing_values_the_floor():
    assert scoring.efficacy({"a": D(3), "b": D(3)}) == {"a": D("100.00"), "b": D("100.00")}
    got = scoring.efficacy({"a": D(3), "b": None})
    assert got == {"a": D("100.00"), "b": D("60.00")}
    assert scoring.efficacy({"a": None}) == {"a": D("60.00")}


def test_tiers_default_steps():
    assert scoring.tiers(4, 4) == D("100.00")  # 100%
    assert scoring.tiers(5, 4) == D("100.00")
    assert scoring.tiers(4, 5) == D("75.00")  # 80%
    assert scoring.tiers(39, 50) == D("50.00")  # 78%
    assert scoring.tiers(1, 2) == D("50.00")  # 50%
    assert scoring.tiers(49, 100) == D("0.00")
    assert scoring.tiers(1, 0) is None


def test_tiers_configurable_thresholds():
    steps = [["90", "100"], ["60", "40"]]
    assert scoring.tiers(9, 10, steps) == D("100.00")
    assert scoring.tiers(7, 10, steps) == D("40.00")
    assert scoring.tiers(5, 10, steps, D(10)) == D("10.00")


def test_bonus_and_deduction_per_item_with_cap():
    assert scoring.bonus(3, D(2)) == D("6.00")
    assert scoring.bonus(4, D(2), D(5)) == D("5.00")
    assert scoring.deduction(2, D(2), D(10)) == D("-4.00")
    assert scoring.deduction(7, D(2), D(10)) == D("-10.00")
    assert scoring.deduction(0, D(2)) == D("0.00")
    # Points count as they are, whatever the weight.
    assert scoring.contribution("deduction", D(0), D("-4.00")) == D("-4.00")
    assert scoring.contribution("bonus", D(30), D("5.00")) == D("5.00")


def test_weighted_contribution_and_exact_total():
    # weight × method score / 100, two decimals half up; the total is their sum.
    parts = [
        scoring.contribution("ratio_cap", D(15), scoring.ratio_cap(1, 3)),  # 15 × 33.33% = 5.00
        scoring.contribution("efficacy", D("33.33"), D("86.67")),  # 28.8871 → 28.89
        scoring.contribution("tiers", D("51.67"), D(75)),  # 38.7525 → 38.75
        scoring.contribution("deduction", D(0), D(-2)),
    ]
    assert parts == [D("5.00"), D("28.89"), D("38.75"), D("-2.00")]
    assert scoring.total(parts) == D("70.64")
    assert sum(parts) == scoring.total(parts)


def test_ties_share_a_rank_and_the_next_skips():
    ranks = scoring.competition_ranks({"a": D(90), "b": D(90), "c": D(80), "d": D(95)})
    assert ranks == {"d": 1, "a": 2, "b": 2, "c": 4}
    assert scoring.competition_ranks({"a": D(1), "b": D(1), "c": D(0)}) == {"a": 1, "b": 1, "c": 3}


@pytest.mark.parametrize(
    ("method", "params", "message"),
    [
        ("ratio_cap", {"cap": "x"}, "cap"),
        ("ratio_cap", {"cap": -1}, "cap"),
        ("ratio_cap", {"cup": 1}, "cup"),
        ("tiers", {"tiers": [[100]]}, "tiers"),
        ("tiers", {"tiers": [[100, 100], [100, 50]]}, "same threshold"),
        ("tiers", {"tiers": [[100, 150]]}, "100"),
        ("bonus", {}, "per_item"),
        ("deduction", {"per_item": True}, "per_item"),
        ("efficacy", {"lower_is_better": "yes"}, "lower_is_better"),
        ("efficacy", [], "JSON object"),
        ("magic", {}, "Unknown scoring method"),
    ],
)
def test_bad_parameters_are_refused_naming_them(method, params, message):
    with translation.override("en"), pytest.raises(ValueError, match=message):
        scoring.clean_params(method, params)


def test_parameters_normalised():
    assert scoring.clean_params("ratio_cap", {}) == {"cap": "1.2"}
    assert scoring.clean_params("tiers", {"tiers": [[50, 50], [100, 100]]}) == {
        "tiers": [["100", "100"], ["50", "50"]],
        "otherwise": "0",
    }
    assert scoring.clean_params("deduction", {"per_item": 2, "cap": 10}) == {
        "per_item": "2",
        "cap": "10",
    }
