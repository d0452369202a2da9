"""Production: every secret and address comes from the environment; nothing has a default."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.bind import DEFAULT_BIND, bind_is_loopback
from config.redis_urls import next_database, redis_database

from .base import *

_REQUIRED = ("DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS")
_missing = [name for name in _REQUIRED if not env.str(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

# One sender variable (README, Configuration): the old name used to win silently over the
# documented one; say so rather than send from an address nobody chose.
if "DJANGO_DEFAULT_FROM_EMAIL" in os.environ:
    raise ImproperlyConfigured(
        "DJANGO_DEFAULT_FROM_EMAIL is no longer read: set DEFAULT_FROM_EMAIL instead "
        "(and remove DJANGO_DEFAULT_FROM_EMAIL)."
    )

# X-Forwarded-For is trusted only where nothing but the proxy can reach gunicorn: with the
# port open to others a client writes its own "address" and walks past the lockout (or locks
# someone else out). DJANGO_BIND is what the Procfile binds gunicorn to.
GUNICORN_BIND = env("DJANGO_BIND", default=DEFAULT_BIND)
if (
    TRUSTED_PROXY_COUNT > 0
    and not bind_is_loopback(GUNICORN_BIND)
    and not env.bool("DJANGO_BIND_REACHABLE_ONLY_BY_PROXY", default=False)
):
    raise ImproperlyConfigured(
        f"DJANGO_TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT} while gunicorn listens on "
        f"{GUNICORN_BIND!r} (DJANGO_BIND), beyond this machine: anyone reaching it directly "
        "could forge X-Forwarded-For. Bind gunicorn to 127.0.0.1 (or a unix socket) behind "
        "the proxy, or, if a firewall lets only the proxy reach that port, set "
        "DJANGO_BIND_REACHABLE_ONLY_BY_PROXY=true."
    )

DEBUG = False
DEMO_ENABLED = False
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
DATABASES = {"default": database_options(env.db("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = database_options(env.db("DATABASE_REPLICA_URL"))
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# One cache for every web process, so a content edit reaches them all (website/cache.py). In
# another Redis database than the broker (by default the one after it): the cache's keys all
# expire and are what Redis evicts under volatile-lru, never the queues (docs/operations.md).
CACHE_URL = env("DJANGO_CACHE_URL", default="") or next_database(CELERY_BROKER_URL)
if redis_database(CACHE_URL) == redis_database(CELERY_BROKER_URL):
    raise ImproperlyConfigured(
        f"DJANGO_CACHE_URL ({CACHE_URL}) is the Celery broker's Redis database: a full cache "
        "would evict queued tasks. Give the cache another database (or server)."
    )
CACHES = {
    "default": {
        # Degrades to no cache while Redis is down (config/cache.py).
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": CACHE_URL,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        # Nothing is cached for ever by default (the page cache sets its own timeout).
        "TIMEOUT": 300,
    }
}
# Sessions in the database only (Django's default, said here on purpose). `cached_db` saved
# one primary-key query per request but cannot be trusted with the degrading cache
# (config/cache.py): a sign-out while Redis is unreachable deletes the database row only, and
# the cached copy signs the old cookie in again when Redis answers.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Email (inquiry acknowledgements, reminder digests): SMTP unless told otherwise.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# The official figure comes from the commerce system and the foreign-exchange bureau: a period
# is published only once its arrivals are reconciled with one of their lists (README, docs).
STATS_PUBLISH_REQUIRES_RECONCILIATION = env.bool(
    "STATS_PUBLISH_REQUIRES_RECONCILIATION", default=True
)
