"""Issue 23, item 4: /healthz, /readyz (503 while Redis is down, 200 after), /metrics for the
monitoring address and administrators only, JSON logs with the request and user ids, and one
line per security event."""

import datetime as dt
import io
import json
import logging

import pytest
import time_machine
from django.utils import timezone
from pythonjsonlogger.json import JsonFormatter
from rest_framework.test import APIClient

from accounts.services import api_token_issue, api_token_revoke
from config.requestlog import RequestContextFilter
from outbox.models import Heartbeat
from outbox.services import outbox_sweep
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_services(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.json() == {"alive": True}


def test_readyz_is_503_while_redis_is_down_and_200_after(on_private_redis, client):
    outbox_sweep()  # a worker's heartbeat, now
    resp = client.get("/readyz")
    assert resp.status_code == 200, resp.content
    assert resp.json()["ready"] is True
    assert set(resp.json()["checks"]) == {
        "Database",
        "Cache",
        "Redis",
        "FreeDisk",
        "WorkerHeartbeat",
    }

    on_private_redis.stop()
    resp = client.get("/readyz")
    assert resp.status_code == 503
    body = resp.json()
    assert body["ready"] is False
    assert body["checks"]["Redis"] != "OK"
    assert body["checks"]["Cache"] != "OK"
    assert body["checks"]["Database"] == "OK"

    on_private_redis.start()
    assert client.get("/readyz").status_code == 200


def test_readyz_is_503_without_a_recent_worker_heartbeat(on_private_redis, client, settings):
    settings.READY_WORKER_HEARTBEAT_MINUTES = 5
    checks = client.get("/readyz").json()["checks"]
    assert checks["WorkerHeartbeat"] == "Unavailable: no worker heartbeat yet"
    Heartbeat.objects.create(name="worker", beat_at=timezone.now() - dt.timedelta(minutes=6))
    resp = client.get("/readyz")
    assert resp.status_code == 503
    assert resp.json()["checks"]["WorkerHeartbeat"].startswith(
        "Unavailable: no worker heartbeat since"
    )


def test_readyz_is_503_when_the_media_disk_is_full(on_private_redis, client, settings):
    outbox_sweep()
    settings.READY_MIN_FREE_DISK_MB = 10**12  # more than any disk has
    resp = client.get("/readyz")
    assert resp.status_code == 503
    assert resp.json()["checks"]["FreeDisk"].endswith("MB free for media")


def test_metrics_for_the_monitoring_address_and_admins_only(client, settings, admin_user):
    settings.METRICS_ALLOWED_IPS = ["10.9.0.0/24"]
    from accounts.tasks import purge_stale_api_tokens

    client.get("/en/")  # a request to count
    purge_stale_api_tokens.apply()  # a task to count
    assert client.get("/metrics", REMOTE_ADDR="10.9.1.1").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    resp = client.get("/metrics", REMOTE_ADDR="10.9.0.7")
    assert resp.status_code == 200
    body = resp.content.decode()
    for metric in (
        "django_http_requests_total_by_view_transport_method_total",
        "django_http_requests_latency_seconds_by_view_method_bucket",
        "django_db_execute_total",
        "django_cache_get_total",
        "portal_celery_tasks_total",
        "portal_celery_task_duration_seconds_bucket",
    ):
        assert metric in body, metric
    bureau = UserFactory(username="metrics_bureau", role="bureau")
    client.force_login(bureau)
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    client.force_login(admin_user)
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200


def test_celery_task_outcomes_are_counted(settings):
    from prometheus_client import REGISTRY

    from accounts.tasks import purge_stale_api_tokens

    def count():
        value = REGISTRY.get_sample_value(
            "portal_celery_tasks_total",
            {"task": "accounts.tasks.purge_stale_api_tokens", "outcome": "success"},
        )
        return value or 0

    before = count()
    purge_stale_api_tokens.apply()
    assert count() == before + 1


@pytest.fixture
def json_log():
    """The production console handler's filter and formatter, writing to a buffer."""
    from django.conf import settings

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestContextFilter())
    spec = settings.LOGGING["formatters"]["json"]
    handler.setFormatter(JsonFormatter(spec["fmt"], rename_fields=spec["rename_fields"]))
    root = logging.getLogger()
    root.addHandler(handler)
    security = logging.getLogger("portal.security")
    level = security.level
    security.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        security.setLevel(level)


@time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False)
def test_a_refusal_is_logged_as_json_with_the_request_and_user_ids(client, json_log, region_a):
    district = UserFactory(username="log_district", role="district", region=region_a)
    client.force_login(district)
    resp = client.get("/en/staff/calendar/", HTTP_X_REQUEST_ID="proxy-req-0001")
    assert resp.status_code == 403
    assert resp["X-Request-ID"] == "proxy-req-0001"
    (line,) = [r for r in json_log() if r.get("event") == "permission_denied"]
    assert line["request_id"] == "proxy-req-0001"
    assert line["user_id"] == district.pk
    assert line["path"] == "/en/staff/calendar/"
    assert line["logger"] == "portal.security"
    assert line["level"] == "WARNING"
    # A made-up id that does not look like one is replaced, and the new one echoed.
    resp = client.get("/en/staff/calendar/", HTTP_X_REQUEST_ID="bad id\n")
    assert resp["X-Request-ID"] != "bad id\n"
    assert len(resp["X-Request-ID"]) == 32


def test_security_events_get_one_line_each(client, settings, json_log):
    settings.AXES_FAILURE_LIMIT = 2
    user = UserFactory(username="log_user", role="bureau")
    client.post("/en/accounts/login/", {"username": "log_user", "password": "wrong"})
    client.post("/en/accounts/login/", {"username": "log_user", "password": "wrong"})
    issued = api_token_issue(user=user, client="cli")
    api_token_revoke(user=user, public_id=issued.record.public_id)
    events = [r["event"] for r in json_log() if r.get("logger") == "portal.security"]
    assert events.count("signin_failed") == 2
    assert events.count("lockout") == 1
    assert "api_token_issued" in events
    assert "api_token_revoked" in events
    text = json.dumps(json_log())
    assert "wrong" not in text
    assert issued.token not in text
    # The locked-out sign-in through the API is logged as a failure too.
    APIClient().post("/api/v1/auth/token/", {"username": "log_user", "password": PASSWORD})
    assert [r.get("event") for r in json_log()].count("signin_failed") == 3
