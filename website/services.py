"""Writes on the public site's content. Only bureau staff and administrators edit the site.

Each write records history (django-simple-history, with the acting user) and, once the
transaction commits, moves the site's content version on so cached public pages are rebuilt
(`website.cache`)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import DomainError
from reference.models import RegionKind

from .cache import bump_content_version
from .models import Content, Incentive, Industry, Listing, Policy, Status, Utility, Zone


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
def content_save(*, user, obj: Content, tags=None, sections=None) -> Content:
    """Save a new or changed content item as it is (a draft stays a draft; a published item
    stays published with the new text). `tags` (industries only) replaces the item's project
    tags when given; `sections` (industries, policies, zones) its GB/T 4754 sections. Raises
    PermissionDenied for anyone but bureau staff and administrators, DomainError (naming the
    field) when the item breaks a rule of its kind (`check_rules`)."""
    _require_editor(user)
    check_rules(obj)
    _record(obj, user, "saved")
    obj.save()
    if tags is not None:
        obj.tags.set(tags)
    if sections is not None:
        obj.sections.set(sections)
    transaction.on_commit(bump_content_version)
    return obj


def _check_publishable(obj: Content):
    """A published item needs its Chinese text (the site's default language); an English text
    may follow, and the English site says when it is missing."""
    title_field = next((f for f in ("name", "label") if hasattr(obj, f"{f}_zh_hans")), "title")
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
    check_rules(obj)
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


# --- The rules of the investor content (issue 21, points 2–5) ---------------------------------


def _check_review_dates(obj):
    last, due = getattr(obj, "reviewed_on", None), getattr(obj, "next_review_on", None)
    if last and due and due <= last:
        raise DomainError(
            _("The next review must come after the last one."), field="next_review_on"
        )


def _check_policy(obj: Policy):
    if obj.effective_on and obj.issued_on and obj.effective_on < obj.issued_on:
        raise DomainError(
            _("A policy cannot take effect before it is issued."), field="effective_on"
        )
    if obj.expires_on and obj.effective_on and obj.expires_on < obj.effective_on:
        raise DomainError(_("A policy cannot expire before it takes effect."), field="expires_on")
    unknown = set(obj.incentives) - set(Incentive.values)
    if unknown:
        raise DomainError(_("Unknown incentive type."), field="incentives")


def _check_zone(obj: Zone):
    if obj.region_id and obj.region.kind != RegionKind.DEV_ZONE:
        raise DomainError(_("Choose a region of kind development zone."), field="region")


def _check_listing(obj: Listing):
    if obj.area_m2 is not None and obj.area_m2 <= 0:
        raise DomainError(_("The area must be more than zero."), field="area_m2")
    if obj.price_cny is not None and obj.price_cny < 0:
        raise DomainError(_("The price cannot be negative."), field="price_cny")
    unknown = set(obj.utilities) - set(Utility.values)
    if unknown:
        raise DomainError(_("Unknown utility."), field="utilities")


def _check_industry(obj: Industry):
    """Each sector has its own contact person: two published industries do not share an
    email address (an investor's inquiry is routed to the sector's person)."""
    if obj.contact_email:
        other = (
            Industry.objects.published()
            .filter(contact_email__iexact=obj.contact_email)
            .exclude(pk=obj.pk)
            .first()
        )
        if other is not None:
            raise DomainError(
                _("%(name)s already has this contact; each sector has its own person.")
                % {"name": other.name_zh_hans},
                field="contact_email",
            )


RULES = {
    Policy: _check_policy,
    Zone: _check_zone,
    Listing: _check_listing,
    Industry: _check_industry,
}


def check_rules(obj: Content) -> None:
    """The rules of an item's kind, beyond what its form checks. Raises DomainError naming
    the field at fault."""
    _check_review_dates(obj)
    rule = RULES.get(type(obj))
    if rule is not None:
        rule(obj)
