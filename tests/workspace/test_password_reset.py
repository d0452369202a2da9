"""Issue #12 item 6: password reset by email, both languages, rate-limited."""

import re

import pytest
from django.core import mail

from accounts.models import Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    u = User.objects.create(
        username="wm",
        first_name="王敏",
        name_en="Wang Min",
        role=Role.BUREAU,
        email="wm@example.org",
    )
    u.set_password("old-password-2026-x")
    u.save()
    return u


def _link(body: str) -> str:
    return re.search(r"https?://[^/]+(/\S+/password/reset/\S+/)", body).group(1)


@pytest.mark.parametrize(
    ("lang", "subject", "greeting"),
    [("en", "Reset your password", "Hello Wang Min,"), ("zh-hans", "重置", "王敏")],
)
def test_reset_by_email_sets_a_new_password(
    client, staff, lang, subject, greeting, django_capture_on_commit_callbacks
):
    login = client.get(f"/{lang}/accounts/login/").content.decode()
    assert f'href="/{lang}/accounts/password/reset/"' in login
    # The worker sends the mail after commit (tests/security/test_password_reset_timing.py).
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(f"/{lang}/accounts/password/reset/", {"email": "WM@example.org"})
    assert resp.status_code == 302
    assert resp["Location"] == f"/{lang}/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert msg.to == ["wm@example.org"]
    assert subject in msg.subject
    assert greeting in msg.body
    link = _link(msg.body)
    assert link.startswith(f"/{lang}/accounts/password/reset/")
    form = client.get(link, follow=True)
    assert "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "brand-new-secret-77x", "new_password2": "brand-new-secret-77x"},
    )
    assert done.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("brand-new-secret-77x")
    # The link works once.
    again = client.get(link, follow=True).content.decode()
    assert 'data-testid="reset-invalid"' in again


def test_unknown_address_is_answered_alike_and_sends_nothing(
    client, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert resp.status_code == 302
    assert resp["Location"] == "/en/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_rate_limited_per_email_silently(
    client, staff, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_PER_EMAIL = 2
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            resp = client.post("/en/accounts/password/reset/", {"email": "wm@example.org"})
        assert resp.status_code == 302
    assert len(mail.outbox) == 2


def test_rate_limited_per_address_with_429(
    client, staff, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_PER_IP = 3
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post("/en/accounts/password/reset/", {"email": f"x{i}@example.org"}).status_code
            for i in range(5)
        ]
        assert statuses == [302, 302, 302, 429, 429]
        resp = client.post("/zh-hans/accounts/password/reset/", {"email": "wm@example.org"})
    assert resp.status_code == 429
    assert "请求过多" in resp.content.decode()
    assert mail.outbox == []


def test_development_settings_print_mail_to_the_console():
    from config.settings import dev

    assert dev.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
