"""Prometheus metrics beyond django-prometheus's requests, latency, database and cache:
Celery tasks (successes, failures, retries, durations by task name), fed by Celery's signals in
the worker. With several processes (gunicorn workers, the Celery pool) set
PROMETHEUS_MULTIPROC_DIR to one shared empty directory for all of them, so /metrics adds them
up (docs/operations.md)."""

import time

from celery import signals
from prometheus_client import Counter, Histogram

TASKS = Counter(
    "portal_celery_tasks_total", "Celery tasks finished, by task and outcome", ["task", "outcome"]
)
TASK_SECONDS = Histogram(
    "portal_celery_task_duration_seconds",
    "Celery task run time, by task",
    ["task"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800),
)
_started: dict[str, float] = {}


@signals.task_prerun.connect
def _task_started(task_id=None, **_kwargs):
    _started[task_id] = time.monotonic()


@signals.task_postrun.connect
def _task_finished(task_id=None, task=None, state=None, **_kwargs):
    began = _started.pop(task_id, None)
    name = getattr(task, "name", "unknown")
    if began is not None:
        TASK_SECONDS.labels(task=name).observe(time.monotonic() - began)
    outcome = {"SUCCESS": "success", "FAILURE": "failure", "RETRY": "retry"}.get(state, "other")
    TASKS.labels(task=name, outcome=outcome).inc()
