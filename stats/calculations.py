"""Pure rules of the statistics: growth and periods. No database here."""

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def yoy_pct(this, last) -> Decimal | None:
    """Growth 同比 = (this − last) / last × 100, one decimal (half up). None when last year's
    value is zero, negative or missing; −100.0 when this year is zero and last year positive."""
    if last is None or this is None:
        return None
    this, last = Decimal(this), Decimal(last)
    if last <= 0:
        return None
    return ((this - last) / last * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def parse_period(text: str) -> tuple[int, int]:
    """'YYYY-MM' → (year, month); ValueError with a readable message otherwise."""
    try:
        year_s, month_s = text.strip().split("-")
        year, month = int(year_s), int(month_s)
    except (AttributeError, ValueError):
        raise ValueError("Give the period as YYYY-MM.") from None
    if not (2000 <= year <= 2100 and 1 <= month <= 12) or len(month_s) != 2:
        raise ValueError("Give the period as YYYY-MM.")
    return year, month


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_windows(year: int, month: int) -> dict[str, tuple[dt.date, dt.date]]:
    """Inclusive date windows of a period: the month, the year to date, the same span last
    year (up to the same day-of-month end, so February of a leap year is whole)."""
    return {
        "month": (dt.date(year, month, 1), month_end(year, month)),
        "ytd": (dt.date(year, 1, 1), month_end(year, month)),
        "ytd_last_year": (dt.date(year - 1, 1, 1), month_end(year - 1, month)),
    }
