from celery import shared_task


@shared_task(name="outbox.tasks.sweep")
def sweep() -> str:
    """Every minute (Celery beat): the worker's heartbeat, then the queued work the broker
    has not taken (outbox.services.outbox_sweep). Idempotent."""
    from .services import outbox_sweep

    counts = outbox_sweep()
    return ", ".join(f"{n} {what}" for what, n in counts.items())


@shared_task(name="outbox.tasks.send_mail")
def send_mail(subject: str, body: str, recipients: list[str]) -> str:
    """One plain-text e-mail from DEFAULT_FROM_EMAIL (case notices, reminders), queued with
    `outbox.services.enqueue`; a mail server that refuses is retried with backoff, and the
    outbox sends it once."""
    from django.core.mail import send_mail as django_send_mail

    django_send_mail(subject, body, None, list(recipients))
    return f"{len(recipients)} recipient(s)"
