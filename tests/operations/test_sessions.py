"""Sessions in production live in the database only: a sign-out is final even when it
happens while Redis is unreachable (the degrading cache, config/cache.py, would skip the
deletion of a cached copy, and `cached_db` would let the old cookie in again once Redis
answers)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.security.test_deploy_config import PROD_ENV

ROOT = Path(__file__).resolve().parent.parent.parent
DB = "django.contrib.sessions.backends.db"


def test_production_keeps_sessions_in_the_database():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PROD_ENV)
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.SESSION_ENGINE)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == DB


@pytest.mark.django_db
def test_a_sign_out_is_final_whatever_the_cache_does(client, settings, bureau_user):
    settings.SESSION_ENGINE = DB
    client.force_login(bureau_user)
    url = reverse("staff:exports")
    assert client.get(url).status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("accounts:logout"))
    cache.clear()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert client.get(url).status_code == 302  # to the sign-in page
