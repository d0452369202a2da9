"""Password reset by email (Django's views): rate limits per client address and per email.

A request over the address limit is refused with 429 and a message; one over the limit for an
email address is answered like any other ("if the address is known, a link is on its way")
but sends nothing, so the page says nothing about which addresses have accounts. Counters
live in the cache (Redis in production) for PASSWORD_RESET_WINDOW_SECONDS.

The mail itself is sent by the worker (`reset_request` queues `accounts.tasks.send_password_
reset` after commit): the request neither looks the address up nor renders or sends anything,
so a known and an unknown address take the same time to answer.
"""

import hashlib
import sys

from django.conf import settings
from django.core.cache import cache

from config.cache import cache_available
from outbox.services import enqueue


def _hit(key: str, window: int) -> int:
    """Count one more request under `key` in a fixed window; the count so far. While the
    cache cannot count (Redis down) every limit is over: the reset mails (a way into an
    account) are refused rather than unlimited (config/cache.py)."""
    if not cache_available():
        return sys.maxsize
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def ip_allowed(ip: str) -> bool:
    n = _hit(f"pwreset:ip:{ip}", settings.PASSWORD_RESET_WINDOW_SECONDS)
    return n <= settings.PASSWORD_RESET_PER_IP


def email_allowed(email: str) -> bool:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    n = _hit(f"pwreset:email:{digest}", settings.PASSWORD_RESET_WINDOW_SECONDS)
    return n <= settings.PASSWORD_RESET_PER_EMAIL


def reset_request(*, email: str, language: str, domain: str, use_https: bool) -> None:
    """Queue the reset mail for `email` (sent by the worker only if an active account has that
    address), in `language`, with links to `domain`. Nothing else happens in the request."""
    from .tasks import send_password_reset

    enqueue(send_password_reset, email=email, language=language, domain=domain, use_https=use_https)
