"""Writes on the public site's content. Only bureau staff and administrators edit the site.

Each write records history (django-simple-history, with the acting user) and, once the
transaction commits, moves the site's content version on so cached public pages are rebuilt
(`website.cache`)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.bounds import check_amount, check_planned_date, check_real_date
from config.errors import DomainError
from investors.models import Inquiry, source_group_of
from investors.services import inquiry_submit
from projects.models import Project
from projects.services import project_create
from reference.models import RegionKind

from .cache import bump_content_version
from .models import (
    Content,
    Incentive,
    Industry,
    Listing,
    Opportunity,
    OpportunityLead,
    OpportunityStatus,
    Policy,
    Status,
    SuccessStory,
    Utility,
    Zone,
)


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
    if isinstance(obj, SuccessStory) and obj.consent_on and obj.consent_recorded_by_id is None:
        obj.consent_recorded_by = user
    obj.reviewed_on = timezone.localdate()  # staff who save an item vouch for it today
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
    if isinstance(obj, SuccessStory):
        story_check(obj)


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


# ---- success stories -------------------------------------------------------------------------

LANDED_STAGES = ("groundbreaking", "operation")


def story_check(story: SuccessStory) -> None:
    """A story is told only of a project that landed (groundbreaking or in operation, not
    dropped) and with the enterprise's consent recorded (its date)."""
    project = story.project
    if project.stage not in LANDED_STAGES or project.status == "dropped":
        raise DomainError(
            _("Only a project at groundbreaking or in operation can be a success story."),
            field="project",
        )
    if not story.consent_on:
        raise DomainError(
            _("Record the enterprise's consent before publishing its story."),
            field="consent_on",
        )
    if story.consent_on > timezone.localdate():
        raise DomainError(_("The consent cannot be dated in the future."), field="consent_on")
    check_real_date(story.consent_on, field="consent_on")


# ---- opportunities seeking investment ------------------------------------------------------

# The workflow, in one place: from → the statuses it may move to.
OPPORTUNITY_MOVES = {
    OpportunityStatus.DRAFT: (OpportunityStatus.REVIEW,),
    OpportunityStatus.REVIEW: (OpportunityStatus.PUBLISHED, OpportunityStatus.DRAFT),
    OpportunityStatus.PUBLISHED: (OpportunityStatus.DRAFT,),
}
OPPORTUNITY_YEARS_AHEAD = 5


def _check_opportunity(opp: Opportunity) -> None:
    if not (opp.name_zh_hans or "").strip():
        raise DomainError(_("The Chinese name is required."), field="name_zh_hans")
    opp.__dict__["name"] = opp.name_zh_hans
    if opp.sector_id is None:
        raise DomainError(_("Choose the sector."), field="sector")
    if opp.zone_id is None:
        raise DomainError(_("Choose the location or zone."), field="zone")
    if opp.zone.kind == RegionKind.CITY:
        raise DomainError(
            _("Choose a district, county, county-level city or development zone."), field="zone"
        )
    if opp.investment_cny_10k is None:
        raise DomainError(_("Give the estimated investment."), field="investment_cny_10k")
    if opp.investment_cny_10k < 0:
        raise DomainError(_("Amounts cannot be negative."), field="investment_cny_10k")
    check_amount(
        opp.investment_cny_10k,
        field="investment_cny_10k",
        model_field=Opportunity._meta.get_field("investment_cny_10k"),
    )
    if opp.valid_until is None:
        raise DomainError(_("Say until when the offer stands."), field="valid_until")
    check_planned_date(opp.valid_until, field="valid_until", years_ahead=OPPORTUNITY_YEARS_AHEAD)


@transaction.atomic
def opportunity_save(*, user, opp: Opportunity) -> Opportunity:
    """Create or change an opportunity (its status unchanged: a published one stays published
    with the new text). Bureau staff and administrators only; raises DomainError on the
    field at fault."""
    _require_editor(user)
    _check_opportunity(opp)
    opp.updated_by = user
    opp._history_user = user
    opp._change_reason = "saved"
    opp.save()
    transaction.on_commit(bump_content_version)
    return opp


@transaction.atomic
def opportunity_move(*, user, opp: Opportunity, to: str) -> Opportunity:
    """Move an opportunity along its workflow (`OPPORTUNITY_MOVES`): draft → in review →
    published, back to draft from review or published. Publishing needs the offer still
    valid."""
    _require_editor(user)
    opp = Opportunity.objects.select_for_update().get(pk=opp.pk)
    if to not in OPPORTUNITY_MOVES.get(opp.status, ()):
        raise DomainError(
            _("An opportunity cannot go from %(from)s to %(to)s.")
            % {
                "from": OpportunityStatus(opp.status).label,
                "to": OpportunityStatus(to).label if to in OpportunityStatus.values else to,
            },
            field="to",
        )
    if to == OpportunityStatus.PUBLISHED:
        _check_opportunity(opp)
        if opp.valid_until < timezone.localdate():
            raise DomainError(
                _("The offer has expired: extend its date before publishing."),
                field="valid_until",
            )
        opp.published_at = opp.published_at or timezone.now()
    opp.status = to
    opp.updated_by = user
    opp._history_user = user
    opp._change_reason = f"status: {to}"
    opp.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    transaction.on_commit(bump_content_version)
    return opp


def opportunity_open(opp: Opportunity, today: dt.date | None = None) -> bool:
    """Published and still valid: shown on the site's list and open to inquiries."""
    today = today or timezone.localdate()
    return opp.status == OpportunityStatus.PUBLISHED and opp.valid_until >= today


@transaction.atomic
def opportunity_inquiry_submit(*, opportunity: Opportunity, **submission) -> Inquiry:
    """An investor's inquiry about an opportunity (the public inquiry form's fields and spam
    defences, `investors.services.inquiry_submit`): stored as an inquiry on the opportunity's
    sector, so it goes to that sector's contact, and recorded as a lead of the opportunity."""
    if not opportunity_open(opportunity):
        raise DomainError(_("This opportunity is no longer open."))
    submission["industry"] = opportunity.sector
    inquiry = inquiry_submit(**submission)
    OpportunityLead.objects.create(opportunity=opportunity, inquiry=inquiry)
    return inquiry


def _capital_source(inquiry: Inquiry) -> str:
    code = inquiry.country.code if inquiry.country else ""
    return source_group_of(code) if code else "foreign"


@transaction.atomic
def opportunity_lead_to_project(*, user, lead: OpportunityLead, region=None) -> Project:
    """When talks start: a pipeline project at intent made from the opportunity and the
    inquiry (name, sector, zone, investment; the investor when the inquiry was converted),
    linked back through the lead. Through `projects.services.project_create`, so the user's
    right to create projects in the region and every rule of the pipeline apply. Refuses a
    lead that already became a project, or a spam inquiry."""
    _require_editor(user)
    lead = (
        OpportunityLead.objects.select_for_update()
        .select_related("opportunity", "inquiry")
        .get(pk=lead.pk)
    )
    if lead.project_id is not None:
        raise DomainError(_("This lead is already a pipeline project."))
    if lead.inquiry.status == "spam":
        raise DomainError(_("This inquiry was marked as spam."))
    opp = lead.opportunity
    project = project_create(
        user=user,
        data={
            "name_zh_hans": opp.name_zh_hans,
            "name_en": opp.name_en or "",
            "description_zh_hans": opp.summary_zh_hans or "",
            "description_en": opp.summary_en or "",
            "region": region or opp.zone,
            "industry": opp.sector,
            "investor": lead.inquiry.investor,
            "capital_source": _capital_source(lead.inquiry),
            "total_investment_cny_10k": opp.investment_cny_10k,
        },
    )
    lead.project = project
    lead.converted_at = timezone.now()
    lead.converted_by = user
    lead.save(update_fields=["project", "converted_at", "converted_by"])
    transaction.on_commit(bump_content_version)
    return project


# --- The rules of the investor content (issue 21, points 2–5) ---------------------------------


def _check_review_dates(obj):
    last, due = getattr(obj, "reviewed_on", None), getattr(obj, "next_review_on", None)
    check_real_date(last, field="reviewed_on")
    check_planned_date(due, field="next_review_on")
    if last and due and due <= last:
        raise DomainError(
            _("The next review must come after the last one."), field="next_review_on"
        )


def _check_policy(obj: Policy):
    check_real_date(obj.issued_on, field="issued_on")
    check_planned_date(obj.effective_on, field="effective_on")
    check_planned_date(obj.expires_on, field="expires_on", years_ahead=50)
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


@transaction.atomic
def content_verify(*, user, obj: Content) -> Content:
    """Staff checked the item and it is still true: its "last verified" date becomes today
    (recorded in history), which takes it off the review list."""
    _require_editor(user)
    today = timezone.localdate()
    obj.reviewed_on = today
    fields = ["reviewed_on", "updated_by", "updated_at"]
    # Items with a review date of their own (policies, guide steps, zones, plots, costs) are
    # next due WEBSITE_REVIEW_DAYS from today when that date has come.
    if getattr(obj, "next_review_on", None) is not None and obj.next_review_on <= today:
        obj.next_review_on = today + dt.timedelta(days=settings.WEBSITE_REVIEW_DAYS)
        fields.append("next_review_on")
    _record(obj, user, "verified")
    obj.save(update_fields=fields)
    transaction.on_commit(bump_content_version)
    return obj
