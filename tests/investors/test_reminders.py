import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from investors import services
from investors.models import Reminder
from investors.reminders import collect_reminders, send_digests
from investors.tasks import send_reminder_digests
from tests.factories import InvestorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(region_a):
    from accounts.models import Role

    return UserFactory(
        username="anna", email="anna@example.com", role=Role.DISTRICT, region=region_a
    )


def test_digest_goes_to_the_owner_with_their_follow_ups_only(staff, bureau_user, region_a):
    bureau_user.email = "bureau@example.com"
    bureau_user.save()
    today = timezone.localdate()
    mine = InvestorFactory(name_zh_hans="我的客商", owner_region=region_a)
    services.interaction_log(
        user=staff,
        investor=mine,
        kind="call",
        date=today - dt.timedelta(days=10),
        summary="x",
        next_follow_up=today - dt.timedelta(days=2),
    )
    send_reminder_digests()
    to_anna = [m for m in mail.outbox if m.to == ["anna@example.com"]]
    assert len(to_anna) == 1
    assert "我的客商" in to_anna[0].body
    assert not any("我的客商" in m.body for m in mail.outbox if m.to == ["bureau@example.com"])
    # Safe to run twice: nothing new is written or sent.
    mail.outbox.clear()
    send_reminder_digests()
    assert mail.outbox == []


def test_missed_days_lose_nothing_and_preferences_apply(staff, region_a):
    today = timezone.localdate()
    inv = InvestorFactory(owner_region=region_a)
    services.interaction_log(
        user=staff,
        investor=inv,
        kind="call",
        date=today - dt.timedelta(days=20),
        summary="x",
        next_follow_up=today - dt.timedelta(days=9),
    )
    # The job did not run for a week: the overdue reminder still comes.
    assert collect_reminders(today) >= 1
    assert Reminder.objects.filter(user=staff, kind="follow_up_overdue").count() == 1
    services.reminder_preferences_set(
        user=staff, preferences={"follow_up_overdue": (True, 30), "investor_quiet": (False, 90)}
    )
    Reminder.objects.all().delete()
    collect_reminders(today)
    assert not Reminder.objects.filter(user=staff, kind="follow_up_overdue").exists()
    assert not Reminder.objects.filter(user=staff, kind="investor_quiet").exists()


def test_quiet_investors_flagged_after_90_days(staff, region_a):
    today = timezone.localdate()
    inv = InvestorFactory(owner_region=region_a)
    services.interaction_log(
        user=staff, investor=inv, kind="visit", date=today - dt.timedelta(days=91), summary="x"
    )
    collect_reminders(today)
    r = Reminder.objects.get(user=staff, kind="investor_quiet")
    assert r.investor == inv
    services.reminder_dismiss(user=staff, reminder=r)
    assert Reminder.objects.filter(pk=r.pk, dismissed_at__isnull=False).exists()
    assert send_digests() == 0  # a dismissed reminder is not sent


def test_dashboard_lists_my_follow_ups(client, staff, district_user_b, region_a):
    today = timezone.localdate()
    inv = InvestorFactory(name_en="Overdue Investor", owner_region=region_a)
    services.interaction_log(
        user=staff,
        investor=inv,
        kind="call",
        date=today - dt.timedelta(days=3),
        summary="x",
        next_follow_up=today - dt.timedelta(days=1),
    )
    client.force_login(staff)
    body = client.get("/en/staff/").content.decode()
    assert "Overdue Investor" in body
    client.force_login(district_user_b)
    assert "Overdue Investor" not in client.get("/en/staff/").content.decode()
