"""The registry every data source registers in, and what a source reads: one figure per
subject (a `Reading`, with the records behind it) for a year.

A new indicator's data is one function in the module of its kind of subject
(`regions.py`, `units.py`, `people.py`), registered with `@source(...)`."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MAX_RECORDS = 500  # records kept per explanation; the count says how many there were


@dataclass(frozen=True)
class Subject:
    key: str
    label_zh_hans: str
    label_en: str


@dataclass
class Reading:
    """A subject's figure and what it rests on. `value` None is no data (e.g. a rate with
    nothing in its denominator yet); `best` is a figure beyond any finite value (capital
    attracted at no recorded cost), the top of its field whatever the others'."""

    value: Decimal | None
    target: Decimal | None = None
    records: list[dict] = field(default_factory=list)
    detail: dict = field(default_factory=dict)
    best: bool = False


@dataclass(frozen=True)
class Source:
    code: str
    kind: str
    label: str
    unit: str
    read: Callable[[int, list[Subject]], dict[str, Reading]]
    has_target: bool = False


SOURCES: dict[str, Source] = {}


def source(code: str, kind: str, label, unit, *, has_target: bool = False):
    """Register `read(year, subjects) -> {key: Reading}` as the data source `code` for `kind`
    of subject. Labels are lazy: they are read per request, in its language."""

    def register(read: Callable[[int, list[Subject]], dict[str, Reading]]):
        if code in SOURCES:
            raise ImproperlyConfigured(f"Two appraisal data sources are named {code!r}.")
        SOURCES[code] = Source(code, kind, label, unit, read, has_target)
        return read

    return register


def source_choices(kind: str | None = None) -> list[tuple[str, str]]:
    return [(s.code, s.label) for s in SOURCES.values() if kind is None or s.kind == kind]


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def day_read(year: int) -> dt.date:
    """The day figures of a year are read at: its last day, or today while it runs."""
    return min(year_end(year), timezone.localdate())


def ids_of(subjects, prefix) -> dict[int, str]:
    out = {}
    for s in subjects:
        kind, _sep, pk = s.key.partition(":")
        if kind == prefix and pk.isdigit():
            out[int(pk)] = s.key
    return out


def as_text(value) -> str:
    return str(value) if value is not None else ""
