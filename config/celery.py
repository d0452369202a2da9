"""Celery application. Our tasks default to late acknowledgement and retries with backoff."""

import os

from celery import Celery, Task
from django.conf import settings
from django.utils.module_loading import import_string

from config.errors import DomainError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


class PortalTask(Task):
    """Default base for the portal's tasks: acknowledged after they finish (a worker that dies
    mid-task leaves it queued), retried with exponential backoff on any error."""

    acks_late = True
    autoretry_for = (Exception,)
    retry_backoff = True
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5
    # A refused operation is an answer, not a transient failure.
    dont_autoretry_for = (DomainError,)

    def __call__(self, *args, **kwargs):
        # A task sent from the outbox carries its row id in a message header (kept on
        # retries): the outbox's guard runs it once, however many times the broker delivers
        # it (outbox/services.py, run_once).
        headers = getattr(self.request, "headers", None) or {}
        message_id = headers.get("outbox_id") or getattr(self.request, "outbox_id", None)
        if message_id is None:
            return super().__call__(*args, **kwargs)
        run_once = import_string(settings.OUTBOX_RUN_ONCE)
        return run_once(message_id, lambda: super(PortalTask, self).__call__(*args, **kwargs))


app = Celery("invest_portal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Task counts and durations for Prometheus (config/metrics.py), in every worker.
import config.metrics  # noqa: E402, F401
