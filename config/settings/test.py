"""Tests: real PostgreSQL and Redis (their own database and Redis database number)."""

from urllib.parse import urlsplit, urlunsplit

from .base import *


def _on_database(url: str, db: int) -> str:
    """The same Redis server, another database number."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{db}"))


SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
DEMO_ENABLED = True

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/invest_portal"),
}
DATABASES["default"] = database_options(DATABASES["default"])
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME", default="test_invest_portal")}
DATABASES["default"]["CONN_MAX_AGE"] = 0
# The replica is the test database itself (Django's test mirror), and is read only by tests
# that turn DATABASE_REPLICA_ALIAS on and declare it (tests/operations/test_replica.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_REPLICA_ALIAS = None

# Tests use their own Redis database number (15 on the REDIS_URL server, unless
# TEST_REDIS_URL says otherwise) and flush it when done.
REDIS_URL = env("TEST_REDIS_URL", default="") or _on_database(
    env("REDIS_URL", default="redis://127.0.0.1:6379/0"), 15
)
# Under pytest-xdist (`make test` runs two processes) each worker takes the number below the
# previous one (gw0: 15, gw1: 14 …), as pytest-django gives each its own database (…_gw0).
_XDIST_WORKER = env("PYTEST_XDIST_WORKER", default="")
if _XDIST_WORKER.startswith("gw"):
    _base = int(urlsplit(REDIS_URL).path.lstrip("/") or 0)
    REDIS_URL = _on_database(REDIS_URL, (_base - int(_XDIST_WORKER[2:])) % 16)
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default="/tmp/invest_portal_test_media")  # noqa: S108
AXES_FAILURE_LIMIT = 5
# Tests see every change at once; tests/website/test_cache.py turns the page cache on.
WEBSITE_PAGE_CACHE_SECONDS = 0
# …and the staff counts too (tests/projects/test_counts.py turns their cache on).
STAFF_COUNTS_CACHE_SECONDS = 0

# Throttle counters per test process; tests clear them (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
