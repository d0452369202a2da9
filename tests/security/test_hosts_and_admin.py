"""Issue 22 items 4 and 5: a Host outside ALLOWED_HOSTS answers a plain 400 (not a 500 from
the 400 page asking for the host again); the admin's sign-in caps the username as the
portal's own sign-in does."""

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_hosts(settings):
    settings.ALLOWED_HOSTS = ["portal.example.org"]


@pytest.mark.parametrize(
    "path", ["/en/", "/zh-hans/staff/", "/en/admin/login/", "/robots.txt", "/nowhere/"]
)
def test_a_host_outside_allowed_hosts_answers_400(client, strict_hosts, path):
    resp = client.get(path, HTTP_HOST="evil.example.net")
    assert resp.status_code == 400
    body = resp.content.decode()
    assert "evil.example.net" not in body
    assert "Bad request" in body


def test_an_allowed_host_is_served(client, strict_hosts):
    assert client.get("/en/", HTTP_HOST="portal.example.org").status_code == 200


@pytest.mark.parametrize("path", ["/en/admin/login/", "/en/accounts/login/"])
def test_an_overlong_username_is_a_form_error_not_a_500(client, path):
    resp = client.post(path, {"username": "u" * 300, "password": "whatever-it-is"})
    assert resp.status_code == 200
    assert "at most 150 characters" in resp.content.decode()


def test_no_overlong_username_reaches_the_lockout_table(client):
    """axes stores at most 255 characters; the form stops longer names first."""
    for _ in range(2):
        client.post("/en/admin/login/", {"username": "v" * 300, "password": "x"})
    assert all(len(a.username) <= 255 for a in AccessAttempt.objects.all())
