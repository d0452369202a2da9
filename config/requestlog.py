"""Logs an operator can follow: every record carries the request id and the signed-in user's
id (JSON in production, `LOGGING` in settings), and security events get one line each on the
`portal.security` logger (`security_event`).

The request id is the client's `X-Request-ID` when it looks like one (a proxy's id, so its
access log and ours meet), else a new one; it is echoed on the answer.
"""

import contextvars
import logging
import re
import uuid

from config.client_ip import client_ip

_request = contextvars.ContextVar("portal_request", default=None)
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

security_log = logging.getLogger("portal.security")


def _user_id(request):
    """The user's id if the request already resolved it (never a query from a log call)."""
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or type(wrapped).__name__ == "object":  # an unresolved lazy object
        return None
    return getattr(wrapped, "pk", None)


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `user_id` (None outside a request or before sign-in); a
    `user_id` the call gave (a sign-in's) is kept."""

    def filter(self, record):
        request = _request.get()
        if not hasattr(record, "request_id"):
            record.request_id = getattr(request, "request_id", None)
        if getattr(record, "user_id", None) is None:
            record.user_id = _user_id(request) if request is not None else None
        return True


class RequestIdMiddleware:
    """First in the chain: names the request, echoes the id, and logs each refusal (403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _VALID_ID.match(given) else uuid.uuid4().hex
        token = _request.set(request)
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                security_event(
                    "permission_denied", request, method=request.method, path=request.path
                )
            response["X-Request-ID"] = request.request_id
            return response
        finally:
            _request.reset(token)


def security_event(event: str, request=None, **fields) -> None:
    """One line on `portal.security`: the event's name, the client address and `fields`
    (never a password or a token)."""
    extra = {"event": event, **fields}
    if request is not None:
        extra["client_ip"] = client_ip(request)
    security_log.warning(event, extra=extra)
