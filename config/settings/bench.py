"""Benchmarks: production-like (DEBUG off, no query logging) against a throwaway database."""

from .test import *

DATABASES = {"default": database_options(env.db("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = 600
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Benchmarks run tasks through a real worker on their own Redis database number.
REDIS_URL = env("BENCH_REDIS_URL", default="redis://127.0.0.1:6379/13")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False

# The public site as in production: its page cache on, in Redis (bench/website.py).
WEBSITE_PAGE_CACHE_SECONDS = 600
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
}
# …and the staff pages' cached counts (projects/counts.py), as in production.
STAFF_COUNTS_CACHE_SECONDS = 300
