"""Cached public pages, rebuilt when what they show changes.

A cached page's key holds a fingerprint of everything the public pages read:

- the site's content version, moved on by every content write in `website.services` after it
  commits: a staff edit shows at once;
- the pipeline's latest change (`Project.updated_at`, which every project write sets,
  publishing included) and the latest published statistics snapshot. These two are read from
  the database at most every `WEBSITE_DATA_CHECK_SECONDS` (default 5) and shared through the
  cache, so a cache hit costs no database query; a project published or withdrawn shows
  within those seconds.

`WEBSITE_PAGE_CACHE_SECONDS` bounds how long anything else (a renamed region) can lag. The
cache must be shared by every web process for the version to reach them all: production uses
Redis (`config/settings/prod.py`); `make run`'s single process uses local memory."""

import functools
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse, QueryDict
from django.utils.translation import get_language

VERSION_KEY = "website:content-version"
DATA_KEY = "website:data-fingerprint"


def content_version() -> int:
    return cache.get(VERSION_KEY) or 0


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(VERSION_KEY, content_version() + 1, timeout=None)


def _data_state() -> str:
    from projects.models import Project
    from stats.selectors import latest_published

    project_change = Project.objects.aggregate(m=Max("updated_at"))["m"]
    snapshot = latest_published()
    return f"{project_change}:{snapshot.pk if snapshot else None}"


def data_fingerprint() -> str:
    """The content version and the pipeline/statistics state, in one cache round trip (and
    two small queries every `WEBSITE_DATA_CHECK_SECONDS`)."""
    found = cache.get_many([VERSION_KEY, DATA_KEY])
    data = found.get(DATA_KEY)
    if data is None:
        data = _data_state()
        if settings.WEBSITE_DATA_CHECK_SECONDS:
            cache.set(DATA_KEY, data, timeout=settings.WEBSITE_DATA_CHECK_SECONDS)
    return f"{found.get(VERSION_KEY) or 0}:{data}"


def _keep_only(request, params: tuple[str, ...]) -> str:
    """Reduce the request's query string to `params` (first value each, in the order given)
    and return it: the page is built from, and cached under, exactly what it uses, so
    tracking parameters (utm_*) and made-up ones neither add entries nor reach the page."""
    kept = [(name, request.GET[name]) for name in params if name in request.GET]
    query = urlencode(kept)
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query
    return query


def cached_public_page(view=None, *, params: tuple[str, ...] = ()):
    """Serve an anonymous GET (or HEAD) of a public page from the cache while its fingerprint
    holds. The page sees only the query parameters named in `params`; the cache key is the
    host, scheme, language, path and those. Signed-in staff always get a fresh page; so do
    pages that set cookies or are not 200. Every entry expires (WEBSITE_PAGE_CACHE_SECONDS):
    under Redis' volatile-lru policy they are what is evicted, never the broker's queues
    (docs/operations.md)."""
    if view is None:
        return functools.partial(cached_public_page, params=params)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        query = _keep_only(request, params)
        seconds = settings.WEBSITE_PAGE_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        raw = "|".join((request.get_host(), request.scheme, get_language(), request.path, query))
        key = "website:page:" + hashlib.sha256(f"{raw}|{data_fingerprint()}".encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), timeout=seconds)
        return response

    return wrapper
