from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """A password needs letters and digits, and at least one character of a third kind
    (upper case, or a symbol)."""

    def validate(self, password, user=None):
        has_lower = any(c.islower() for c in password)
        has_upper = any(c.isupper() for c in password)
        has_digit = any(c.isdigit() for c in password)
        has_symbol = any(not c.isalnum() for c in password)
        if not ((has_lower or has_upper) and has_digit and (has_upper or has_symbol)):
            raise ValidationError(
                _(
                    "Your password must mix letters and digits and contain an upper-case "
                    "letter or a symbol."
                ),
                code="password_character_classes",
            )

    def get_help_text(self):
        return _(
            "Your password must mix letters and digits and contain an upper-case letter or "
            "a symbol."
        )
