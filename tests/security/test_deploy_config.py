"""Issue 22 items 2 and 8: the example configuration is safe (no trusted proxy, gunicorn on
loopback); production refuses to start with a trusted proxy count while gunicorn listens beyond
loopback unless the operator says the port is reachable only by the proxy; one sender
variable, DEFAULT_FROM_EMAIL, checked by `check --deploy`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

from config.bind import bind_is_loopback

ROOT = Path(__file__).resolve().parents[2]

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": "test-throwaway-secret-key-value-long-enough-0123456789abcdef",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/invest_portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "DEFAULT_FROM_EMAIL": "noreply@portal.example.org",
}


def _env_example() -> dict[str, str]:
    found = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            name, _eq, value = line.partition("=")
            found[name.strip()] = value.strip()
    return found


def test_the_example_trusts_no_proxy_and_binds_loopback():
    example = _env_example()
    assert example["DJANGO_TRUSTED_PROXY_COUNT"] == "0"
    assert bind_is_loopback(example["DJANGO_BIND"])
    web = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    assert re.search(r"--bind \$\{DJANGO_BIND:-127\.0\.0\.1:8000\}", web)


@pytest.mark.parametrize(
    ("bind", "loopback"),
    [
        ("127.0.0.1:8000", True),
        ("localhost:8000", True),
        ("[::1]:8000", True),
        ("unix:/run/invest-portal/gunicorn.sock", True),
        ("127.0.0.1:8000 unix:/run/x.sock", True),
        ("0.0.0.0:8000", False),
        ("[::]:8000", False),
        ("10.0.0.5:8000", False),
        (":8000", False),
        ("127.0.0.1:8000,0.0.0.0:8001", False),
    ],
)
def test_which_binds_are_loopback(bind, loopback):
    assert bind_is_loopback(bind) is loopback


def _start_prod(**extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN"))}
    env.update(PROD_ENV)
    env.update(extra)
    code = "import django; django.setup(); from django.conf import settings; settings.DEBUG"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_production_refuses_a_proxy_count_with_an_open_bind():
    result = _start_prod(DJANGO_TRUSTED_PROXY_COUNT="1", DJANGO_BIND="0.0.0.0:8000")
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT" in result.stderr
    assert "DJANGO_BIND_REACHABLE_ONLY_BY_PROXY" in result.stderr


@pytest.mark.parametrize(
    "extra",
    [
        {"DJANGO_TRUSTED_PROXY_COUNT": "1"},  # the Procfile's default bind, 127.0.0.1:8000
        {"DJANGO_TRUSTED_PROXY_COUNT": "1", "DJANGO_BIND": "127.0.0.1:8000"},
        {"DJANGO_TRUSTED_PROXY_COUNT": "0", "DJANGO_BIND": "0.0.0.0:8000"},
        {
            "DJANGO_TRUSTED_PROXY_COUNT": "1",
            "DJANGO_BIND": "10.0.0.5:8000",
            "DJANGO_BIND_REACHABLE_ONLY_BY_PROXY": "true",
        },
    ],
)
def test_production_starts_when_the_proxy_setting_is_safe(extra):
    result = _start_prod(**extra)
    assert result.returncode == 0, result.stderr


def _sender(**extra) -> subprocess.CompletedProcess:
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.DEFAULT_FROM_EMAIL)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PROD_ENV)
    env.update(extra)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_the_documented_sender_variable_is_used():
    result = _sender()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "noreply@portal.example.org"


def test_the_old_sender_variable_is_refused_by_name():
    """Set, it used to win over DEFAULT_FROM_EMAIL; now production says to rename it."""
    result = _sender(DJANGO_DEFAULT_FROM_EMAIL="portal@localhost")
    assert result.returncode != 0
    assert "DEFAULT_FROM_EMAIL" in result.stderr


@pytest.mark.parametrize(
    "sender",
    [
        "portal@localhost",
        "noreply@invest-portal.local",
        "root@localhost.localdomain",
        "x@127.0.0.1",
    ],
)
def test_check_deploy_warns_on_a_local_sender(settings, sender):
    settings.DEFAULT_FROM_EMAIL = sender
    found = [m for m in run_checks(include_deployment_checks=True) if m.id == "portal.W001"]
    assert found
    assert "DEFAULT_FROM_EMAIL" in found[0].msg


def test_check_deploy_accepts_a_real_sender(settings):
    settings.DEFAULT_FROM_EMAIL = "Investment Promotion Bureau <noreply@invest.example.gov.cn>"
    found = [m for m in run_checks(include_deployment_checks=True) if m.id == "portal.W001"]
    assert found == []


def test_the_local_sender_is_not_checked_outside_deploy(settings):
    settings.DEFAULT_FROM_EMAIL = "portal@localhost"
    assert not [m for m in run_checks() if m.id == "portal.W001"]
