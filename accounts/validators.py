"""Password rules beyond Django's (ASVS 5.0, 6.2): no character-class rule; length, common
and breached passwords, similarity to the user's attributes (see AUTH_PASSWORD_VALIDATORS)."""

from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

REFUSED_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "refused-passwords.txt"


@cache
def refused_passwords() -> frozenset[str]:
    lines = REFUSED_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


class RefusedPasswordValidator:
    """Refuses the passwords listed in accounts/data/refused-passwords.txt (words of this
    portal's own context), compared case-insensitively. Shipped with the project: no network."""

    def validate(self, password, user=None):
        if password.strip().lower() in refused_passwords():
            raise ValidationError(_("This password is too common."), code="password_too_common")

    def get_help_text(self):
        return _("Your password can’t be a commonly used password.")
