"""Reads that may go to a PostgreSQL read replica (DATABASE_REPLICA_URL; docs/operations.md,
*Room to grow*): the statistics pages, exports and the API's list endpoints. Everything else,
and every write, stays on `default`.

The code marks such reads with `reading_replica()` (or the `reads_replica` view decorator, for
GET and HEAD only); `ReplicaRouter` sends them to the `replica` alias when one is configured
(DATABASE_REPLICA_ALIAS) and to `default` otherwise. A replica lags its primary by a moment:
nothing read there is written back (writes always go to `default`), and the pages that show
what a user has just done (forms, details) never read there."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

_reading = ContextVar("reading_replica", default=False)


def replica_alias() -> str | None:
    """The alias reads go to inside `reading_replica()`, or None (no replica configured)."""
    alias = getattr(settings, "DATABASE_REPLICA_ALIAS", None)
    return alias if alias and alias in settings.DATABASES else None


@contextmanager
def reading_replica():
    """Reads inside the block may be served by the replica (writes never are)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def reads_replica(view):
    """A view whose GET and HEAD answers read from the replica (POST and the rest do not)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with reading_replica():
            return view(request, *args, **kwargs)

    return wrapped


class ReplicaRouter:
    """DATABASE_ROUTERS: reads marked by `reading_replica()` to the replica, the rest and all
    writes to `default`; objects of either alias may be related (the same data)."""

    def db_for_read(self, model, **hints):
        # A session just written must be read back at once: never from a lagging replica.
        if not _reading.get() or model._meta.app_label == "sessions":
            return None
        return replica_alias()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == replica_alias() else None
