"""The outbox (tests settings: eager Celery, so a sent task runs at once)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.tasks import purge_stale_api_tokens
from outbox.models import Heartbeat, OutboxMessage
from outbox.services import enqueue, outbox_sweep, run_once

pytestmark = pytest.mark.django_db


def test_a_queued_task_is_sent_after_commit_and_done_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = enqueue(purge_stale_api_tokens)
    message.refresh_from_db()
    assert message.sent_at is None  # nothing before commit
    for callback in callbacks:
        callback()
    message.refresh_from_db()
    assert message.sends == 1
    assert message.done_at is not None
    assert outbox_sweep()["sent"] == 0


def test_the_sweep_resends_lost_tasks_a_few_times_then_gives_up(settings):
    settings.OUTBOX_RESEND_MINUTES, settings.OUTBOX_MAX_SENDS = 90, 3
    old = timezone.now() - dt.timedelta(minutes=91)
    lost = OutboxMessage.objects.create(task=purge_stale_api_tokens.name, sent_at=old, sends=1)
    given_up = OutboxMessage.objects.create(task=purge_stale_api_tokens.name, sent_at=old, sends=3)
    recent = OutboxMessage.objects.create(
        task=purge_stale_api_tokens.name, sent_at=timezone.now(), sends=1
    )
    assert outbox_sweep() == {"sent": 0, "resent": 1, "purged": 0}
    lost.refresh_from_db()
    assert lost.sends == 2
    assert lost.done_at is not None
    for untouched in (given_up, recent):
        untouched.refresh_from_db()
        assert untouched.done_at is None
    assert Heartbeat.objects.get(name="worker").beat_at > old


def test_done_rows_are_purged_after_a_week(settings):
    settings.OUTBOX_KEEP_DAYS = 7
    now = timezone.now()
    OutboxMessage.objects.create(task="x", sent_at=now, done_at=now - dt.timedelta(days=8))
    kept = OutboxMessage.objects.create(task="x", sent_at=now, done_at=now - dt.timedelta(days=6))
    assert outbox_sweep()["purged"] == 1
    assert list(OutboxMessage.objects.all()) == [kept]


def test_a_failed_run_releases_the_row_for_its_retry():
    message = OutboxMessage.objects.create(task="x", sent_at=timezone.now(), sends=1)

    def fails():
        raise OSError("SMTP down")

    with pytest.raises(OSError, match="SMTP down"):
        run_once(message.pk, fails)
    message.refresh_from_db()
    assert message.claimed_at is None
    assert message.done_at is None
    assert run_once(message.pk, lambda: "sent") == "sent"
    assert run_once(message.pk, lambda: "sent twice") == "already done"
