"""A real Celery worker (in-process thread) consuming from the test Redis database."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import purge_expired_sessions
from config.celery import app


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
def test_purge_expired_sessions_through_redis_worker(real_worker):
    Session.objects.create(
        session_key="expired0000000000000000000000000",
        session_data="x",
        expire_date=timezone.now() - timedelta(days=1),
    )
    Session.objects.create(
        session_key="live0000000000000000000000000000",
        session_data="x",
        expire_date=timezone.now() + timedelta(days=1),
    )
    result = purge_expired_sessions.delay()
    assert result.get(timeout=30) == "purged 1"
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        "live0000000000000000000000000000"
    ]
    # Idempotent: running again changes nothing.
    assert purge_expired_sessions.delay().get(timeout=30) == "purged 0"


def test_our_tasks_default_to_acks_late_and_retry():
    assert purge_expired_sessions.acks_late is True
    assert purge_expired_sessions.max_retries == 5
    assert purge_expired_sessions.autoretry_for == (Exception,)
