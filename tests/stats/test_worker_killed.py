"""Issue 23, faults: a worker killed in the middle of a statistics run. A real process starts
the run through the outbox and is SIGKILLed halfway; the run is left "running". Celery hands
the unacknowledged task to another worker process (late ack, reject on worker lost): that
delivery takes over the dead process's claim and finishes the run, and its figures are those
of a clean run. Without a redelivery the run is marked failed after STATS_RUN_TIMEOUT_MINUTES
(tests/stats/test_services.py) and the sweep resends the task."""

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
import time_machine
from django.db import connection

from outbox.models import OutboxMessage
from stats import services
from stats.models import RunStatus, StatsFigure, StatsRun
from stats.tasks import compute_fdi_stats

# The killed process must see the data: committed, in this test's database.
pytestmark = pytest.mark.django_db(transaction=True)

NOW = dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC)

KILLED_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    import django
    django.setup()
    from stats import services
    from stats.tasks import compute_fdi_stats

    real = services.compute_period

    def dies_halfway(year, month, progress):
        def report(pct):
            progress(pct)
            if pct >= 50:
                os.kill(os.getpid(), signal.SIGKILL)
        return real(year, month, progress=report)

    services.compute_period = dies_halfway
    run_id, message_id = int(sys.argv[1]), int(sys.argv[2])
    compute_fdi_stats.apply(kwargs={"run_id": run_id}, headers={"outbox_id": message_id})
    """
)


def _figures(run: StatsRun) -> list[tuple]:
    rows = StatsFigure.objects.filter(snapshot=run.snapshot).order_by("scope_type", "scope_key")
    return [
        tuple(v for k, v in row.items() if k not in ("id", "snapshot_id")) for row in rows.values()
    ]


def _database_url() -> str:
    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}:{port}/{s['NAME']}"


def test_a_run_killed_halfway_is_finished_by_the_redelivery_with_a_clean_runs_figures(
    bureau_user, approve, arrive, region_a, region_b
):
    with time_machine.travel(NOW, tick=False):
        p = approve(dt.date(2026, 3, 2), region=region_a, total="1200", fdi="300")
        arrive(p, dt.date(2026, 4, 1), "120.5")
        q = approve(dt.date(2026, 10, 9), region=region_b, total="80", fdi="25", country="JP")
        arrive(q, dt.date(2026, 10, 20), "12.25")
        clean = services.stats_run_request(user=bureau_user, year=2026, month=10)
        clean.refresh_from_db()
        assert clean.status == RunStatus.SUCCEEDED
        expected = _figures(clean)
        assert len(expected) >= 3

        run = services.stats_run_create(user=bureau_user, year=2026, month=10)
        message = OutboxMessage.objects.create(
            task=compute_fdi_stats.name, kwargs={"run_id": run.pk}
        )

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
    }
    killed = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", KILLED_WORKER, str(run.pk), str(message.pk)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr.decode()[-2000:]
    run.refresh_from_db()
    message.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert run.progress == 50
    assert message.done_at is None
    host, _, pid = message.claimed_by.rpartition(":")
    assert host
    assert pid != str(os.getpid())  # held by the process that died

    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
        # The redelivered task, in another (living) process: it takes the dead one's claim.
        compute_fdi_stats.apply(kwargs={"run_id": run.pk}, headers={"outbox_id": message.pk})
        run.refresh_from_db()
        message.refresh_from_db()
        assert run.status == RunStatus.SUCCEEDED
        assert message.done_at is not None
        assert _figures(run) == expected
        # A further delivery acts no more.
        assert (
            compute_fdi_stats.apply(
                kwargs={"run_id": run.pk}, headers={"outbox_id": message.pk}
            ).get()
            == "already done"
        )
