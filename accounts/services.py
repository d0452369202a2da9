"""Writes on users and their credentials."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from config.errors import DomainError


def api_token_obtain(*, request, username: str, password: str) -> str:
    """Check the credentials (through axes, so failures count toward the lockout) and return
    the user's API token, creating it on first use. Raises DomainError on bad credentials or a
    locked account."""
    user = authenticate(request=request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        raise DomainError(
            _("Too many failed sign-in attempts. This account is locked for now."),
        )
    if user is None or not user.is_active:
        raise DomainError(_("Unable to sign in with the credentials given."))
    token, _created = Token.objects.get_or_create(user=user)
    return token.key


def api_tokens_revoke(*, user) -> None:
    """A new password makes the old API token useless: the next sign-in gets a new one."""
    Token.objects.filter(user=user).delete()
