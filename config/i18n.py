"""Translated content in the active language, without silently showing another language."""

from django.conf import settings
from django.utils.translation import get_language


def active_suffix() -> str:
    return (get_language() or settings.LANGUAGE_CODE).replace("-", "_")


def localized(obj, field: str) -> str | None:
    """The field's text in the active language, or None when that text is missing."""
    if obj is None:
        return None
    return getattr(obj, f"{field}_{active_suffix()}", None) or None


def localized_or_marked(obj, field: str) -> str:
    """The field's text in the active language; when it is missing, the Chinese text with a
    note that the translation is missing (for exports and plain-text places). The plain-text
    form of `config.names.bilingual`."""
    from .names import bilingual

    return str(bilingual(obj, field))


def localized_or_source(obj, field: str) -> tuple[str, bool]:
    """The field's text in the active language, or the Chinese text as written when that is
    missing; and whether it was missing (exports name that in a column of its own, so a name
    cell holds only the name)."""
    from .names import bilingual

    name = bilingual(obj, field)
    return name.text, name.missing


def list_join(items) -> str:
    """Names in a running list as the active language writes them: 甲、乙 in Chinese, A, B in
    English."""
    sep = ", " if (get_language() or settings.LANGUAGE_CODE).startswith("en") else "、"
    return sep.join(str(i) for i in items)
