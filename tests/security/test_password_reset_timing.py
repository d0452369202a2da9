"""Issue 22 item 7: a password reset sends its mail from the worker, after commit, so a known
and an unknown address answer alike (no mail sent, nor users looked up for it, in the
request)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    u = User.objects.create(username="wm", role=Role.BUREAU, email="wm@example.org")
    u.set_password("old-password-2026-x")
    u.save()
    return u


@pytest.mark.usefixtures("staff")
@pytest.mark.parametrize("email", ["wm@example.org", "nobody@example.org"])
def test_the_request_sends_no_mail_itself(client, django_capture_on_commit_callbacks, email):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        resp = client.post("/en/accounts/password/reset/", {"email": email})
    assert resp.status_code == 302
    assert resp["Location"] == "/en/accounts/password/reset/sent/"
    assert mail.outbox == []
    # One task queued after commit, known address or not.
    assert len(callbacks) == 1


@pytest.mark.usefixtures("staff")
def test_known_and_unknown_addresses_do_the_same_work_in_the_request(
    client, django_capture_on_commit_callbacks
):
    counts = []
    for email in ("wm@example.org", "nobody@example.org"):
        with (
            django_capture_on_commit_callbacks(execute=False),
            CaptureQueriesContext(connection) as queries,
        ):
            client.post("/en/accounts/password/reset/", {"email": email})
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.usefixtures("staff")
def test_the_worker_sends_the_link_in_the_page_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/zh-hans/accounts/password/reset/", {"email": "WM@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wm@example.org"]
    assert "/zh-hans/accounts/password/reset/" in mail.outbox[0].body
    assert "http://testserver/" in mail.outbox[0].body


def test_the_worker_sends_nothing_for_an_unknown_address(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert mail.outbox == []
