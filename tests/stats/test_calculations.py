from decimal import Decimal

import pytest

from stats.calculations import parse_period, period_windows, yoy_pct

D = Decimal


@pytest.mark.parametrize(
    ("this", "last", "expected"),
    [
        (D("224779"), D("153015"), D("46.9")),
        (D("15827"), D("11510"), D("37.5")),
        (D("11136"), D("8385"), D("32.8")),
        (D("90"), D("100"), D("-10.0")),
        (D("0"), D("100"), D("-100.0")),  # current zero, last positive
        (D("5"), D("0"), None),  # zero base
        (D("5"), D("-3"), None),  # negative base
        (D("5"), None, None),  # missing last year
        (D("100.05"), D("100"), D("0.1")),  # half up at one decimal
        (D("100"), D("100"), D("0.0")),
    ],
)
def test_yoy_pct(this, last, expected):
    assert yoy_pct(this, last) == expected


@pytest.mark.parametrize("bad", ["2026-13", "2026-1", "26-11", "abc", "", "2026/11", None])
def test_parse_period_rejects(bad):
    with pytest.raises(ValueError, match="YYYY-MM"):
        parse_period(bad)


def test_windows_cover_leap_february():
    import datetime as dt

    w = period_windows(2024, 2)
    assert w["month"] == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert w["ytd_last_year"] == (dt.date(2023, 1, 1), dt.date(2023, 2, 28))
