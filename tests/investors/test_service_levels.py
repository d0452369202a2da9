"""The public service levels of the inquiry service (issue 21, item 8), checked by hand
against fixture inquiries."""

import datetime as dt

import pytest
import time_machine

from investors.models import Inquiry, InquiryStatus
from investors.selectors import inquiry_service_levels

pytestmark = pytest.mark.django_db

SH = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=SH)  # Friday


def _make(received, answered=None, status=InquiryStatus.NEW):
    q = Inquiry.objects.create(
        name="A",
        organisation="B",
        country="DE",
        email="a@example.com",
        message="m",
        response_due=received.date(),
        status=status,
    )
    # received_at is auto_now_add: set the fixture times afterwards.
    Inquiry.objects.filter(pk=q.pk).update(received_at=received, first_response_at=answered)


def at(day, hour):
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=SH)


@pytest.fixture
def fixture_inquiries():
    # Monday 9 November 09:00: answered 13:00 the same day (4 h, within 2 working days).
    _make(at(9, 9), at(9, 13))
    # Monday 9 November: answered Thursday 12 November 09:00 (72 h; due Wednesday: late).
    _make(at(9, 9), at(12, 9))
    # Tuesday 10 November: answered Wednesday (24 h, within).
    _make(at(10, 9), at(11, 9))
    # Friday 13 November 17:00: answered Tuesday 17 November 10:00 (89 h; the weekend does not
    # count: due Tuesday, within).
    _make(at(13, 17), at(17, 10))
    # Monday 16 November: no answer; due Wednesday 18 November, past: late.
    _make(at(16, 9))
    # Thursday 19 November: no answer, due Monday 23 November: not decided yet.
    _make(at(19, 9))
    # Not counted: spam (answered fast), and an inquiry of 100 days ago.
    _make(at(9, 9), at(9, 10), status=InquiryStatus.SPAM)
    _make(NOW - dt.timedelta(days=100), NOW - dt.timedelta(days=100) + dt.timedelta(hours=1))


def test_service_levels_by_hand(fixture_inquiries):
    levels = inquiry_service_levels(now=NOW)
    assert levels["received"] == 6
    assert levels["answered"] == 4
    # 4, 24, 72 and 89 hours: the median is (24 + 72) / 2.
    assert levels["median_hours"] == 48.0
    # Decided: 4 answered + 1 unanswered past its day; within: 4 h, 24 h and the weekend one.
    assert levels["decided"] == 5
    assert levels["within_share"] == 60.0


def test_no_inquiries_is_no_figure_not_zero():
    Inquiry.objects.all().delete()
    levels = inquiry_service_levels(now=NOW)
    assert levels["received"] == 0
    assert levels["median_hours"] is None
    assert levels["within_share"] is None
    _make(at(19, 9))  # one, not yet due: still no share
    levels = inquiry_service_levels(now=NOW)
    assert (levels["received"], levels["median_hours"], levels["within_share"]) == (1, None, None)


def test_public_pages_state_the_levels(client, bureau_user, fixture_inquiries):
    from investors.services import inquiry_settings_set

    inquiry_settings_set(user=bureau_user, publish_median_response=True)
    with time_machine.travel(NOW, tick=False):
        en = client.get("/en/inquiry/").content.decode()
        zh = client.get("/zh-hans/contact/").content.decode()
    assert "median time to a first answer was 48.0 hours" in en
    assert "60.0% answered within 2 working days (of 5 inquiries whose time is up)" in en
    assert 'data-testid="within-share"' in zh
    assert "60.0%" in zh


def test_public_pages_say_no_inquiries_yet(client, bureau_user):
    from investors.services import inquiry_settings_set

    inquiry_settings_set(user=bureau_user, publish_median_response=True)
    with time_machine.travel(NOW, tick=False):
        en = client.get("/en/inquiry/").content.decode()
    assert 'data-testid="service-levels-empty"' in en
    assert "No inquiries yet" in en
    assert "0%" not in en
    assert "0.0%" not in en
