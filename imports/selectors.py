"""Who may import, and whose imports one sees."""

from .models import ImportJob, ImportKind


def can_import(user) -> bool:
    """Bureau staff and administrators import. District staff do not: a bureau moving from
    spreadsheets brings the whole city's records in at once, and a district's records are
    the bureau's to bring (docs/imports.md)."""
    return bool(user and user.is_authenticated and user.is_bureau_or_admin)


def can_import_kind(user, kind: str) -> bool:
    """Staff users only by administrators (roles are theirs to give)."""
    if kind == ImportKind.USERS:
        return bool(user.is_admin_role)
    return can_import(user)


def kinds_for(user) -> list[tuple[str, str]]:
    return [(k, label) for k, label in ImportKind.choices if can_import_kind(user, k)]


def import_jobs_for(user):
    """The user's own imports (anyone else's is a 404)."""
    return ImportJob.objects.filter(owner=user)
