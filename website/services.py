"""Writes on the public site's content. Only bureau staff and administrators edit the site.

Each write records history (django-simple-history, with the acting user) and, once the
transaction commits, moves the site's content version on so cached public pages are rebuilt
(`website.cache`)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import DomainError

from .cache import bump_content_version
from .models import Content, Status


def can_edit_site(user) -> bool:
    return bool(user and user.is_authenticated and user.is_bureau_or_admin)


def _require_editor(user):
    if not can_edit_site(user):
        raise PermissionDenied(_("Only bureau staff or an administrator edit the public site."))


def _record(obj: Content, user, reason: str):
    obj.updated_by = user
    obj._history_user = user
    obj._change_reason = reason


@transaction.atomic
def content_save(*, user, obj: Content, tags=None) -> Content:
    """Save a new or changed content item as it is (a draft stays a draft; a published item
    stays published with the new text). `tags` (industries only) replaces the item's project
    tags when given. Raises PermissionDenied for anyone but bureau staff and administrators."""
    _require_editor(user)
    _record(obj, user, "saved")
    obj.reviewed_on = timezone.localdate()  # staff who save an item vouch for it today
    obj.save()
    if tags is not None:
        obj.tags.set(tags)
    transaction.on_commit(bump_content_version)
    return obj


def _check_publishable(obj: Content):
    """A published item needs its Chinese text (the site's default language); an English text
    may follow, and the English site says when it is missing."""
    title_field = "name" if hasattr(obj, "name_zh_hans") else "title"
    if not (getattr(obj, f"{title_field}_zh_hans", "") or "").strip():
        raise DomainError(
            _("Write the Chinese text before publishing."), field=f"{title_field}_zh_hans"
        )


@transaction.atomic
def content_publish(*, user, obj: Content) -> Content:
    """Make a draft public. The first publication's time is kept as `published_at`."""
    _require_editor(user)
    if obj.status == Status.PUBLISHED:
        raise DomainError(_("This item is already published."))
    _check_publishable(obj)
    obj.status = Status.PUBLISHED
    obj.published_at = obj.published_at or timezone.now()
    _record(obj, user, "published")
    obj.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    transaction.on_commit(bump_content_version)
    return obj


@transaction.atomic
def content_unpublish(*, user, obj: Content) -> Content:
    """Take an item off the public site; it stays as a draft."""
    _require_editor(user)
    if obj.status != Status.PUBLISHED:
        raise DomainError(_("This item is not published."))
    obj.status = Status.DRAFT
    _record(obj, user, "unpublished")
    obj.save(update_fields=["status", "updated_by", "updated_at"])
    transaction.on_commit(bump_content_version)
    return obj


@transaction.atomic
def content_verify(*, user, obj: Content) -> Content:
    """Staff checked the item and it is still true: its "last verified" date becomes today
    (recorded in history), which takes it off the review list."""
    _require_editor(user)
    obj.reviewed_on = timezone.localdate()
    _record(obj, user, "verified")
    obj.save(update_fields=["reviewed_on", "updated_by", "updated_at"])
    transaction.on_commit(bump_content_version)
    return obj
