"""Sign-in lockout: axes locks a username from one address; this adds an address-wide limit.

Axes counts failures per (username, address) and blocks that pair after ``AXES_FAILURE_LIMIT``
(so nobody can lock a named account from elsewhere). Spraying a few passwords over many
accounts from one address stays under that limit, so the address as a whole is blocked after
``AXES_IP_FAILURE_LIMIT`` failures (higher) within the cool-off time. Every sign-in path goes
through ``authenticate()`` and so through this backend: the sign-in page, the Django admin and
the API token endpoint.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from config.client_ip import client_ip


def address_failures(ip: str) -> int:
    """Failed sign-ins from `ip`, whatever the username, within the cool-off time."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return total or 0


class PortalAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and settings.AXES_ENABLED:
            ip = client_ip(request)
            if ip and address_failures(ip) >= settings.AXES_IP_FAILURE_LIMIT:
                request.axes_locked_out = True
                raise AxesBackendPermissionDenied("too many failed sign-ins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)
