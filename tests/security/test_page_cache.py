"""Issue 22 item 9: the public page cache is keyed on the parameters a page uses (utm_* and
unknown parameters share one entry, and are not written into it), and the cache lives in
another Redis database than the Celery broker."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.website.conftest import content_page, sections  # noqa: F401

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def page_cache(settings):
    settings.WEBSITE_PAGE_CACHE_SECONDS = 600
    settings.WEBSITE_DATA_CHECK_SECONDS = 5
    cache.clear()
    yield
    cache.clear()


def _page_keys() -> list[str]:
    return [k for k in cache._cache if "website:page:" in k]  # LocMemCache in tests


@pytest.mark.usefixtures("page_cache", "sections")
def test_utm_and_unknown_parameters_share_one_entry(client):
    for n in range(25):
        assert client.get(f"/en/?utm_source=probe{n}&utm_campaign=x&junk={n}").status_code == 200
    assert client.get("/en/").status_code == 200
    assert len(_page_keys()) == 1


@pytest.mark.usefixtures("page_cache", "sections")
def test_a_page_keyed_on_its_own_parameters(client):
    client.get("/en/projects/?industry=C")
    client.get("/en/projects/?industry=C&utm_medium=mail")
    client.get("/en/projects/?industry=D")
    client.get("/en/projects/?industry=C&page=2")
    client.get("/en/projects/?page=2&industry=C")
    assert len(_page_keys()) == 3


@pytest.mark.usefixtures("page_cache", "sections")
def test_unknown_parameters_are_not_written_into_the_cached_page(client):
    first = client.get("/en/projects/?utm_source=EVIL-MARKER&industry=C").content.decode()
    assert "EVIL-MARKER" not in first
    again = client.get("/en/projects/?industry=C").content.decode()
    assert "EVIL-MARKER" not in again


@pytest.mark.usefixtures("page_cache")
def test_every_cached_page_expires(client, content_page):  # noqa: F811
    client.get("/en/")
    for key in _page_keys():
        assert cache._expire_info[key] is not None


def _prod(code: str, **extra) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY="test-throwaway-secret-key-value-long-enough-0123456789abcdef",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/invest_portal",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DEFAULT_FROM_EMAIL="noreply@portal.example.org",
        **extra,
    )
    out = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; " + code,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_the_cache_and_the_broker_use_different_redis_databases():
    code = "print(settings.CACHES['default']['LOCATION']); print(settings.CELERY_BROKER_URL)"
    cache_url, broker_url = _prod(code).splitlines()
    assert broker_url == "redis://127.0.0.1:6379/0"
    assert cache_url == "redis://127.0.0.1:6379/1"


def test_an_explicit_cache_url_is_kept():
    code = "print(settings.CACHES['default']['LOCATION'])"
    assert _prod(code, DJANGO_CACHE_URL="redis://cache.internal:6379/2") == (
        "redis://cache.internal:6379/2"
    )


def test_production_refuses_the_cache_in_the_brokers_database():
    env_extra = {"DJANGO_CACHE_URL": "redis://127.0.0.1:6379/0"}
    with pytest.raises(subprocess.CalledProcessError) as exc:
        _prod("print(1)", **env_extra)
    assert "DJANGO_CACHE_URL" in exc.value.stderr
