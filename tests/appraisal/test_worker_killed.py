"""Issue 23, faults: a worker killed in the middle of an appraisal. The appraisal is left
"running" with its outbox row held by a process that no longer exists; the redelivered task
takes the row over and computes the same scores as a clean run. A row held by a live process
is left to it. (The same mechanism with a real SIGKILLed process:
tests/stats/test_worker_killed.py.)"""

import os
import socket
import subprocess
import sys

import pytest
from django.utils import timezone

from appraisal.models import Appraisal, IndicatorScore, RunStatus, Score
from appraisal.tasks import run_appraisal
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _scores(appraisal) -> list[tuple]:
    scores = Score.objects.filter(appraisal=appraisal).order_by("subject_kind", "subject_key")
    parts = IndicatorScore.objects.filter(entry__appraisal=appraisal).order_by(
        "entry__subject_kind", "entry__subject_key", "code"
    )
    return [
        *scores.values_list("subject_kind", "subject_key", "rank", "total"),
        *parts.values_list("entry__subject_key", "code", "score"),
    ]


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _crashed(appraisal, claimant: str) -> OutboxMessage:
    """The state a worker killed halfway leaves: running, its row claimed, not done."""
    Appraisal.objects.filter(pk=appraisal.pk).update(
        run_status=RunStatus.RUNNING, progress=50, started_at=timezone.now()
    )
    return OutboxMessage.objects.create(
        task=run_appraisal.name,
        kwargs={"appraisal_id": appraisal.pk},
        sent_at=timezone.now(),
        sends=1,
        claimed_at=timezone.now(),
        claimed_by=claimant,
    )


def test_the_redelivery_finishes_a_killed_appraisal_with_a_clean_runs_scores(computed):
    clean = _scores(computed)
    assert len(clean) > 5
    message = _crashed(computed, f"{socket.gethostname()}:{_dead_pid()}")
    run_appraisal.apply(kwargs=message.kwargs, headers={"outbox_id": message.pk})
    computed.refresh_from_db()
    message.refresh_from_db()
    assert computed.run_status == RunStatus.SUCCEEDED
    assert message.done_at is not None
    assert _scores(computed) == clean


def test_a_delivery_leaves_an_appraisal_a_live_worker_holds(computed):
    message = _crashed(computed, f"{socket.gethostname()}:{os.getppid()}")
    result = run_appraisal.apply(kwargs=message.kwargs, headers={"outbox_id": message.pk})
    assert result.get() == "running elsewhere"
    computed.refresh_from_db()
    assert computed.run_status == RunStatus.RUNNING
