"""/readyz's worker check (config/health.py): the sweep's heartbeat is recent."""

import dataclasses
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from .models import Heartbeat


@dataclasses.dataclass
class WorkerHeartbeat(HealthCheck):
    """A worker ran the outbox sweep within READY_WORKER_HEARTBEAT_MINUTES."""

    async def run(self):
        # The async ORM runs in the request's own thread, on its own connection.
        rows = Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True)
        beat = await rows.afirst()
        limit = timedelta(minutes=settings.READY_WORKER_HEARTBEAT_MINUTES)
        if beat is None:
            raise ServiceUnavailable("no worker heartbeat yet")
        if timezone.now() - beat > limit:
            raise ServiceUnavailable(f"no worker heartbeat since {beat.isoformat()}")
