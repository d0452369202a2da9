"""The statistics task through a real Celery worker consuming from Redis."""

import datetime as dt

import pytest

from config.celery import app
from stats import services
from stats.models import RunStatus, StatsRun
from stats.tasks import compute_fdi_stats


@pytest.fixture
def real_worker(settings):
    from celery.contrib.testing.worker import start_worker

    app.conf.task_always_eager = False
    app.conf.broker_url = settings.REDIS_URL
    app.conf.result_backend = settings.REDIS_URL
    try:
        # Every queue (CELERY_TASK_ROUTES sends statistics to `reports`, mail to `mail`).
        with start_worker(
            app,
            pool="solo",
            perform_ping_check=False,
            shutdown_timeout=10,
            queues=["celery", "mail", "reports"],
        ):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_compute_through_worker(real_worker, bureau_user, approve, arrive, region_a):
    p = approve(dt.date(2026, 5, 1), region=region_a, total="100", fdi="10")
    arrive(p, dt.date(2026, 6, 1), "5")
    run = services.stats_run_request(user=bureau_user, year=2026, month=11)
    # The request queued the task after commit; wait for the worker to finish it.
    for _ in range(100):
        run.refresh_from_db()
        if run.status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
            break
        __import__("time").sleep(0.1)
    assert run.status == RunStatus.SUCCEEDED, run.message
    assert run.progress == 100
    city = run.snapshot.figures.get(scope_type="city")
    assert city.utilized_fdi_usd_10k_ytd == 5
    # Running the task again through the worker is a no-op on a finished run.
    assert compute_fdi_stats.delay(run.pk).get(timeout=30) == "2026-11 succeeded"
    assert StatsRun.objects.count() == 1
