"""Password rules beyond Django's (ASVS 5.0, 6.2): no character-class rule; length, common
and breached passwords, similarity to the user's attributes, and a strength estimate that
knows the user's names and this portal's words (see AUTH_PASSWORD_VALIDATORS)."""

import re
from functools import cache
from pathlib import Path

from django.conf import settings
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


# zxcvbn's work grows fast with length; a longer password is judged on this many characters
# (a strong head makes a strong password; the rest only adds to it).
ESTIMATE_MAX_CHARS = 64


def _words(*values: str) -> list[str]:
    """The values and their parts (split on spaces and punctuation), lower-cased, non-empty,
    plus each value without its separators: 'Zhang Wei' gives zhang, wei, zhangwei."""
    found: list[str] = []
    for value in values:
        value = (value or "").strip().lower()
        if not value:
            continue
        parts = [p for p in re.split(r"[\s._@+\-]+", value) if p]
        found += [value, "".join(parts), *parts, "".join(reversed(parts))]
    return [w for w in dict.fromkeys(found) if len(w) >= 2]


def context_words(user=None) -> list[str]:
    """The dictionary words an attacker tries first besides the estimator's own: the user's
    names and address, the portal's and the city's names (PASSWORD_CONTEXT_WORDS and the
    city region in the reference data), and the project's refused list."""
    from reference.selectors import the_city

    values = list(settings.PASSWORD_CONTEXT_WORDS)
    city = the_city()
    if city is not None:
        values += [getattr(city, f, "") for f in ("name", "name_zh_hans", "name_en")]
    if user is not None:
        email = getattr(user, "email", "") or ""
        values += [
            getattr(user, "username", "") or "",
            getattr(user, "first_name", "") or "",
            getattr(user, "last_name", "") or "",
            getattr(user, "name_en", "") or "",
            email.partition("@")[0],
        ]
        values.append(f"{getattr(user, 'last_name', '')}{getattr(user, 'first_name', '')}")
    return _words(*values) + sorted(refused_passwords())


class StrengthValidator:
    """The strength estimate of a maintained estimator (zxcvbn: dictionaries of common
    passwords, names and words, keyboard walks, repeats, sequences, dates and l33t
    substitutions), with this portal's context words and the user's own names added to its
    dictionaries. Refuses a password estimated to fall in fewer guesses than `min_score`
    stands for (zxcvbn's 0-4; 4 means over 10^10 guesses). ASVS 5.0 6.2."""

    def __init__(self, min_score: int = 4):
        self.min_score = min_score

    def validate(self, password, user=None):
        from zxcvbn import zxcvbn

        result = zxcvbn(password[:ESTIMATE_MAX_CHARS], user_inputs=context_words(user))
        if result["score"] < self.min_score:
            raise ValidationError(
                _(
                    "This password is too easy to guess. Use a few unrelated words or a longer "
                    "password; avoid names, years, repeats and keyboard patterns."
                ),
                code="password_too_guessable",
            )

    def get_help_text(self):
        return _(
            "It must not be easy to guess: common or breached passwords, words about this "
            "portal or the city, your own names, years, repeats and keyboard patterns are "
            "refused. A few unrelated words make a good password."
        )
