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

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse
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


def cached_public_page(view):
    """Serve an anonymous GET of a public page from the cache while its fingerprint holds.
    Signed-in staff always get a fresh page; so do pages that set cookies or are not 200."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.WEBSITE_PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        raw = "|".join(
            (request.get_host(), request.scheme, get_language(), request.get_full_path())
        )
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
