"""Each scoring method computed by hand."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from appraisal import scoring


def test_ratio_cap_below_at_and_above_the_cap():
    assert scoring.ratio_cap(3, 4) == D("75.00")  # 3 of 4 = 75%
    assert scoring.ratio_cap(5, 4) == D("120.00")  # 125% capped at 120%
    assert scoring.ratio_cap(9, 4, D("1.0")) == D("100.00")
    assert scoring.ratio_cap(1, 3) == D("33.3333333333")  # kept unrounded (ten decimals)
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


def test_efficacy_needs_a_spread():
    with pytest.raises(ValueError, match="differ"):
        scoring.efficacy({"a": D(3), "b": D(3)})


P = scoring.Point


def _scores(got):
    return {k: (s.method_score, s.rule) for k, s in got.items()}


def test_a_field_of_one_is_scored_against_the_standard_and_the_others_have_no_data():
    # The demo's one unit with reviews: average 3.33 of a standard 4.5 → 74; 42.9 % bad
    # reviews against a standard of 5 % (lower is better) → 5 ÷ 42.9 = 11.655…
    rating = scoring.score_field(
        "efficacy", {"standard": "4.5"}, {"a": P(D("3.33")), "b": P(None), "c": P(None)}
    )
    assert _scores(rating) == {
        "a": (D("74.0000000000"), "standard"),
        "b": (None, "missing_redistributed"),
        "c": (None, "missing_redistributed"),
    }
    assert (rating["a"].field_size, rating["b"].missing) == (1, "no_data")
    bad = scoring.score_field(
        "efficacy", {"standard": "5", "lower_is_better": True}, {"a": P(D("42.9")), "b": P(None)}
    )
    assert bad["a"].method_score == D("11.6550116550")
    assert scoring.against_standard(D(0), D(5), lower_is_better=True) == 100
    assert scoring.against_standard(D(5), D("4.5")) == 100  # capped


def test_a_field_of_two_falls_back_and_of_three_uses_the_efficacy_coefficient():
    two = {"a": P(D(4)), "b": P(D(3))}
    got = scoring.score_field("efficacy", {"standard": "4.5"}, two)
    assert _scores(got) == {
        "a": (D("88.8888888889"), "standard"),  # 4 ÷ 4.5
        "b": (D("66.6666666667"), "standard"),  # 3 ÷ 4.5
    }
    # The scheme may ask for a field of two.
    got = scoring.score_field("efficacy", {"standard": "4.5"}, two, min_field=2)
    assert _scores(got) == {"a": (D(100), "efficacy"), "b": (D(60), "efficacy")}
    three = {"a": P(D(4)), "b": P(D(3)), "c": P(D("3.5"))}
    got = scoring.score_field("efficacy", {"standard": "4.5"}, three)
    assert _scores(got) == {
        "a": (D(100), "efficacy"),
        "b": (D(60), "efficacy"),
        "c": (D(80), "efficacy"),
    }


def test_an_all_equal_field_is_scored_against_the_standard():
    equal = {"a": P(D(2)), "b": P(D(2)), "c": P(D(2))}
    got = scoring.score_field("efficacy", {"standard": "12"}, equal)
    assert {s.method_score for s in got.values()} == {D("16.6666666667")}  # 2 ÷ 12
    assert {s.rule for s in got.values()} == {"standard"}
    # All zero where lower is better: all at the standard or below → 100.
    zero = {"a": P(D(0)), "b": P(D(0)), "c": P(D(0))}
    got = scoring.score_field("efficacy", {"standard": "5", "lower_is_better": True}, zero)
    assert {s.method_score for s in got.values()} == {D(100)}


def test_a_small_field_without_a_standard_is_missing_data():
    got = scoring.score_field("efficacy", {}, {"a": P(D(4)), "b": P(D(3))})
    assert {(s.method_score, s.rule, s.missing) for s in got.values()} == {
        (None, "missing_redistributed", "no_standard")
    }


def test_no_recorded_cost_is_the_top_of_the_field():
    # Input-output: a attracted capital at no cost; b 2, c 1, d 0.5 per 10k CNY.
    field = {"a": P(None, best=True), "b": P(D(2)), "c": P(D(1)), "d": P(D("0.5"))}
    got = scoring.score_field("efficacy", {"standard": "10"}, field)
    assert _scores(got) == {
        "a": (D(100), "best"),
        "b": (D(100), "efficacy"),
        "c": (D("73.3333333333"), "efficacy"),  # 60 + 40 × 0.5 ÷ 1.5
        "d": (D(60), "efficacy"),
    }
    # Alone with one region that spent: a field of two, scored against the standard 10.
    got = scoring.score_field(
        "efficacy", {"standard": "10"}, {"a": P(None, best=True), "b": P(D(2))}
    )
    assert _scores(got) == {"a": (D(100), "best"), "b": (D(20), "standard")}


def test_what_a_subject_without_data_or_target_gets():
    field = {"a": P(D(3), D(4)), "b": P(D(1), None), "c": P(None, D(4)), "d": P(D(2), D(4))}
    got = scoring.score_field("ratio_cap", {"cap": "1.2"}, field)
    assert _scores(got) == {
        "a": (D(75), "ratio"),
        "b": (None, "missing_redistributed"),
        "c": (None, "missing_redistributed"),
        "d": (D(50), "ratio"),
    }
    assert (got["b"].missing, got["c"].missing) == ("no_target", "no_data")
    full = scoring.score_field("ratio_cap", {"cap": "1.2", "missing": "full"}, field)
    assert (full["b"].method_score, full["b"].rule) == (D(100), "missing_full")
    avg = scoring.score_field("tiers", {"missing": "average"}, field)
    # a 75 % → tier 50, d 50 % → tier 50: the average of the field is 50.
    assert (avg["c"].method_score, avg["c"].rule) == (D(50), "missing_average")
    # Nobody has data: no average to give, the weight is spread.
    none = scoring.score_field("ratio_cap", {"missing": "average"}, {"a": P(None)})
    assert none["a"].rule == "missing_redistributed"
    # Counting items is never missing data: no items, no points.
    assert scoring.score_field("deduction", {"per_item": "2"}, {"a": P(None)})["a"] == (
        scoring.Scored(D(0), "points")
    )


def test_the_weight_of_missing_indicators_is_spread_in_proportion():
    # A liaison unit without cases: on time (20) and callback (10) have no data; the other
    # 70 points of weight are raised by 100 ÷ 70 each.
    have = scoring.Scored(D(100), "efficacy")
    gone = scoring.Scored(None, "missing_redistributed")
    parts = [
        ("efficacy", D(30), have),
        ("efficacy", D(15), have),
        ("ratio_cap", D(20), gone),
        ("ratio_cap", D(10), gone),
        ("efficacy", D(10), have),
        ("efficacy", D(15), have),
        ("deduction", D(0), scoring.Scored(D(-2), "points")),
    ]
    weights = scoring.effective_weights(parts)
    assert weights == [
        D("42.8571428571"),  # 30 × 100 ÷ 70
        D("21.4285714286"),
        D(0),
        D(0),
        D("14.2857142857"),
        D("21.4285714286"),
        D(0),
    ]
    assert sum(weights) == D("100.0000000000")
    # Nothing with data at all: nothing weighs.
    assert scoring.effective_weights([("efficacy", D(100), gone)]) == [D(0)]


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


def test_contributions_kept_unrounded_and_the_total_rounded_once():
    parts = [
        scoring.contribution("ratio_cap", D(15), scoring.ratio_cap(1, 3)),  # 15 × 33.33…%
        scoring.contribution("efficacy", D("33.33"), D("86.67")),  # 28.887111
        scoring.contribution("tiers", D("51.67"), D(75)),  # 38.7525
        scoring.contribution("deduction", D(0), D(-2)),
    ]
    assert parts == [D("5.0000000000"), D("28.8871110000"), D("38.7525000000"), D("-2")]
    assert scoring.total(parts) == D("70.64")  # 70.639611 → 70.64
    assert scoring.shares(parts) == [D("5.00"), D("28.89"), D("38.75"), D("-2.00")]


def test_half_way_contributions_add_up_to_the_total_shown():
    # Three exact half cents: 60.015 is shown 60.02; each rounded half up would show
    # 10.01 + 20.01 + 30.01 = 60.03. The largest remainders (equal: the first ones) get the
    # two cents, so the parts shown add up to the total shown.
    exact = [D("10.005"), D("20.005"), D("30.005")]
    assert scoring.total(exact) == D("60.02")
    assert scoring.shares(exact) == [D("10.01"), D("20.01"), D("30.00")]
    # Two half cents: 2.01, not 2.02.
    assert scoring.shares([D("1.005"), D("1.005")]) == [D("1.01"), D("1.00")]
    # Where rounding each half up adds up, that is what is shown.
    assert scoring.shares([D("1.004"), D("1.006"), D("2.5")]) == [D("1.00"), D("1.01"), D("2.50")]
    # A third of 100 three times: 33.33 + 33.33 + 33.34 = 100.00.
    third = D(100) / 3
    assert scoring.total([third] * 3) == D("100.00")
    assert scoring.shares([third] * 3) == [D("33.34"), D("33.33"), D("33.33")]
    # With a deduction: 6.8181818182 − 10 = −3.18.
    assert scoring.shares([D("6.8181818182"), D(0), D(-10)]) == [D("6.82"), D("0.00"), D("-10.00")]
    assert scoring.total([D("6.8181818182"), D(0), D(-10)]) == D("-3.18")


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
        ("efficacy", {"standard": "high"}, "standard"),
        ("efficacy", {"standard": 0}, "standard"),
        ("ratio_cap", {"missing": "zero"}, "missing"),
        ("bonus", {"per_item": 1, "missing": "full"}, "missing"),
        ("efficacy", [], "JSON object"),
        ("magic", {}, "Unknown scoring method"),
    ],
)
def test_bad_parameters_are_refused_naming_them(method, params, message):
    with translation.override("en"), pytest.raises(ValueError, match=message):
        scoring.clean_params(method, params)


def test_parameters_normalised():
    assert scoring.clean_params("ratio_cap", {}) == {"cap": "1.2", "missing": "redistribute"}
    assert scoring.clean_params("tiers", {"tiers": [[50, 50], [100, 100]]}) == {
        "tiers": [["100", "100"], ["50", "50"]],
        "otherwise": "0",
        "missing": "redistribute",
    }
    assert scoring.clean_params("efficacy", {"standard": 4.5, "missing": "average"}) == {
        "lower_is_better": False,
        "standard": "4.5",
        "missing": "average",
    }
    assert scoring.clean_params("deduction", {"per_item": 2, "cap": 10}) == {
        "per_item": "2",
        "cap": "10",
    }
