"""Mail to staff in each recipient's own language (`User.preferred_language`, set on *My
settings*): one helper for every app that writes to people, so no mail goes out in the
sender's or the portal's language by accident (issue 27, point 1)."""

from django.conf import settings
from django.utils import translation


def language_of(user) -> str:
    """The language the portal writes to `user` in."""
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def in_each_language(addresses_languages, render):
    """The mail worded once per language: `addresses_languages` are (address, language)
    pairs (addresses without one are left out); `render()` returns (subject, body) and is
    called under translation.override of each language. Yields (language, subject, body,
    addresses), the languages and addresses sorted."""
    groups: dict[str, set[str]] = {}
    for address, language in addresses_languages:
        if address:
            groups.setdefault(language or settings.LANGUAGE_CODE, set()).add(address)
    for language in sorted(groups):
        with translation.override(language):
            subject, body = render()
            yield language, str(subject), str(body), sorted(groups[language])


def to_users(users) -> list[tuple[str, str]]:
    """(address, language) of each user, for `in_each_language`."""
    return [(u.email, language_of(u)) for u in users]
