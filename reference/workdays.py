"""The official working-day calendar, the one every deadline counts on (110 office cases,
inquiries' response clock, monthly reports' due day, reminders).

A day is a working day when it is Monday to Friday and not a public holiday, or when it is a
make-up workday (调休: a Saturday or Sunday worked before or after a long holiday). The
exceptions are the `WorkCalendarDay` rows, filled from the chinese-calendar library
(`manage.py load_work_calendar`) and corrected by administrators on the calendar page. A year
with no rows at all is counted as plain weeks: `has_arrangement` says whether it is known.
"""

import datetime as dt

from .models import WorkCalendarDay, WorkDayKind

# How far past the start a window of rows is read in one query; a longer walk reads another.
_WINDOW_DAYS = 60


def _exceptions(first: dt.date, last: dt.date) -> dict[dt.date, str]:
    """{date: kind} for the calendar's rows between `first` and `last`, both included."""
    return dict(
        WorkCalendarDay.objects.filter(date__gte=first, date__lte=last)
        .order_by()
        .values_list("date", "kind")
    )


def _is_working(day: dt.date, exceptions: dict[dt.date, str]) -> bool:
    kind = exceptions.get(day)
    if kind == WorkDayKind.HOLIDAY:
        return False
    if kind == WorkDayKind.WORKDAY:
        return True
    return day.weekday() < 5


def is_working_day(day: dt.date) -> bool:
    """Whether `day` is a working day in the official calendar."""
    return _is_working(day, _exceptions(day, day))


def _walk(start: dt.date, days: int, *, include_start: bool) -> dt.date:
    """The `days`-th working day after `start` (days >= 1), or with `include_start` and
    days == 0 the first working day on or after `start`. One query per window of days."""
    day = start if include_start else start + dt.timedelta(days=1)
    left = max(days, 1)
    while True:
        window_end = day + dt.timedelta(days=_WINDOW_DAYS)
        exceptions = _exceptions(day, window_end)
        while day <= window_end:
            if _is_working(day, exceptions):
                left -= 1
                if left == 0:
                    return day
            day += dt.timedelta(days=1)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (`start` itself not counted, whatever it
    is): 5 working days after a Friday before National Day count the make-up Sunday and skip
    the holiday week. `days` <= 0 gives `start`."""
    if days <= 0:
        return start
    return _walk(start, days, include_start=False)


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it (a due day
    that falls on a holiday or a weekend moves here)."""
    return _walk(day, 0, include_start=True)


def has_arrangement(year: int) -> bool:
    """Whether the calendar knows the year's holidays (any holiday row in that year: every
    arrangement has New Year's Day at least)."""
    return WorkCalendarDay.objects.filter(date__year=year, kind=WorkDayKind.HOLIDAY).exists()


# --- the library ---------------------------------------------------------------------------


def library_years() -> list[int]:
    """The years whose arrangement the installed chinese-calendar library carries."""
    import chinese_calendar

    return sorted({d.year for d in chinese_calendar.holidays})


def library_arrangement(year: int) -> list[tuple[dt.date, str, str, str]]:
    """The State Council's arrangement of `year` as the chinese-calendar library carries it:
    [(date, kind, name in Chinese, name in English)], sorted by date; [] for a year it does
    not carry. Pure: reads nothing from the database (the data migration uses it too)."""
    import chinese_calendar
    from chinese_calendar.constants import Holiday

    names = {h.value: h for h in Holiday}

    def named(english: str, workday: bool) -> tuple[str, str]:
        holiday = names.get(english)
        zh = holiday.chinese if holiday else english
        if workday:
            return f"{zh}调休上班", f"{english} (make-up workday)"
        return zh, english

    rows = []
    for source, kind, workday in (
        (chinese_calendar.holidays, WorkDayKind.HOLIDAY, False),
        (chinese_calendar.workdays, WorkDayKind.WORKDAY, True),
    ):
        for day, english in source.items():
            if day.year == year:
                rows.append((day, str(kind), *named(str(english), workday)))
    return sorted(rows)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days fall after `start` up to and including `end` (0 when `end` is
    not after `start`): a case due on Thursday is 3 working days overdue on the next Tuesday.
    One query."""
    if end <= start:
        return 0
    exceptions = _exceptions(start + dt.timedelta(days=1), end)
    days, day = 0, start + dt.timedelta(days=1)
    while day <= end:
        days += _is_working(day, exceptions)
        day += dt.timedelta(days=1)
    return days


def working_days_since(starts, end: dt.date) -> dict[dt.date, int]:
    """`working_days_between(start, end)` for each of `starts`, in one query (a list of
    cases, each with its due date)."""
    starts = set(starts)
    if not starts:
        return {}
    first = min(starts)
    exceptions = _exceptions(first + dt.timedelta(days=1), end) if end > first else {}
    out = {}
    for start in starts:
        days, day = 0, start + dt.timedelta(days=1)
        while day <= end:
            days += _is_working(day, exceptions)
            day += dt.timedelta(days=1)
        out[start] = days
    return out
