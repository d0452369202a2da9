"""Sessions in production: read from the cache (no query per request), written through to the
database, so emptying the cache (a Redis restart, an eviction) signs nobody out."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.security.test_deploy_config import PROD_ENV

ROOT = Path(__file__).resolve().parent.parent.parent
CACHED_DB = "django.contrib.sessions.backends.cached_db"


def test_production_reads_sessions_from_the_cache():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(PROD_ENV)
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.SESSION_ENGINE)"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == CACHED_DB


@pytest.mark.django_db
def test_a_cached_session_needs_no_query_and_survives_an_empty_cache(client, settings, bureau_user):
    settings.SESSION_ENGINE = CACHED_DB
    client.force_login(bureau_user)
    url = reverse("staff:exports")
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    reads = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT")]
    assert not [s for s in reads if "django_session" in s]
    cache.clear()  # Redis restarted: the session is read from the database again
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["user"] == bureau_user
