"""The outbox's writes: queue a task with the record it concerns, send what the broker has
not taken yet, and run a delivered task once.

Why an outbox (docs/operations.md, Faults): `transaction.on_commit(task.delay)` loses the
task when Redis is down at that moment (the record is saved, the mail or the run never
happens). Here the task is a row written in the caller's transaction; it is sent after commit
when the broker answers, else by the sweep (`outbox.tasks.sweep`, every minute from beat) once
it answers again. The row id travels with the task (an `outbox_id` message header), and
`run_once` makes a second delivery of the same row do nothing, so a task sent twice (a send
whose row update was lost, a resend after a lost queue) acts once.
"""

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Heartbeat, OutboxMessage

log = logging.getLogger(__name__)

# The message header that carries the row id to the task (read by config.celery.PortalTask).
OUTBOX_HEADER = "outbox_id"


def enqueue(task, **kwargs) -> OutboxMessage:
    """Queue `task` with `kwargs` (JSON values) in the current transaction; it is sent to the
    broker after commit, or later by the sweep if the broker is down. Returns the row."""
    message = OutboxMessage.objects.create(task=task.name, kwargs=kwargs)
    transaction.on_commit(lambda: dispatch(message_id=message.pk))
    return message


def dispatch(*, message_id: int) -> bool | None:
    """Send one unsent row to the broker: True if it was sent now, False if it was sent
    already or another process is sending it, None if the broker did not answer (the row
    stays unsent, with the error, for the sweep; nothing is raised)."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        return message is not None and _send(message)


def _send(message: OutboxMessage) -> bool | None:
    task = current_app.tasks[message.task]
    options = {"kwargs": message.kwargs, "headers": {OUTBOX_HEADER: message.pk}}
    if current_app.conf.task_always_eager:
        # Development and tests: the task runs here and its errors are the caller's.
        task.apply_async(**options)
    else:
        try:
            # No publishing retries inside a request: the sweep is the retry.
            task.apply_async(retry=False, **options)
        except Exception as exc:
            message.last_error = f"{type(exc).__name__}: {exc}"[:500]
            message.save(update_fields=["last_error"])
            log.warning("outbox: %s not sent, kept for the sweep (%s)", message, exc)
            return None
    message.sent_at, message.sends = timezone.now(), message.sends + 1
    message.last_error = ""
    message.save(update_fields=["sent_at", "sends", "last_error"])
    return True


def outbox_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Beat's every-minute sweep, run by a worker: record the worker's heartbeat; send the
    rows never sent (oldest first); send again the rows sent OUTBOX_RESEND_MINUTES ago and
    never done (the queue was lost, e.g. Redis restarted empty), at most OUTBOX_MAX_SENDS
    times in all; delete rows done more than OUTBOX_KEEP_DAYS ago. Returns the counts."""
    now = now or timezone.now()
    Heartbeat.objects.update_or_create(name="worker", defaults={"beat_at": now})
    unsent = OutboxMessage.objects.filter(sent_at__isnull=True).order_by("created_at")
    sent = resent = 0
    for pk in unsent.values_list("pk", flat=True)[:1000]:
        result = dispatch(message_id=pk)
        if result is None:  # the broker is down: the next sweep tries again
            return {"sent": sent, "resent": resent, "purged": 0}
        sent += result
    lost = OutboxMessage.objects.filter(
        done_at__isnull=True,
        sent_at__lt=now - timedelta(minutes=settings.OUTBOX_RESEND_MINUTES),
        sends__lt=settings.OUTBOX_MAX_SENDS,
    ).filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - _lease()))
    for pk in lost.order_by("sent_at").values_list("pk", flat=True)[:1000]:
        with transaction.atomic():
            message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=pk)
            message = message.first()
            if message is not None and message.done_at is None:
                result = _send(message)
                if result is None:
                    break
                resent += result
    purged, _ = OutboxMessage.objects.filter(
        done_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    ).delete()
    return {"sent": sent, "resent": resent, "purged": purged}


def _lease() -> timedelta:
    return timedelta(minutes=settings.OUTBOX_LEASE_MINUTES)


def run_once(message_id: int, work: Callable[[], object]):
    """Run `work` (the task's body) for outbox row `message_id` unless that row is done or a
    live worker holds it; mark it done after. A failure releases the row, so the task's own
    retry (or a redelivery) runs it again. A row held by a worker process that died on this
    host (a killed worker: Celery hands its task to another process) is taken over at once;
    one held on another host, after OUTBOX_LEASE_MINUTES (then the sweep resends it)."""
    now = timezone.now()
    row = OutboxMessage.objects.filter(pk=message_id).values("done_at", "claimed_at", "claimed_by")
    row = row.first()
    if row is None:  # purged long ago: nothing to guard
        return work()
    if row["done_at"] is not None:
        log.info("outbox: row %s is done, delivery ignored", message_id)
        return "already done"
    held = row["claimed_at"] is not None and row["claimed_at"] >= now - _lease()
    if held and _alive(row["claimed_by"]):
        log.info("outbox: row %s is running in %s, delivery ignored", message_id, row["claimed_by"])
        return "running elsewhere"
    claimed = OutboxMessage.objects.filter(
        pk=message_id, done_at__isnull=True, claimed_at=row["claimed_at"]
    ).update(claimed_at=now, claimed_by=_me())
    if not claimed:
        return "running elsewhere"
    try:
        result = work()
    except BaseException:
        OutboxMessage.objects.filter(pk=message_id).update(claimed_at=None, claimed_by="")
        raise
    OutboxMessage.objects.filter(pk=message_id).update(done_at=timezone.now())
    return result


def _me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(claimant: str) -> bool:
    """Whether the worker process `host:pid` may still be running (only a process on this
    host can be seen to be gone)."""
    host, _, pid = claimant.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    if int(pid) == os.getpid():
        return False  # this very process: its earlier attempt is over
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
