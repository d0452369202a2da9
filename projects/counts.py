"""Cached pipeline counts for the staff pages that count the whole scope on every view: the
dashboard (funnel, targets, stalled and unassigned totals) and the unfiltered board (projects
per stage). At 200,000 projects each count reads tens of thousands of index entries; under
load these counts were most of the staff pages' time (README, Benchmarks: load).

A cached value's key holds:

- the **counts version**, a number in the cache moved on after every committed write to the
  records the counts read (projects, capital arrivals, checks, targets, liaison assignments:
  `bump_counts_version`, connected to their save and delete signals below and in
  `liaison.apps`). The next view after a write counts again, in every web process. A signal,
  not the services, because every write path (services, imports, the admin, history reverts)
  must move it and none may forget; it decides nothing.
- the **scope** (`scope_key`): the city for users who see it all, the exact regions of a
  district user, the unit of a liaison user. Two scopes never share a value.
- the counted day or year where the count depends on it.

Writes that bypass the signals (a queryset `.update()`, raw SQL in a migration) bump it
themselves where the portal makes them (the batched import, projects.services); those it does
not make, or a bump lost while Redis was down, are covered by the expiry,
`STAFF_COUNTS_CACHE_SECONDS` (default 300): the pages say "as of hh:mm". 0 turns
the cache off (the tests, except tests/projects/test_counts.py). With Redis down the cache
degrades to none (config/cache.py) and the pages count as before."""

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from accounts.models import Role

VERSION_KEY = "projects:counts-version"


def counts_version() -> int:
    return cache.get(VERSION_KEY) or 0


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(VERSION_KEY, counts_version() + 1, timeout=None)


def bump_counts_version(**_kwargs) -> None:
    """Invalidate every cached count, once the current transaction commits (a view that counts
    before the commit stores its figure under the old version, which nobody reads again)."""
    transaction.on_commit(_bump)


def scope_key(user) -> str:
    """What a user's counts depend on besides the data: one key per distinct scope."""
    from .selectors import user_region_ids

    if user.sees_whole_city:
        return "city"
    if user.role == Role.DISTRICT:
        return "regions:" + ",".join(str(pk) for pk in sorted(user_region_ids(user)))
    if user.role == Role.LIAISON and user.liaison_unit_id:
        return f"unit:{user.liaison_unit_id}"
    return "none"


class PipelineCounts:
    """The counts of one page view for one user. `get(name, compute, *parts)` returns the
    cached value or computes and stores it; `as_of` is when the oldest value shown was
    computed (now when nothing came from the cache)."""

    def __init__(self, user):
        self.scope = scope_key(user)
        self.seconds = settings.STAFF_COUNTS_CACHE_SECONDS
        self._version = None
        self.as_of = timezone.now()
        self.cached = False  # whether any figure shown came from the cache

    def _key(self, name: str, parts) -> str:
        if self._version is None:
            self._version = counts_version()
        tail = ":".join(str(p) for p in parts)
        return f"projects:counts:{self._version}:{name}:{self.scope}:{tail}"

    def get(self, name: str, compute: Callable, *parts):
        if not self.seconds:
            return compute()
        key = self._key(name, parts)
        hit = cache.get(key)
        if hit is not None:
            computed_at, value = hit
            self.as_of = min(self.as_of, computed_at)
            self.cached = True
            return value
        computed_at = timezone.now()
        value = compute()
        cache.set(key, (computed_at, value), timeout=self.seconds)
        return value


def connect(*models) -> None:
    for model in models:
        uid = f"projects.counts:{model._meta.label}"
        post_save.connect(bump_counts_version, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(bump_counts_version, sender=model, dispatch_uid=uid + ":delete")
