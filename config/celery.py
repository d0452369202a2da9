"""Celery application. Our tasks default to late acknowledgement and retries with backoff."""

import os

from celery import Celery, Task

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


app = Celery("invest_portal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
