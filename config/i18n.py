"""Translated content in the active language, without silently showing another language."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def active_suffix() -> str:
    return (get_language() or settings.LANGUAGE_CODE).replace("-", "_")


def localized(obj, field: str) -> str | None:
    """The field's text in the active language, or None when that text is missing."""
    if obj is None:
        return None
    return getattr(obj, f"{field}_{active_suffix()}", None) or None


def localized_or_marked(obj, field: str) -> str:
    """The field's text in the active language; when it is missing, the Chinese text with a
    note that the translation is missing (for exports and plain-text places)."""
    text = localized(obj, field)
    if text:
        return text
    source = getattr(obj, f"{field}_zh_hans", "") or ""
    return _("%(text)s (no English text yet)") % {"text": source} if source else ""
