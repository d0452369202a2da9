"""Two-factor sign-in (TOTP, django-otp) for administrators and bureau staff, with recovery
codes. Required when TWO_FACTOR_REQUIRED is true (production); optional otherwise (demo):
whoever has set it up is always asked for a code.

A session becomes *verified* (django-otp's ``request.user.is_verified()``) when a code from
the authenticator app or a recovery code is accepted; `accounts.middleware.TwoFactorMiddleware`
keeps an unverified admin or bureau session on the verification (or setup) page, and the API
token endpoint asks these users for the code too.
"""

import base64
from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.errors import DomainError

RECOVERY_CODES = 10
RECOVERY_DEVICE = "recovery"


def two_factor_applies(user) -> bool:
    """Administrators, bureau staff and anyone who can open the Django admin."""
    return bool(user.is_authenticated and (user.is_bureau_or_admin or user.is_staff))


def two_factor_enabled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_required(user) -> bool:
    """Must this user pass a second factor? Yes if it applies to them and either the
    settings require it or they have set it up."""
    return two_factor_applies(user) and (settings.TWO_FACTOR_REQUIRED or two_factor_enabled(user))


@dataclass(frozen=True)
class TotpSetup:
    device: TOTPDevice
    secret: str  # base32, for typing into an app
    url: str  # otpauth://
    qr_data_uri: str  # an SVG image of the URL, as a data: URI (allowed by the CSP)


def totp_setup_start(*, user) -> TotpSetup:
    """The pending (unconfirmed) authenticator of `user`, created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    url = device.config_url
    data_uri = segno.make(url, error="m").svg_data_uri(scale=6)
    secret = base64.b32encode(device.bin_key).decode()
    return TotpSetup(device=device, secret=secret, url=url, qr_data_uri=data_uri)


@transaction.atomic
def totp_setup_confirm(*, user, code: str) -> list[str]:
    """Confirm the pending authenticator with a code from it; it replaces any previous one.
    Returns new recovery codes (shown once). Raises DomainError on a wrong code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(code.strip()):
        raise DomainError(_("That code is not right. Check the time on your phone."), field="code")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_regenerate(user=user)


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """New single-use recovery codes for `user`; the previous ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE, confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def two_factor_check(*, user, code: str):
    """The device that accepts `code` (authenticator or a recovery code, which is then used
    up), or DomainError."""
    device = match_token(user, (code or "").strip().replace(" ", "")) if code else None
    if device is None:
        raise DomainError(_("That code is not right."), field="otp")
    return device
