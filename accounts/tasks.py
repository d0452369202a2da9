from celery import shared_task
from django.core.management import call_command


@shared_task(name="accounts.tasks.purge_expired_sessions")
def purge_expired_sessions() -> str:
    """Delete expired sessions. Idempotent: a second run finds nothing to delete."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
    call_command("clearsessions")
    return f"purged {expired}"


@shared_task(name="accounts.tasks.purge_stale_api_tokens")
def purge_stale_api_tokens() -> str:
    """Delete API tokens that expired or were revoked by a change of credentials or scope.
    Idempotent."""
    from .services import api_tokens_purge

    return f"purged {api_tokens_purge()}"
