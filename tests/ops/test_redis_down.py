"""Issue 23, faults: Redis (the broker and the cache) down. Pages, the API and the public
forms keep working without a cache; sign-in's rate limits fail closed; the work that would
have been queued waits in the outbox and is sent once when Redis is back."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from investors.forms import inquiry_started_token
from investors.models import Inquiry
from investors.tasks import send_inquiry_acknowledgement
from outbox.models import OutboxMessage
from outbox.services import outbox_sweep
from stats.models import RunStatus, StatsRun
from tests.factories import PASSWORD, UserFactory

from .conftest import queued

pytestmark = pytest.mark.django_db


def _inquiry():
    return {
        "name": "James Carter",
        "organisation": "Brightwater Fabrics Ltd",
        "country": "GB",
        "email": "james@brightwater.example",
        "industry": "",
        "interest": "Textiles",
        "message": "We are looking for a site for a weaving plant.",
        "homepage": "",
        "started": inquiry_started_token(timezone.now() - dt.timedelta(seconds=30)),
    }


def test_with_redis_down_everything_answers_and_the_work_is_sent_once_when_it_is_back(
    on_private_redis, client, settings, django_capture_on_commit_callbacks
):
    settings.WEBSITE_PAGE_CACHE_SECONDS = 600  # the public page cache on, in the dead Redis
    bureau = UserFactory(username="redis_bureau", role="bureau")
    on_private_redis.stop()

    # The public site and its inquiry form.
    assert client.get("/en/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/en/inquiry/", _inquiry())
    assert resp.status_code == 302
    inquiry = Inquiry.objects.get()

    # Sign-in itself works (its lockout counts in the database) ...
    resp = client.post("/en/accounts/login/", {"username": bureau.username, "password": PASSWORD})
    assert resp.status_code == 302
    # ... and staff pages and the API answer.
    assert client.get("/en/staff/").status_code == 200
    assert client.get("/en/staff/projects/").status_code == 200
    assert client.get("/api/v1/projects/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/api/v1/stats/runs/", {"period": "2026-01"}, "application/json")
    assert resp.status_code in (201, 202), resp.content
    run = StatsRun.objects.get()
    assert run.status == RunStatus.QUEUED

    # A sign-in whose rate limit cannot be counted is refused: the API token endpoint.
    api = APIClient()
    resp = api.post("/api/v1/auth/token/", {"username": bureau.username, "password": PASSWORD})
    assert resp.status_code == 429
    assert "token" not in resp.json()

    # Nothing reached the broker; both tasks wait in the outbox with the reason.
    waiting = OutboxMessage.objects.order_by("pk")
    assert [m.task for m in waiting] == [
        "investors.tasks.send_inquiry_acknowledgement",
        "stats.tasks.compute_fdi_stats",
    ]
    assert all(m.sent_at is None and "OperationalError" in m.last_error for m in waiting)
    assert waiting[0].kwargs == {"inquiry_id": inquiry.pk, "to_sender": True}
    assert outbox_sweep() == {"sent": 0, "resent": 0, "purged": 0}  # still down

    # Redis is back: the sweep sends each task once; a second sweep sends nothing.
    on_private_redis.start()
    assert outbox_sweep()["sent"] == 2
    assert outbox_sweep()["sent"] == 0
    messages = queued(on_private_redis)
    assert sorted(m["headers"]["task"] for m in messages) == [
        "investors.tasks.send_inquiry_acknowledgement",
        "stats.tasks.compute_fdi_stats",
    ]
    assert sorted(m["headers"]["outbox_id"] for m in messages) == [w.pk for w in waiting]
    assert all(m.sent_at is not None and m.sends == 1 for m in waiting.all())

    # A worker delivered the acknowledgement twice acts once.
    ack = waiting[0]
    for _ in range(2):
        send_inquiry_acknowledgement.apply(kwargs=ack.kwargs, headers={"outbox_id": ack.pk})
    assert len(mail.outbox) == 1
    ack.refresh_from_db()
    assert ack.done_at is not None
