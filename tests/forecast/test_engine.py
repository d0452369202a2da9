"""The forecast's arithmetic on small histories worked by hand (no database)."""

import datetime as dt

import pytest

from forecast import engine
from forecast.engine import Range, Row, Snapshot

AS_OF = dt.date(2026, 6, 30).toordinal()
YEAR = (dt.date(2026, 1, 1).toordinal(), dt.date(2026, 12, 31).toordinal())


def day(y, m, d):
    return dt.date(y, m, d).toordinal()


def row(pid, dates, stage, status="active", section=None, region=1, contracted=100.0):
    padded = (*dates, *([None] * (5 - len(dates))))
    return Row(pid, region, section, 1000.0, contracted, True, status, stage, padded)


def test_conversion_rate_counts_movers_dropped_and_open_projects_by_their_exposure():
    """intent → contract: two movers (30 and 90 days: F is ½ from day 30, 1 from day 90), one
    dropped, one open for 45 days (F(45) = ½ of a trial), one open for 10 days (F(10) = 0).
    k = 2, n = 2 + 1 + ½ + 0 = 3½: p = 4/7."""
    as_of = day(2026, 6, 30)
    rows = [
        row(1, (day(2025, 1, 1), day(2025, 1, 31)), 1),
        row(2, (day(2025, 1, 1), day(2025, 4, 1)), 1),
        row(3, (day(2025, 1, 1),), 0, status="dropped"),
        row(4, (as_of - 45,), 0),
        row(5, (as_of - 10,), 0),
    ]
    moves = engine.fit_moves(Snapshot(as_of, rows, []), prior_strength=10)
    intent = moves[engine.INTENT]
    assert intent.durations.days == [30, 90]
    assert intent.city.k == 2
    assert intent.city.n == pytest.approx(3.5)
    assert intent.p_city == pytest.approx(4 / 7)


def test_thin_groups_are_shrunk_toward_the_city_rate():
    """Section 1: 4 moved, 4 dropped; section 2: 1 moved. City 5/9. With m = 10, section 2's
    1/1 becomes (1 + 10·5/9) / (1 + 10) = 59/99 and section 1's 4/8 becomes (4 + 50/9) / 18 =
    86/162; an unseen group gets the city's rate; with m = 0 the raw rates stand."""
    old = day(2020, 1, 1)
    rows = [row(i, (old, old + 30), 1, section=1) for i in range(4)]
    rows += [row(10 + i, (old,), 0, status="dropped", section=1) for i in range(4)]
    rows += [row(20, (old, old + 30), 1, section=2)]
    snap = Snapshot(AS_OF, rows, [])
    shrunk = engine.fit_moves(snap, prior_strength=10)[engine.INTENT]
    assert shrunk.p_city == pytest.approx(5 / 9)
    assert shrunk.rate((2, 0)) == pytest.approx(59 / 99)
    assert shrunk.rate((1, 0)) == pytest.approx(86 / 162)
    assert shrunk.rate((7, 2)) == pytest.approx(5 / 9)
    raw = engine.fit_moves(snap, prior_strength=0)[engine.INTENT]
    assert raw.rate((2, 0)) == pytest.approx(1.0)
    assert raw.rate((1, 0)) == pytest.approx(0.5)


def test_no_history_means_no_move_is_expected():
    rows = [row(1, (AS_OF - 40,), 0)]
    moves = engine.fit_moves(Snapshot(AS_OF, rows, []), prior_strength=10)
    assert moves[engine.INTENT].p_city == 0.0
    results = engine.forecast(Snapshot(AS_OF, rows, []), *YEAR, {})
    approved = next(r for r in results if r.region_id == 1 and r.measure == "approved")
    assert approved.range.expected == 0.0


def _history():
    """Region 1's history (see the test below): A went through contract (60 days) to approval
    (60 days) to groundbreaking, with 50 of its 100 arrived 60 days after approval; B was
    approved and dropped; C and D were dropped at contract; X stands at contract, 30 days old,
    negotiated this year."""
    c24, a24, g24 = day(2024, 3, 1), day(2024, 4, 30), day(2024, 6, 29)
    i24 = day(2024, 1, 1)
    rows = [
        row(1, (i24, c24, a24, g24), 3),
        row(2, (i24, c24, a24), 2, status="dropped"),
        row(3, (i24, c24), 1, status="dropped"),
        row(4, (i24, c24), 1, status="dropped"),
        row(9, (day(2026, 1, 10), AS_OF - 30), 1),
    ]
    return Snapshot(AS_OF, rows, [(1, g24, 50.0)])


def test_one_regions_forecast_by_hand():
    """contract → approval: A, B moved after 60 days, C, D dropped, X open 30 days (F(30) = 0):
    p = 2/4. approval → groundbreaking: A moved, B dropped: p = ½. 184 days are left, in 7
    steps of 26.29 days: X reaches day 60 of its wait in step 1 (approval, ½), then 60 days
    later groundbreaking (½ of that: ¼). Negotiated: X this year, plus new intents at last
    year's pace (1 in 365 days) for 184 days. Capital: the lag curve puts ¼ of contracted
    capital within two months of approval, so X's approval brings 100 · ½ · ¼ = 12.5."""
    results = engine.forecast(
        _history(),
        *YEAR,
        {1: {"negotiated": 1, "approved": 1, "started": 1, "utilized": 150}},
        prior_strength=10,
        seed="t",
    )
    got = {r.measure: r for r in results if r.region_id == 1}
    assert got["approved"].to_date == 0
    assert got["approved"].range.expected == pytest.approx(0.5)
    assert got["started"].range.expected == pytest.approx(0.25)
    assert got["negotiated"].to_date == 1
    assert got["negotiated"].range.expected == pytest.approx(1 + 184 / 365)
    assert got["utilized"].range.expected == pytest.approx(12.5)
    # X is what moves them, with its chance of the next stage this year.
    assert got["approved"].drivers == [
        {"project": 9, "stage": "contract", "next_stage": "approval", "p_next": 0.5,
         "expected": 0.5}
    ]  # fmt: skip
    assert got["utilized"].drivers[0]["project"] == 9
    assert got["negotiated"].outlook == "on_track"  # 1 already, target 1
    assert got["approved"].outlook == "at_risk"  # 0 or 1 against 1
    assert got["utilized"].outlook == "off_track"  # 0 or 100 against 150
    # The city adds up its regions (one region here).
    city = {r.measure: r for r in results if r.region_id is None}
    assert city["approved"].range.expected == pytest.approx(0.5)


def test_the_forecast_is_deterministic():
    one = engine.forecast(_history(), *YEAR, {}, seed="s")
    two = engine.forecast(_history(), *YEAR, {}, seed="s")
    assert [(r.range.p10, r.range.p90) for r in one] == [(r.range.p10, r.range.p90) for r in two]


@pytest.mark.parametrize(
    ("p10", "p90", "target", "expected"),
    [
        (4, 6, 4, "on_track"),  # the 10th percentile reaches the target exactly
        (3, 4, 4, "at_risk"),  # only the 90th percentile reaches it
        (3, 3.99, 4, "off_track"),  # even the 90th percentile falls short
        (0, 9, None, "no_target"),
        (0, 9, 0, "no_target"),
    ],
)
def test_outlook_thresholds(p10, p90, target, expected):
    assert engine.outlook(Range(5, p10, 5, p90, None), target) == expected


def test_many_terms_use_the_normal_approximation():
    """Above MC_MAX_TERMS: mean Σp, spread √Σp(1−p), the range ±1.2816σ."""
    terms = [(1.0, 0.5)] * 400
    r = engine.spread(0, terms, 0, 150, seed="x", integer=True)
    assert r.expected == pytest.approx(200)
    assert r.p10 == round(200 - engine.Z90 * 10)
    assert r.p90 == round(200 + engine.Z90 * 10)
    assert r.prob_meet == pytest.approx(1.0, abs=1e-5)


def test_an_approved_project_follows_the_lag_curve_up_to_what_is_left():
    """The city's curve (from A: 50 of 100 within two months of approval) is 0 in the first
    month and ¼ from the second on. Y, approved 30 days ago with nothing arrived, expects
    100 · (G(30 + 184) − G(30)) = 25 in the rest of the year; X's possible approval adds its
    12.5 (see above)."""
    snap = _history()
    y = row(10, (day(2023, 1, 2), None, AS_OF - 30), 2)
    snap = Snapshot(AS_OF, [*snap.rows, y], snap.arrivals)
    results = engine.forecast(snap, *YEAR, {}, prior_strength=10, seed="t")
    utilized = next(r for r in results if r.region_id == 1 and r.measure == "utilized")
    assert utilized.range.expected == pytest.approx(25 + 12.5)
    assert [d["project"] for d in utilized.drivers] == [10, 9]
