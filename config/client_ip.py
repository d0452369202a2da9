"""The client's address, the same for the sign-in lockout (axes) and the API throttles.

Behind ``DJANGO_TRUSTED_PROXY_COUNT`` reverse proxies that each append the address they saw to
``X-Forwarded-For`` (nginx: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``),
the client is the entry that many places from the right: anything further left was written by
the client and can be forged. With no proxy (count 0) the header is ignored and the socket's
address is used, so a forged header cannot move an attempt onto another address.
"""

from django.conf import settings


def client_ip(request) -> str:
    meta = request.META
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= count:
            return hops[-count]
    return meta.get("REMOTE_ADDR", "")
