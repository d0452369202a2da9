"""The working-day calendar's page (administrators keep it, bureau staff read it) and the
dashboard's December warning when next year's holiday arrangement is missing. The calendar
holds the library's arrangements up to 2026 (data migration); 2027 is not carried."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from reference.models import CalendarSource, WorkCalendarDay
from reference.workdays import has_arrangement, is_working_day

pytestmark = pytest.mark.django_db

D = dt.date


def _at(day: dt.date, hour: int = 10):
    """Pin the clock to `hour` o'clock Asia/Shanghai on `day`."""
    moment = dt.datetime.combine(day, dt.time(hour)) - dt.timedelta(hours=8)
    return time_machine.travel(moment.replace(tzinfo=dt.UTC), tick=False)


def _url(name, *args, lang="en", query=""):
    with translation.override(lang):
        return reverse(name, args=args) + query


def test_the_admin_sees_a_year_with_english_names_on_the_english_page(client, admin_user):
    client.force_login(admin_user)
    with _at(D(2026, 11, 16)):
        page = client.get(_url("staff:calendar", query="?year=2026"))
    assert page.status_code == 200
    days = list(page.context["days"])
    assert len(days) == 39  # 33 days off, 6 make-up workdays in 2026
    html = page.content.decode()
    assert "National Day (make-up workday)" in html
    assert "国庆节" not in html
    assert 'lang="zh-Hans"' in html  # the Chinese name's input


def test_the_admin_adds_corrects_and_removes_a_day(client, admin_user):
    client.force_login(admin_user)
    with _at(D(2026, 12, 7)):
        answer = client.post(
            _url("staff:calendar"),
            {
                "date": "2027-01-01",
                "kind": "holiday",
                "name_zh_hans": "元旦",
                "name_en": "New Year",
            },
        )
        assert answer.status_code == 302
        day = WorkCalendarDay.objects.get(date=D(2027, 1, 1))
        assert (day.source, day.name_en, day.history.first().history_user) == (
            CalendarSource.ADMIN,
            "New Year",
            admin_user,
        )
        answer = client.post(
            _url("staff:calendar_day", day.pk),
            {"date": "2027-01-01", "kind": "holiday", "name_zh_hans": "元旦", "name_en": "NYD"},
        )
        assert answer.status_code == 302
        assert WorkCalendarDay.objects.get(pk=day.pk).name_en == "NYD"
        assert not is_working_day(D(2027, 1, 1))
        assert client.post(_url("staff:calendar_day_delete", day.pk)).status_code == 302
    assert not has_arrangement(2027)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"date": "2027-13-01"}, "date"),
        ({"date": "2026-10-01"}, "date"),  # already in the calendar
        ({"date": "2027-03-03", "kind": "workday"}, "date"),  # a Wednesday
        ({"kind": "maybe"}, "kind"),
        ({"name_en": ""}, "name_en"),
    ],
)
def test_bad_input_is_a_400_on_its_field(client, admin_user, data, field):
    client.force_login(admin_user)
    post = {"date": "2027-01-01", "kind": "holiday", "name_zh_hans": "元旦", "name_en": "NY"}
    with _at(D(2026, 12, 7)):
        answer = client.post(_url("staff:calendar"), post | data)
    assert answer.status_code == 400
    assert field in answer.context["form"].errors
    assert not has_arrangement(2027)


def test_a_bad_year_is_a_400(client, bureau_user):
    client.force_login(bureau_user)
    with _at(D(2026, 12, 7)):
        answer = client.get(_url("staff:calendar", query="?year=abc"))
    assert answer.status_code == 400
    assert answer.context["year"] == 2026


def test_bureau_staff_read_the_calendar_without_changing_it(client, bureau_user):
    client.force_login(bureau_user)
    with _at(D(2026, 11, 16)):
        page = client.get(_url("staff:calendar"))
        assert page.status_code == 200
        assert not page.context["can_edit"]
        assert "staff:calendar_day" not in page.content.decode()
        post = {"date": "2027-01-01", "kind": "holiday", "name_zh_hans": "元旦", "name_en": "N"}
        assert client.post(_url("staff:calendar"), post).status_code == 403
    assert not has_arrangement(2027)


@pytest.mark.parametrize("role_user", ["admin_user", "bureau_user"])
def test_december_warns_when_next_years_arrangement_is_missing(request, client, role_user):
    client.force_login(request.getfixturevalue(role_user))
    with _at(D(2026, 12, 7)):
        page = client.get(_url("staff:dashboard"))
    assert page.context["calendar_missing_year"] == 2027
    assert 'data-testid="calendar-missing"' in page.content.decode()
    WorkCalendarDay.objects.create(date=D(2027, 1, 1), kind="holiday", name="元旦", name_en="NYD")
    with _at(D(2026, 12, 7)):
        page = client.get(_url("staff:dashboard"))
    assert page.context["calendar_missing_year"] is None
    assert 'data-testid="calendar-missing"' not in page.content.decode()


def test_no_warning_before_december_nor_for_other_roles(client, bureau_user, district_user):
    client.force_login(bureau_user)
    with _at(D(2026, 11, 30)):
        assert client.get(_url("staff:dashboard")).context["calendar_missing_year"] is None
    with _at(D(2025, 12, 1)):  # 2026's arrangement is carried by the library
        assert client.get(_url("staff:dashboard")).context["calendar_missing_year"] is None
    client.force_login(district_user)
    with _at(D(2026, 12, 7)):
        assert client.get(_url("staff:dashboard")).context["calendar_missing_year"] is None
