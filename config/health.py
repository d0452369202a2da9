"""Liveness and readiness for the proxy, the service manager and the monitoring.

`/healthz`: the process answers (no database, no Redis): restart it if this fails.
`/readyz`: JSON, 200 when the portal can serve and do its work, else 503 naming what is wrong:
the database, Redis (the broker and the cache), a worker's heartbeat within
READY_WORKER_HEARTBEAT_MINUTES (the outbox sweep writes it every minute, so this proves beat,
the broker and a worker together) and free disk for media (READY_MIN_FREE_DISK_MB). Built on
django-health-check's checks; the heartbeat check lives with the heartbeat
(outbox/health.py).
"""

import asyncio
import dataclasses
import ipaddress
import shutil
from pathlib import Path

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe
from django_prometheus.exports import ExportToDjangoView
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient

from config.client_ip import client_ip


@dataclasses.dataclass
class FreeDisk(HealthCheck):
    """At least READY_MIN_FREE_DISK_MB free where media files are written."""

    path: str = ""

    def run(self):
        free_mb = shutil.disk_usage(self.path).free // (1024 * 1024)
        if free_mb < settings.READY_MIN_FREE_DISK_MB:
            raise ServiceUnavailable(f"{free_mb} MB free for media")


def _checks():
    broker = settings.CELERY_BROKER_URL

    def client():
        return RedisClient.from_url(broker, socket_connect_timeout=2, socket_timeout=2)

    return (
        Database,
        Cache,
        (Redis, {"client_factory": client}),
        (FreeDisk, {"path": _existing(Path(settings.MEDIA_ROOT))}),
        "outbox.health.WorkerHeartbeat",
    )


def _existing(path: Path) -> str:
    """The media folder, or the nearest folder above it that exists yet (same disk)."""
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return str(path)


class ReadyView(HealthCheckView):
    """All checks at once; JSON only: {"ready": bool, "checks": {name: "OK" | error}}."""

    def get_checks(self):
        self.checks = _checks()
        return super().get_checks()

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        body = {type(r.check).__name__: "OK" if not r.error else str(r.error) for r in results}
        ready = not any(r.error for r in results)
        return JsonResponse({"ready": ready, "checks": body}, status=200 if ready else 503)


readyz = ReadyView.as_view()


def metrics(request):
    """Prometheus metrics (django-prometheus) for the monitoring address(es) in
    METRICS_ALLOWED_IPS and signed-in administrators; a 404 for anyone else."""
    user = getattr(request, "user", None)
    admin = user is not None and user.is_authenticated and user.is_admin_role
    if not (admin or _monitoring(client_ip(request))):
        raise Http404
    return ExportToDjangoView(request)


def _monitoring(ip: str) -> bool:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.METRICS_ALLOWED_IPS
    )


@require_safe
def healthz(request):
    """The process answers."""
    response = JsonResponse({"alive": True})
    add_never_cache_headers(response)
    return response
