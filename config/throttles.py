"""API rate limits (DRF throttles) keyed on the client address from `config.client_ip`."""

from rest_framework import throttling
from rest_framework.settings import api_settings

from config.cache import cache_available
from config.client_ip import client_ip


class _ClientIdent:
    @property
    def THROTTLE_RATES(self):
        # Read when used, not when DRF is imported, so the settings in force apply.
        return api_settings.DEFAULT_THROTTLE_RATES

    def get_ident(self, request):
        return client_ip(request)


class AnonRateThrottle(_ClientIdent, throttling.AnonRateThrottle):
    """Requests without a signed-in user, per client address."""


class UserRateThrottle(_ClientIdent, throttling.UserRateThrottle):
    """Requests of a signed-in user, per user (per address when anonymous)."""


class TokenObtainThrottle(_ClientIdent, throttling.SimpleRateThrottle):
    """`POST /api/v1/auth/token/`, per client address, whoever is named in the body."""

    scope = "auth_token"

    def allow_request(self, request, view):
        # A sign-in: while the counters cannot be kept (Redis down) it is refused, not
        # unlimited (config/cache.py). The other throttles let requests through.
        if not cache_available():
            return False
        return super().allow_request(request, view)

    def wait(self):
        return super().wait() if hasattr(self, "history") else None

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
