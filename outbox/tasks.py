from celery import shared_task


@shared_task(name="outbox.tasks.sweep")
def sweep() -> str:
    """Every minute (Celery beat): the worker's heartbeat, then the queued work the broker
    has not taken (outbox.services.outbox_sweep). Idempotent."""
    from .services import outbox_sweep

    counts = outbox_sweep()
    return ", ".join(f"{n} {what}" for what, n in counts.items())
