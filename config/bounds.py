"""Bounds on values that stand for the real world, in one place for every app's services.

A real-world date (a project's intent or stage, a capital arrival, an activity) is never in the
future and never before ``REAL_DATE_EARLIEST`` (1949-01-01 unless configured): an arrival dated
0001-01-01 would otherwise count in the cumulative figures. An amount fits its column
(``max_digits`` / ``decimal_places`` of the model field) and is not negative where a negative
amount means nothing, so bad input is a 400 naming the field, never a database error.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import connection
from django.template.defaultfilters import date as date_format
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import DomainError


def earliest_real_date() -> dt.date:
    return settings.REAL_DATE_EARLIEST


def check_real_date(value: dt.date | None, *, field: str) -> None:
    """Raise DomainError on `field` when `value` is in the future or before the earliest
    real-world date. None passes (required-ness is the caller's rule)."""
    if value is None:
        return
    if value > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field=field)
    earliest = earliest_real_date()
    if value < earliest:
        raise DomainError(
            _("The date cannot be before %(date)s.") % {"date": date_format(earliest, "Y-m-d")},
            field=field,
        )


def check_planned_date(value: dt.date | None, *, field: str, years_ahead: int = 10) -> None:
    """A date that may lie ahead (a next follow-up): not before the earliest real-world date,
    not more than `years_ahead` years from today."""
    if value is None:
        return
    latest = timezone.localdate() + dt.timedelta(days=round(365.25 * years_ahead))
    if value > latest:
        raise DomainError(
            _("The date cannot be after %(date)s.") % {"date": date_format(latest, "Y-m-d")},
            field=field,
        )
    if value < earliest_real_date():
        raise DomainError(
            _("The date cannot be before %(date)s.")
            % {"date": date_format(earliest_real_date(), "Y-m-d")},
            field=field,
        )


def _number(value, field: str) -> Decimal:
    """`value` as a finite Decimal, or DomainError "Enter a number." on `field`."""
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Enter a number."), field=field) from None
    if not value.is_finite():
        raise DomainError(_("Enter a number."), field=field)
    return value


def check_amount(value, *, field: str, model_field, allow_negative: bool = False) -> None:
    """Raise DomainError on `field` when `value` does not fit `model_field` (a DecimalField:
    its digits before and after the point; an integer field: its range on this database) or
    is negative where that means nothing."""
    if value is None:
        return
    value = _number(value, field)
    if not allow_negative and value < 0:
        raise DomainError(_("The amount cannot be negative."), field=field)
    if model_field.get_internal_type() != "DecimalField":
        _low, high = connection.ops.integer_field_range(model_field.get_internal_type())
        if value != value.to_integral_value():
            raise DomainError(_("Enter a whole number."), field=field)
        if high is not None and value > high:
            raise DomainError(
                _("The number is too large: at most %(max)d.") % {"max": high}, field=field
            )
        return
    whole_digits = model_field.max_digits - model_field.decimal_places
    if abs(value) >= Decimal(10) ** whole_digits:
        raise DomainError(
            _("The amount is too large: at most %(digits)d digits before the decimal point.")
            % {"digits": whole_digits},
            field=field,
        )
    if value != value.quantize(Decimal(1).scaleb(-model_field.decimal_places)):
        raise DomainError(
            _("At most %(places)d decimal places.") % {"places": model_field.decimal_places},
            field=field,
        )


# A rate to US dollars keeps up to this many significant digits: enough for the rupiah or the
# dong (0.00006250000 USD per IDR) as for the dinar (3.254000000 USD per KWD), so no currency
# loses a per cent to a fixed number of decimal places.
RATE_SIGNIFICANT_DIGITS = 10


def check_rate(value, *, field: str, model_field) -> None:
    """Raise DomainError on `field` when the rate `value` is not a positive number of at most
    RATE_SIGNIFICANT_DIGITS significant digits that fits `model_field`. None passes."""
    if value is None:
        return
    value = _number(value, field)
    if value <= 0:
        raise DomainError(_("The rate must be positive."), field=field)
    digits = value.normalize().as_tuple().digits
    if len(digits) > RATE_SIGNIFICANT_DIGITS:
        raise DomainError(
            _("Give the rate to at most %(digits)d significant digits.")
            % {"digits": RATE_SIGNIFICANT_DIGITS},
            field=field,
        )
    check_amount(value, field=field, model_field=model_field)


def plain_decimal(value) -> str:
    """A decimal without the zeros its column pads it with (0.12500000000000 → 0.125; 1 → 1)."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")
