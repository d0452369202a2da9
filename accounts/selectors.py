"""Reads on users' credentials."""

from django.db.models import Q
from django.utils import timezone

from .models import ApiToken
from .tokens import credentials_fingerprint


def api_tokens_stale(*, user=None):
    """Tokens that no longer authenticate: expired, or issued before the user's credentials,
    role or scope changed (or before a deactivation). All users' when `user` is None."""
    qs = ApiToken.objects.select_related("user")
    if user is not None:
        qs = qs.filter(user=user)
    expired = Q(expiry__lt=timezone.now())
    stale_pks = [t.pk for t in qs.exclude(expired) if not _valid(t)]
    return ApiToken.objects.filter(
        expired | Q(pk__in=stale_pks), **({"user": user} if user else {})
    )


def _valid(token) -> bool:
    return token.user.is_active and token.credentials == credentials_fingerprint(token.user)


def api_tokens_of(*, user) -> list:
    """`user`'s own tokens that still work, newest first."""
    qs = ApiToken.objects.filter(user=user, expiry__gte=timezone.now()).select_related("user")
    return [t for t in qs.order_by("-created") if _valid(t)]
