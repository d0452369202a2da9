"""Finding 11: TOTP two-factor sign-in for administrators and bureau staff, required under the
production settings, optional in the demo; recovery codes."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _code(device, *, ahead=0):
    t0 = device.t0 - ahead * device.step  # `ahead` steps later: a code not used yet
    return f"{totp(device.bin_key, step=device.step, t0=t0, digits=device.digits):06d}"


def _sign_in(client, username):
    resp = client.post("/en/accounts/login/", {"username": username, "password": PASSWORD})
    assert resp.status_code == 302, resp.content
    return resp


def _enrol(client, user):
    """Through the setup page; returns the device and the recovery codes shown."""
    client.get("/en/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    resp = client.post("/en/accounts/two-factor/setup/", {"code": _code(device)})
    assert resp.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    return device, resp.context["codes"]


def test_required_admin_must_set_it_up_before_anything_else(client, admin_user, settings):
    settings.TWO_FACTOR_REQUIRED = True
    _sign_in(client, "t_admin")
    for path in ("/en/staff/", "/en/admin/", "/en/staff/projects/"):
        resp = client.get(path)
        assert resp.status_code == 302
        assert resp.url.startswith("/en/accounts/two-factor/setup/")
    assert client.get("/api/v1/me/").status_code == 403
    page = client.get("/en/accounts/two-factor/setup/")
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()
    wrong = client.post("/en/accounts/two-factor/setup/", {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    _device, codes = _enrol(client, admin_user)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get("/en/staff/").status_code == 200
    assert client.get("/en/admin/").status_code == 200


def test_an_enrolled_user_is_asked_for_the_code_at_every_sign_in(client, bureau_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code below
    _sign_in(client, "t_bureau")
    device, _codes = _enrol(client, bureau_user)  # optional here, chosen by the user
    client.post("/en/accounts/logout/")
    _sign_in(client, "t_bureau")
    resp = client.get("/en/staff/projects/")
    assert resp.url.startswith("/en/accounts/two-factor/")
    assert "setup" not in resp.url
    # A password alone cannot enrol a new phone.
    assert client.get("/en/accounts/two-factor/setup/").url == "/en/accounts/two-factor/"
    assert client.get("/api/v1/me/").status_code == 403
    bad = client.post("/en/accounts/two-factor/", {"code": "123456", "next": "/en/staff/"})
    assert bad.status_code == 200
    ok = client.post(
        "/en/accounts/two-factor/", {"code": _code(device, ahead=1), "next": "/en/staff/projects/"}
    )
    assert ok.status_code == 302
    assert ok.url == "/en/staff/projects/"
    assert client.get("/api/v1/me/").status_code == 200


def test_a_recovery_code_works_once(client, bureau_user):
    _sign_in(client, "t_bureau")
    _device, codes = _enrol(client, bureau_user)
    for expected in (302, 200):
        client.post("/en/accounts/logout/")
        _sign_in(client, "t_bureau")
        resp = client.post("/en/accounts/two-factor/", {"code": codes[0]})
        assert resp.status_code == expected
    assert StaticToken.objects.filter(device__user=bureau_user).count() == 9


def test_verify_does_not_redirect_off_site(client, bureau_user):
    _sign_in(client, "t_bureau")
    device, _codes = _enrol(client, bureau_user)
    client.post("/en/accounts/logout/")
    _sign_in(client, "t_bureau")
    resp = client.post(
        "/en/accounts/two-factor/",
        {"code": _code(device, ahead=1), "next": "https://evil.example/"},
    )
    assert resp.url == "/en/staff/"


def test_token_endpoint_asks_enrolled_users_for_the_code(client, api, bureau_user):
    _sign_in(client, "t_bureau")
    device, _codes = _enrol(client, bureau_user)
    url = "/api/v1/auth/token/"
    missing = api.post(url, {"username": "t_bureau", "password": PASSWORD})
    assert missing.status_code == 400
    assert "otp" in missing.json()
    ok = api.post(
        url, {"username": "t_bureau", "password": PASSWORD, "otp": _code(device, ahead=1)}
    )
    assert ok.status_code == 200
    assert ok.json()["token"]


def test_token_endpoint_when_required_but_not_set_up(api, bureau_user, settings):
    settings.TWO_FACTOR_REQUIRED = True
    resp = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": PASSWORD})
    assert resp.status_code == 400
    assert "otp" in resp.json()


def test_other_roles_are_not_asked_and_cannot_set_it_up(client, district_user, settings):
    settings.TWO_FACTOR_REQUIRED = True
    _sign_in(client, "t_district_a")
    assert client.get("/en/staff/").status_code == 200
    assert client.get("/en/accounts/two-factor/setup/").status_code == 404


def test_optional_in_the_demo(client, bureau_user, settings):
    settings.TWO_FACTOR_REQUIRED = False
    _sign_in(client, "t_bureau")
    assert client.get("/en/staff/").status_code == 200


def test_recovery_codes_can_be_renewed_by_a_verified_user(client, bureau_user):
    _sign_in(client, "t_bureau")
    _device, old = _enrol(client, bureau_user)
    resp = client.post("/en/accounts/two-factor/recovery-codes/")
    new = resp.context["codes"]
    assert set(new).isdisjoint(old)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)


def test_production_settings_require_it():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://u@127.0.0.1/x",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DJANGO_ALLOWED_HOSTS": "example.org",
    }
    env.pop("TWO_FACTOR_REQUIRED", None)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.TWO_FACTOR_REQUIRED)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=django_settings.BASE_DIR,
    )
    assert out.stdout.strip() == "True"
