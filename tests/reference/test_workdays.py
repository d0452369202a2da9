"""The official working-day calendar: weekends and public holidays off, make-up workdays on,
as the chinese-calendar library carries the State Council's arrangements (loaded by the
data migration). Every expected date is counted by hand on the 2026 arrangement:

- Spring Festival: 15–23 February off; Saturday 14 and Saturday 28 February worked.
- Mid-autumn: Friday 25 September (with the weekend 26–27) off.
- National Day: 1–7 October off; Sunday 20 September and Saturday 10 October worked.
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from config.errors import DomainError
from reference import services
from reference.demo import seed_work_calendar
from reference.models import CalendarSource, WorkCalendarDay, WorkDayKind
from reference.workdays import (
    add_working_days,
    has_arrangement,
    is_working_day,
    library_arrangement,
    next_working_day,
)

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _today():
    """Nothing here should depend on today; pin it anyway (a Monday in November 2026)."""
    with time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_the_library_arrangement_of_national_day_2026_is_loaded():
    assert not is_working_day(D(2026, 10, 1))  # Thursday, National Day
    assert not is_working_day(D(2026, 10, 7))  # Wednesday, still off
    assert is_working_day(D(2026, 9, 20))  # Sunday, 调休
    assert is_working_day(D(2026, 10, 10))  # Saturday, 调休
    assert not is_working_day(D(2026, 10, 11))  # an ordinary Sunday
    assert is_working_day(D(2026, 10, 8))
    day = WorkCalendarDay.objects.get(date=D(2026, 9, 20))
    assert (day.kind, day.source, day.name_zh_hans, day.name_en) == (
        WorkDayKind.WORKDAY,
        CalendarSource.LIBRARY,
        "国庆节调休上班",
        "National Day (make-up workday)",
    )


def test_a_deadline_over_national_day_counts_the_make_up_days():
    # From Wednesday 30 September: 8 Oct (1), 9 (2), Saturday 10 (3), 12 (4), 13 (5).
    assert add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)
    # From Thursday 17 September: 18 (1), Sunday 20 (2), 21 (3), 22 (4), 23 (5).
    assert add_working_days(D(2026, 9, 17), 5) == D(2026, 9, 23)
    # From Wednesday 23 September: 24 (1), Friday 25 (Mid-autumn) and the weekend off, 28 (2).
    assert add_working_days(D(2026, 9, 23), 2) == D(2026, 9, 28)
    # From Wednesday 30 September: 1–7 October off, Thursday 8 (1).
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)


def test_a_deadline_over_spring_festival_counts_the_make_up_saturday():
    # From Friday 13 February: Saturday 14 (1), 15–23 off, 24 (2), 25 (3).
    assert add_working_days(D(2026, 2, 13), 3) == D(2026, 2, 25)
    # From Friday 27 February: Saturday 28 (1), Monday 2 March (2).
    assert add_working_days(D(2026, 2, 27), 2) == D(2026, 3, 2)
    assert add_working_days(D(2026, 2, 27), 0) == D(2026, 2, 27)


def test_next_working_day():
    assert next_working_day(D(2026, 10, 3)) == D(2026, 10, 8)  # Saturday in the holiday
    assert next_working_day(D(2026, 9, 20)) == D(2026, 9, 20)  # make-up Sunday
    assert next_working_day(D(2026, 10, 11)) == D(2026, 10, 12)  # ordinary Sunday
    assert next_working_day(D(2026, 12, 31)) == D(2026, 12, 31)


def test_a_year_without_an_arrangement_is_plain_weeks():
    assert has_arrangement(2026)
    assert not has_arrangement(2027)
    assert library_arrangement(2027) == []
    # 2027-01-01 is a Friday: without the arrangement it is worked.
    assert is_working_day(D(2027, 1, 1))
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)


def test_admin_corrects_and_adds_a_day_and_the_library_load_keeps_it(admin_user):
    day = WorkCalendarDay.objects.get(date=D(2026, 10, 10))
    services.work_calendar_day_save(
        user=admin_user,
        day=day,
        date=D(2026, 10, 10),
        kind=WorkDayKind.HOLIDAY,
        name_zh_hans="更正",
        name_en="Corrected",
    )
    added = services.work_calendar_day_save(
        user=admin_user,
        date=D(2027, 1, 1),
        kind=WorkDayKind.HOLIDAY,
        name_zh_hans="元旦",
        name_en="New Year's Day",
    )
    assert not is_working_day(D(2026, 10, 10))
    assert not is_working_day(D(2027, 1, 1))
    assert has_arrangement(2027)
    counts = services.work_calendar_load_library(years=[2026])
    assert counts == {"added": 0, "updated": 0, "kept": 1, "removed": 0}
    assert WorkCalendarDay.objects.get(date=D(2026, 10, 10)).name_en == "Corrected"
    assert added.history.first().history_user == admin_user
    services.work_calendar_day_delete(user=admin_user, day=added)
    assert not has_arrangement(2027)


def test_the_library_load_restores_a_deleted_day_and_is_idempotent(admin_user):
    services.work_calendar_day_delete(
        user=admin_user, day=WorkCalendarDay.objects.get(date=D(2026, 9, 20))
    )
    assert not is_working_day(D(2026, 9, 20))
    call_command("load_work_calendar", "--year", "2026")
    assert is_working_day(D(2026, 9, 20))
    assert services.work_calendar_load_library(years=[2026])["added"] == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"date": None}, "date"),
        ({"kind": "later"}, "kind"),
        ({"name_zh_hans": " "}, "name_zh_hans"),
        ({"name_en": ""}, "name_en"),
        ({"date": D(2027, 3, 3), "kind": WorkDayKind.WORKDAY}, "date"),  # a Wednesday
        ({"date": D(2026, 10, 1)}, "date"),  # already in the calendar
    ],
)
def test_bad_entries_are_refused_on_their_field(admin_user, fields, field):
    data = {"date": D(2027, 1, 1), "kind": WorkDayKind.HOLIDAY, "name_zh_hans": "元旦"}
    data |= {"name_en": "New Year's Day"} | fields
    with pytest.raises(DomainError) as err:
        services.work_calendar_day_save(user=admin_user, **data)
    assert err.value.field == field


def test_only_an_admin_changes_the_calendar(bureau_user):
    with pytest.raises(PermissionDenied):
        services.work_calendar_day_save(
            user=bureau_user, date=D(2027, 1, 1), kind="holiday", name_zh_hans="x", name_en="x"
        )


def test_the_demo_seeds_this_year_from_the_library_and_next_year_as_demo_data():
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC), tick=False):
        seed_work_calendar()
        seed_work_calendar()  # idempotent
    assert has_arrangement(2027)
    demo = WorkCalendarDay.objects.filter(date__year=2027)
    assert set(demo.values_list("source", flat=True)) == {CalendarSource.DEMO}
    assert all("demo data" in d.name_en and "演示数据" in d.name_zh_hans for d in demo)
    # The demo's National Day 2027: 1–7 October off, Sunday 26 September worked.
    assert not is_working_day(D(2027, 10, 4))
    assert is_working_day(D(2027, 9, 26))
    assert demo.count() == 3 + 7 + 1 + 3 + 5 + 2 + 1 + 1 + 7 + 2
