"""`Authorization: Token …` for the API: knox's hashed, expiring tokens, refused once the
user's credentials, role or scope changed since the token was issued."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions

from .tokens import credentials_fingerprint

LAST_USED_GRANULARITY = timedelta(minutes=5)


class TokenAuthentication(KnoxTokenAuthentication):
    def validate_user(self, auth_token):
        user = auth_token.user
        if not user.is_active or auth_token.credentials != credentials_fingerprint(user):
            auth_token.delete()
            raise exceptions.AuthenticationFailed(
                _("This token was revoked: sign in again to get a new one.")
            )
        now = timezone.now()
        if auth_token.last_used_at is None or now - auth_token.last_used_at > LAST_USED_GRANULARITY:
            auth_token.last_used_at = now
            auth_token.save(update_fields=["last_used_at"])
        return user, auth_token
