"""Styled error pages (400, 403, 404, 500 and the CSRF refusal) in the visitor's language,
with the public site's navigation, or the staff workspace's on staff pages."""

import logging

from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language_from_path
from django.utils.translation import override as language_override

logger = logging.getLogger(__name__)

STAFF_PREFIXES = ("staff/", "admin/", "accounts/")
MINIMAL_500 = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Server error · 服务器错误</title>"
    "<h1>服务器错误 · Server error</h1><p>请稍后再试。Please try again later.</p>"
)
# For a request whose Host is not ours: the styled page would ask for the host again (links,
# the language switcher) and fail. Plain, fixed, says nothing about the request.
MINIMAL_400 = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Bad request · 错误的请求</title>"
    "<h1>错误的请求 · Bad request</h1>"
)


def _render(request, status: int, **extra) -> HttpResponse:
    lang = get_language_from_path(request.path) or "zh-hans"
    rest = request.path.removeprefix(f"/{lang}/")
    staff = rest.startswith(STAFF_PREFIXES)
    with language_override(lang):
        template = loader.get_template("errors/error.html")
        body = template.render(
            {
                "status": status,
                "base": "staff/base.html" if staff else "website/base.html",
                **extra,
            },
            request,
        )
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    """The styled 400 page, or the minimal one for a Host outside ALLOWED_HOSTS (or when the
    request's host cannot be used to build the page)."""
    if isinstance(exception, DisallowedHost):
        return HttpResponseBadRequest(MINIMAL_400)
    try:
        return _render(request, 400)
    except DisallowedHost:
        return HttpResponseBadRequest(MINIMAL_400)


def permission_denied(request, exception=None):
    return _render(request, 403)


def page_not_found(request, exception=None):
    return _render(request, 404)


def server_error(request):
    """Must not fail itself: when even the styled page cannot render (the database is down),
    a minimal bilingual page is sent."""
    try:
        return _render(request, 500)
    except Exception:
        logger.exception("The styled 500 page failed; sending the minimal one.")
        return HttpResponseServerError(MINIMAL_500)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (often an expired page): say so, 403."""
    return _render(request, 403, csrf=True)
