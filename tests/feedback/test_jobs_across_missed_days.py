"""The daily jobs across a month end and a year end with the worker down for three days: the
clock steps day by day from Monday 2026-12-28 to Tuesday 2027-01-05, the jobs run at their
beat times on the days the worker is up (not on 31 December, 1 and 2 January; twice on
3 January), and every reminder, flag and notice goes out once, on the first run that owes it.

Hand-counted (Asia/Shanghai; 2027 has no arrangement in the calendar, so plain weeks):
- case received Monday 21 December, due 5 working days later: Monday 28 December. Overdue
  from Tuesday 29; flagged on the 29th's run, one notice.
- visit link issued Monday 28 December 09:30, unrated; FEEDBACK_REMINDER_DAYS = 3: owed from
  Thursday 31 December 09:30 (the worker is down), sent on 3 January, once.
- inquiry received Monday 28 December, no response: the bureau's reminder (2 working days)
  is owed once Wednesday 30 December has passed, i.e. from Thursday 31 (down): written and
  mailed on 3 January, once.
- follow-up due Tuesday 29 December, overdue reminder after 1 day: written and mailed on
  Wednesday 30 December, once.
- December's monthly report, MONTHLY_REPORT_DUE_DAY = 4: due Monday 4 January 2027; the
  "before" reminder is owed from Friday 1 January (down) → sent 3 January; the due-day one
  on 4 January; nothing on 5 January.
"""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from feedback import tasks as feedback_tasks
from feedback.models import Case, CaseEvent, CaseSource, CaseStatus, ServiceVisit
from investors import tasks as investor_tasks
from investors.models import FollowUp, Inquiry, InquiryStatus, Reminder, ReminderKind
from stats import tasks as stats_tasks
from stats.models import ReportReminder
from tests.factories import InvestorFactory

pytestmark = pytest.mark.django_db

D = dt.date
DOWN = {D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2)}


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute)) - dt.timedelta(hours=8)


@pytest.fixture
def clock():
    """Listed first, so the fixtures after it are made on Monday 28 December 09:30."""
    with time_machine.travel(
        _local(D(2026, 12, 28), 9, 30).replace(tzinfo=dt.UTC), tick=False
    ) as t:
        yield t


def _run_the_day(clock, day):
    """The beat's daily jobs at their times (docs/operations.md), after commit as in
    production."""
    for hour, minute, job in (
        (7, 0, feedback_tasks.flag_overdue_cases),
        (7, 0, investor_tasks.send_reminder_digests),
        (7, 15, feedback_tasks.flag_visits_due),
        (8, 0, stats_tasks.remind_monthly_reports),
        (9, 0, feedback_tasks.remind_unrated_visits),
    ):
        clock.move_to(_local(day, hour, minute).replace(tzinfo=dt.UTC))
        job()


def test_three_missed_days_then_each_reminder_once(
    clock, settings, link, unit_a, liaison_user, bureau_user, district_user, region_a,
    office110_user, django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.MONTHLY_REPORT_DUE_DAY = 4
    settings.MONTHLY_REPORTS_FROM = (2026, 12)
    for u, email in ((liaison_user, "unit@example.org"), (bureau_user, "bureau@example.org"),
                     (district_user, "district@example.org"),
                     (office110_user, "office@example.org")):  # fmt: skip
        u.email = email
        u.save()
    visit = link[0].visit
    case = Case.objects.create(
        source=CaseSource.COMPLAINT,
        unit=unit_a,
        subject="供电接入迟缓",
        status=CaseStatus.RECEIVED,
        received_on=D(2026, 12, 21),
        due_date=D(2026, 12, 28),
    )
    investor = InvestorFactory()
    Inquiry.objects.create(
        reference="INQ-1", name="A", organisation="Org", email="a@example.org", message="m",
        status=InquiryStatus.NEW, response_due=D(2026, 12, 30),
    )  # fmt: skip
    FollowUp.objects.create(investor=investor, owner=bureau_user, due_date=D(2026, 12, 29))
    mail.outbox.clear()

    day, sent_on = D(2026, 12, 28), {}
    while day <= D(2027, 1, 5):
        if day not in DOWN:
            with django_capture_on_commit_callbacks(execute=True):
                _run_the_day(clock, day)
                if day == D(2027, 1, 3):
                    _run_the_day(clock, day)  # a redelivered or repeated run: nothing new
            sent_on[day] = [m.subject for m in mail.outbox]
            mail.outbox.clear()
        day += dt.timedelta(days=1)

    case.refresh_from_db()
    assert case.overdue_since == D(2026, 12, 29)
    assert CaseEvent.objects.filter(case=case, action="overdue").count() == 1
    overdue_notices = {d: [s for s in subjects if "overdue" in s.lower() or "超期" in s]
                       for d, subjects in sent_on.items()}  # fmt: skip
    assert [d for d, s in overdue_notices.items() if s] == [D(2026, 12, 29)]

    visit.refresh_from_db()
    assert visit.reminder_sent_at == _local(D(2027, 1, 3), 9).replace(tzinfo=dt.UTC)
    assert ServiceVisit.objects.filter(reminder_sent_at__isnull=False).count() == 1

    reminders = Reminder.objects.filter(user=bureau_user).order_by("kind")
    kinds = {r.kind: r for r in reminders}
    assert set(kinds) >= {ReminderKind.INQUIRY_OVERDUE, ReminderKind.FOLLOW_UP_OVERDUE}
    assert all(r.sent_at is not None for r in reminders)
    inquiry = kinds[ReminderKind.INQUIRY_OVERDUE]
    assert inquiry.key == f"inquiry:{Inquiry.objects.get().pk}"
    assert (inquiry.created_at, inquiry.sent_at) == (
        _local(D(2027, 1, 3), 7).replace(tzinfo=dt.UTC),
    ) * 2
    overdue = kinds[ReminderKind.FOLLOW_UP_OVERDUE]
    assert overdue.sent_at == _local(D(2026, 12, 30), 7).replace(tzinfo=dt.UTC)
    assert Reminder.objects.filter(user=bureau_user).count() == len(kinds)  # one of each

    reports = ReportReminder.objects.filter(user=district_user, year=2026, month=12)
    assert sorted((r.stage, r.sent_at) for r in reports) == [
        ("before", _local(D(2027, 1, 3), 8).replace(tzinfo=dt.UTC)),
        ("due", _local(D(2027, 1, 4), 8).replace(tzinfo=dt.UTC)),
    ]
    report_mails = {
        d: [s for s in subjects if "2026年12月" in s] for d, subjects in sent_on.items()
    }
    assert {d: len(s) for d, s in report_mails.items() if s} == {
        D(2027, 1, 3): 1,
        D(2027, 1, 4): 1,
    }
    assert sent_on[D(2027, 1, 5)] == []
