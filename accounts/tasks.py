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


@shared_task(
    name="accounts.tasks.send_password_reset",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_password_reset(*, email: str, language: str, domain: str, use_https: bool) -> str:
    """Send the password-reset link to each active account with this address (none: nothing
    is sent), in `language`, linking to `domain`. Queued by accounts.password_reset.
    reset_request; a rerun sends another working link."""
    from django.contrib.auth.forms import PasswordResetForm
    from django.utils import translation

    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return "invalid address"
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="accounts/email/password_reset_subject.txt",
            email_template_name="accounts/email/password_reset.txt",
        )
    return "queued"
