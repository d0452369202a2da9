"""Writes on users and their credentials."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils.translation import gettext as _

from config.errors import DomainError
from config.requestlog import security_event
from outbox.services import enqueue

from .models import ApiToken
from .selectors import api_tokens_stale
from .tokens import credentials_fingerprint
from .two_factor import two_factor_check, two_factor_enabled, two_factor_required


@dataclass(frozen=True)
class IssuedToken:
    """A token as handed out once: the secret itself is never stored."""

    token: str
    client: str
    expiry: datetime | None
    record: ApiToken


@transaction.atomic
def api_token_issue(*, user, client: str) -> IssuedToken:
    """A new token for `user` and `client`, replacing the client's previous one (one token per
    client), expiring after API_TOKEN_TTL_DAYS. Also deletes the user's expired and revoked
    tokens."""
    api_tokens_stale(user=user).delete()
    ApiToken.objects.filter(user=user, client=client).delete()
    record, token = ApiToken.objects.create(
        user, client=client, credentials=credentials_fingerprint(user)
    )
    security_event("api_token_issued", user_id=user.pk, client=client, token=str(record.public_id))
    return IssuedToken(token=token, client=client, expiry=record.expiry, record=record)


def api_token_obtain(
    *, request, username: str, password: str, client: str, otp: str = ""
) -> IssuedToken:
    """Check the credentials (through axes, so failures count toward the lockouts) and, for
    administrators and bureau staff with two-factor sign-in, the code; then issue a new token
    for the client. Raises DomainError on bad credentials, a wrong code or a lockout."""
    user = authenticate(request=request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        raise DomainError(
            _("Too many failed sign-in attempts. This account is locked for now."),
        )
    if user is None or not user.is_active:
        raise DomainError(_("Unable to sign in with the credentials given."))
    if two_factor_required(user):
        if not two_factor_enabled(user):
            raise DomainError(
                _("Set up two-factor sign-in in the browser before asking for a token."),
                field="otp",
            )
        two_factor_check(user=user, code=otp)
    return api_token_issue(user=user, client=client)


@transaction.atomic
def api_token_revoke(*, user, public_id) -> None:
    """Revoke one of `user`'s own tokens. Raises ApiToken.DoesNotExist for anyone else's."""
    ApiToken.objects.get(user=user, public_id=public_id).delete()
    security_event("api_token_revoked", user_id=user.pk, token=str(public_id))


def api_tokens_revoke(*, user) -> int:
    """Revoke every token of `user` (a new password, a deactivation); returns how many."""
    deleted, _by_model = ApiToken.objects.filter(user=user).delete()
    if deleted:
        security_event("api_tokens_revoked", user_id=user.pk, count=deleted)
    return deleted


def api_tokens_purge() -> int:
    """Delete every expired or revoked token (nightly). Idempotent."""
    deleted, _by_model = api_tokens_stale().delete()
    return deleted


USER_FIELDS = (
    "username", "last_name", "first_name", "name_en", "email", "phone", "role", "region",
    "liaison_unit", "preferred_language",
)  # fmt: skip


@transaction.atomic
def user_invite(*, user, data: dict, send: dict | None = None):
    """Create a staff account without a password (administrators only) and, after commit,
    e-mail the person a link to set one (the password-reset token: it works once and
    expires after PASSWORD_RESET_TIMEOUT). `send`: {"language", "domain", "use_https"}, or
    None to send nothing. Raises DomainError naming the field."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from .models import Role, User

    if not getattr(user, "is_admin_role", False):
        raise PermissionDenied(_("Only an administrator creates staff accounts."))
    if not (data.get("email") or "").strip():
        raise DomainError(_("The invitation needs an e-mail address."), field="email")
    account = User(is_active=True)
    for field in USER_FIELDS:
        value = data.get(field)
        if value not in (None, ""):
            setattr(account, field, value)
    if account.role != Role.DISTRICT:
        account.region = None
    if account.role != Role.LIAISON:
        account.liaison_unit = None
    account.is_staff = False
    account.set_unusable_password()
    try:
        account.full_clean(exclude=["password"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc
    account.save()
    if send:
        from .tasks import send_invitation

        enqueue(send_invitation, user_id=account.pk, **send)
    return account


@transaction.atomic
def user_set_preferred_language(*, user, language: str) -> None:
    """The signed-in user chooses the language the portal's e-mails to them are written in
    (zh-hans or en)."""
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Choose a language."), field="preferred_language")
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
