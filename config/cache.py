"""A cache that degrades to none when Redis is down (production's cache, settings/prod.py).

Every operation that cannot reach Redis answers as an empty cache would (a miss, nothing
stored) and logs once in a while; the pages, the API and the public forms keep working,
slower. For 5 seconds after a failure Redis is not tried at all, so a request does not wait on
each call. What must not fail open asks `cache_available()` first: the API's token endpoint
(a sign-in) and the password-reset limits refuse while the limits cannot be counted
(config/throttles.py, accounts/password_reset.py).
"""

import logging
import time

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER_SECONDS = 5.0


class _Unavailable(Exception):
    pass


def _degrading(name, fallback):
    def method(self, *args, **kwargs):
        try:
            if time.monotonic() < self._down_until:
                raise _Unavailable
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except _Unavailable:
            return fallback(*args, **kwargs) if callable(fallback) else fallback
        except _DOWN as exc:
            self._mark_down(exc)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (cache unavailable)")


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def _mark_down(self, exc):
        if time.monotonic() >= self._down_until:
            log.error("cache: Redis unavailable, serving without a cache (%s)", exc)
        self._down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def available(self) -> bool:
        """Whether Redis answers now (a PING unless it failed in the last seconds)."""
        if time.monotonic() < self._down_until:
            return False
        try:
            return bool(self._cache.get_client(write=True).ping())
        except _DOWN as exc:
            self._mark_down(exc)
            return False

    _get = _degrading("get", lambda key, default=None, *a, **k: default)

    def get(self, key, default=None, version=None):
        # django-prometheus's cache counters (its own Redis backend needs django-redis).
        django_cache_get_total.labels(backend="redis").inc()
        missing = object()
        value = self._get(key, missing, version=version)
        if value is missing:
            down = time.monotonic() < self._down_until
            (django_cache_get_fail_total if down else django_cache_misses_total).labels(
                backend="redis"
            ).inc()
            return default
        django_cache_hits_total.labels(backend="redis").inc()
        return value

    get_many = _degrading("get_many", {})
    set = _degrading("set", None)
    set_many = _degrading("set_many", lambda data, *a, **k: list(data))
    add = _degrading("add", False)
    touch = _degrading("touch", False)
    delete = _degrading("delete", False)
    delete_many = _degrading("delete_many", None)
    has_key = _degrading("has_key", False)
    incr = _degrading("incr", _missing_key)
    clear = _degrading("clear", False)


def cache_available() -> bool:
    """Whether the default cache can count now (always, for a cache without a server)."""
    check = getattr(cache, "available", None)
    return check() if check is not None else True
