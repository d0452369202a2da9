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

    from .models import User

    class ResetForm(PasswordResetForm):
        def get_users(self, email):
            # Also an invited account that never signed in and has no password yet (staff
            # imported by an administrator): its invitation may have expired.
            yield from super().get_users(email)
            yield from (
                u
                for u in User._default_manager.filter(
                    email__iexact=email, is_active=True, last_login__isnull=True
                )
                if not u.has_usable_password()
            )

    form = ResetForm({"email": email})
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


@shared_task(
    name="accounts.tasks.send_invitation",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation(*, user_id: int, language: str, domain: str, use_https: bool) -> str:
    """E-mail a new staff account (made without a password, e.g. by an import) a link to set
    its password: the password-reset token and page, in `language`. A rerun sends another
    working link; an account that has set its password meanwhile is sent nothing."""
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from .models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return "no account"
    if user.has_usable_password():
        return "password already set"
    context = {
        "user": user,
        "domain": domain,
        "protocol": "https" if use_https else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    with translation.override(language):
        subject = "".join(
            render_to_string("accounts/email/invitation_subject.txt", context).split("\n")
        )
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return "sent"
