"""Spam defences shared by the public site's forms (the investors' inquiry form, the complaint
form): a honeypot field people leave empty, a minimum time between serving the form and its
coming back (a signed timestamp in a hidden field), and a per-address hourly limit (the caller
counts its own recent submissions from the same address, kept only as a keyed hash).

Usage: mix `SpamGuardFormMixin` into the form (it adds `started`, and names the honeypot
field in `honeypot_field`), then in the service call `check_submission(...)` with the values
and the count of recent submissions from `ip_hash(ip)`; it raises `SubmissionRefused` (a
DomainError) and the caller stores nothing.
"""

import datetime as dt
import hashlib
import hmac

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import DomainError

_STARTED_SALT = "investors.inquiry.started"  # kept: forms served before the move still work
STARTED_MAX_AGE = 24 * 3600


class SubmissionRefused(DomainError):
    """The spam defences refused a public submission; nothing was stored."""


def started_token(now: dt.datetime | None = None) -> str:
    """A signed timestamp of when the form was served (for the minimum fill time)."""
    return signing.dumps((now or timezone.now()).timestamp(), salt=_STARTED_SALT)


def read_started(token: str) -> dt.datetime | None:
    """The time a form was served, from its signed token; None when missing or tampered."""
    try:
        value = signing.loads(token or "", salt=_STARTED_SALT, max_age=STARTED_MAX_AGE)
    except signing.BadSignature:
        return None
    return dt.datetime.fromtimestamp(float(value), tz=dt.UTC)


def ip_hash(ip: str) -> str:
    """A keyed hash of the sender's address: enough to count, not to recover it."""
    return hmac.new(settings.SECRET_KEY.encode(), (ip or "").encode(), hashlib.sha256).hexdigest()


def check_submission(
    *,
    honeypot: str,
    started_at: dt.datetime | None,
    recent_from_address: int,
    min_seconds: int,
    per_hour: int,
    now: dt.datetime | None = None,
) -> None:
    """Refuse (SubmissionRefused) a submission whose honeypot is filled, that came back sooner
    than `min_seconds` after the form was served (`started_at` None counts as too fast), or
    whose address already sent `per_hour` in the last hour."""
    now = now or timezone.now()
    if honeypot:
        raise SubmissionRefused(_("Your message could not be accepted."))
    if started_at is None or (now - started_at).total_seconds() < min_seconds:
        raise SubmissionRefused(
            _("That was quicker than a person can type. Please check the form and send it again.")
        )
    if recent_from_address >= per_hour:
        raise SubmissionRefused(_("Too many messages from your address. Please try again later."))


class SpamGuardFormMixin(forms.Form):
    """Adds the hidden `started` field (the signed time the form was served); its cleaned
    value is that time, or None. The honeypot is the form's own field, rendered hidden."""

    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("started", started_token())

    def clean_started(self):
        return read_started(self.cleaned_data.get("started") or "")
