"""One number format for every page and export (issue #12).

- counts and amounts: thousands grouped (209,945 in both languages; see config/formats/);
  no decimals unless the value has a fraction (224,779 万元, but 12.5), then two at most;
- percentages: one decimal (78.9%);
- the xlsx number formats that say the same to a spreadsheet (never a trailing dot).

Templates use the filters ``num`` and ``pct`` of the ``portal`` library, which call these.

One rounding rule for every figure shown or exported: half away from zero on the decimal value
(6.25 → 6.3, 2.125 → 2.13), through `round_half_up` and `percent` — never Python's `round`
(half to even, and on a float's binary value) nor a bare `quantize` (the context's half even).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

DASH = "—"
# Spreadsheet formats: whole numbers, numbers with a fraction, percentages (value as a
# percentage number, e.g. 12.3 → "12.3").
XLSX_INT = "#,##0"
XLSX_DECIMAL = "#,##0.00"
XLSX_PCT = "0.0"


def _decimal(value):
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def round_half_up(value, places: int = 0) -> Decimal | None:
    """`value` (a Decimal, int, float or numeric string) rounded to `places` decimals, half
    away from zero; None for no value."""
    d = _decimal(value)
    if d is None or not d.is_finite():
        return d
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part, whole, places: int = 1) -> Decimal | None:
    """`part` as a percentage of `whole`, rounded half up; None when `whole` is 0 or None."""
    if not whole:
        return None
    return round_half_up(Decimal(str(part)) * 100 / Decimal(str(whole)), places)


def has_fraction(value) -> bool:
    d = _decimal(value)
    return d is not None and d.is_finite() and d != d.to_integral_value()


def fmt_num(value, dash: str = DASH) -> str:
    """A count or an amount: grouped, no decimals unless it has a fraction (then up to two,
    trailing zeros dropped past the first: 12.5, 12.25)."""
    d = _decimal(value)
    if d is None or not d.is_finite():
        return dash if value is None or value == "" else str(value)
    if d == d.to_integral_value():
        return number_format(int(d), use_l10n=True, force_grouping=True)
    d = round_half_up(d, 2)
    places = 1 if d == d.quantize(Decimal("0.1")) else 2
    return number_format(d, decimal_pos=places, use_l10n=True, force_grouping=True)


def fmt_pct(value, dash: str = DASH, *, signed: bool = False) -> str:
    """A percentage with one decimal: 78.9%; with ``signed``, +12.0% / -3.4%."""
    d = _decimal(value)
    if d is None or not d.is_finite():
        return dash
    d = round_half_up(d, 1)  # number_format would cut the second decimal off, not round it
    text = number_format(d, decimal_pos=1, use_l10n=True, force_grouping=True)
    if signed and d > 0:
        text = "+" + text
    return text + "%"


XLSX_MAX_PLACES = 6  # a computed Decimal (a ratio) may carry 28; a spreadsheet needs no more


def xlsx_format(value) -> str | None:
    """The spreadsheet number format for a value, showing the decimals the value has.

    A Decimal keeps its own scale: an amount read from a ``decimal_places=2`` column is
    ``'#,##0.00'`` even when it is whole (224,779.00 next to 1,234.50, one column one format),
    an exchange rate with six places ``'#,##0.000000'`` (at most XLSX_MAX_PLACES). An int is
    ``'#,##0'``; a float with a fraction shows its decimals (two at least, as money reads),
    a whole float none. Never a trailing dot."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        places = max(0, -value.as_tuple().exponent)
        if places > XLSX_MAX_PLACES:
            places = max(0, -value.normalize().as_tuple().exponent)
    elif isinstance(value, float) and has_fraction(value):
        places = max(2, -Decimal(repr(value)).as_tuple().exponent)
    else:
        places = 0
    places = min(places, XLSX_MAX_PLACES)
    return XLSX_INT if places == 0 else XLSX_INT + "." + "0" * places
