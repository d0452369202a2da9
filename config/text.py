"""Checks on text that people type into the public forms."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

# Bidirectional embedding/override (U+202A–U+202E) and isolate (U+2066–U+2069) controls: in a
# name they reorder what staff and other readers see ("Trojan Source" spoofing).
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
BIDI_MESSAGE = _("Remove the invisible text-direction characters from this field.")


def has_bidi_controls(value) -> bool:
    return any(ch in BIDI_CONTROLS for ch in str(value or ""))


def validate_no_bidi(value) -> None:
    """A form field validator: refuses bidi override and isolate characters."""
    if has_bidi_controls(value):
        raise ValidationError(BIDI_MESSAGE, code="bidi")


def check_no_bidi(field: str, value) -> None:
    """The same refusal in a service: a DomainError naming the field."""
    if has_bidi_controls(value):
        raise DomainError(BIDI_MESSAGE, field=field)


def has_han(text) -> bool:
    """Whether `text` has a Chinese character (CJK Unified Ideographs and extension A): a name
    shown on an English page that needs `lang="zh-Hans"`."""
    return any("\u3400" <= ch <= "\u9fff" for ch in str(text or ""))
