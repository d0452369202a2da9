"""Writes on the industrial chains. Each is atomic, takes the acting user, checks the user's
right to the chain (`selectors.can_work_chain`), validates and records who did it."""

import datetime as dt
import itertools

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from config.bounds import check_real_date
from config.errors import DomainError
from config.text import check_no_bidi
from investors import services as investor_services
from investors.models import InteractionKind, Investor
from projects.models import Project
from reference.models import Region, RegionKind

from .models import (
    ChainLink,
    ChainTarget,
    Gap,
    GapRating,
    LocalEnterprise,
    Outreach,
    OutreachStep,
    Priority,
    ProjectLink,
    TargetCompany,
)
from .selectors import can_work_chain

# The outreach workflow in one place: each state and the one it moves on to.
OUTREACH_ORDER = (
    Outreach.NOT_CONTACTED,
    Outreach.CONTACTED,
    Outreach.VISITING,
    Outreach.NEGOTIATING,
    Outreach.PROJECT,
)
NEXT_OUTREACH = dict(itertools.pairwise(OUTREACH_ORDER))


def _require_chain(user, chain) -> None:
    if not can_work_chain(user, chain):
        raise PermissionDenied(_("You may not change this chain."))


def _check_date(value, field: str = "date") -> dt.date:
    if value is None:
        raise DomainError(_("Give the date."), field=field)
    check_real_date(value, field=field)
    return value


@transaction.atomic
def link_rate_gap(*, user, link: ChainLink, gap: str, reason: str, rated_on: dt.date) -> GapRating:
    """Rate how strong the link is locally (strong, weak, missing), with the reason; the
    rating is kept in the link's record of ratings and becomes the link's current one unless
    a later-dated rating exists."""
    _require_chain(user, link.chain)
    if gap not in Gap.values:
        raise DomainError(_("Choose strong, weak or missing."), field="gap")
    if not (reason or "").strip():
        raise DomainError(_("Say why the link is rated so."), field="reason")
    _check_date(rated_on, "rated_on")
    rating = GapRating.objects.create(
        link=link, gap=gap, reason=reason.strip(), rated_on=rated_on, rated_by=user
    )
    if link.gap_rated_on is None or rated_on >= link.gap_rated_on:
        link.gap, link.gap_reason, link.gap_rated_on = gap, reason.strip(), rated_on
        link.save(update_fields=["gap", "gap_reason", "gap_rated_on"])
    return rating


@transaction.atomic
def local_enterprise_add(
    *, user, link: ChainLink, investor: Investor, note: str = ""
) -> LocalEnterprise:
    _require_chain(user, link.chain)
    if LocalEnterprise.objects.filter(link=link, investor=investor).exists():
        raise DomainError(_("This enterprise is already listed for the link."), field="investor")
    return LocalEnterprise.objects.create(
        link=link, investor=investor, note=(note or "").strip(), added_by=user
    )


@transaction.atomic
def target_company_add(
    *,
    user,
    link: ChainLink,
    investor: Investor | None = None,
    new_investor: dict | None = None,
    priority: str = Priority.MEDIUM,
    note: str = "",
) -> TargetCompany:
    """Add a company to court for the link: an investor from the database, or a new one
    (`new_investor`: the investor database's fields, created there by its own service)."""
    _require_chain(user, link.chain)
    if priority not in Priority.values:
        raise DomainError(_("Choose the priority."), field="priority")
    if investor is None and not new_investor:
        raise DomainError(_("Choose a company or name a new one."), field="investor")
    if investor is None:
        data = {"owner_region": Region.objects.filter(kind=RegionKind.CITY).first()}
        investor = investor_services.investor_create(user=user, data=data | new_investor)
    if investor.is_archived:
        raise DomainError(
            _("This investor was merged into another and is archived."), field="investor"
        )
    if TargetCompany.objects.filter(link=link, investor=investor).exists():
        raise DomainError(_("This company is already a target of the link."), field="investor")
    return TargetCompany.objects.create(
        link=link, investor=investor, priority=priority, note=(note or "").strip(),
        created_by=user,
    )  # fmt: skip


@transaction.atomic
def target_company_move(
    *,
    user,
    target: TargetCompany,
    state: str,
    date: dt.date,
    summary: str,
    kind: str = InteractionKind.CALL,
    project: Project | None = None,
) -> OutreachStep:
    """Move the outreach one step on (not contacted → contacted → visiting → negotiating →
    project). Every move is an interaction in the investor database (the same summary, kind
    and date) and an outreach step. Reaching `project` names the project the company brought."""
    _require_chain(user, target.link.chain)
    to = state
    if NEXT_OUTREACH.get(target.state) != to:
        raise DomainError(
            _("The outreach moves one step at a time: from “%(now)s” only to the next.")
            % {"now": Outreach(target.state).label},
            field="state",
        )
    _check_date(date)
    if target.last_contact_on and date < target.last_contact_on:
        raise DomainError(_("The date is before the last contact."), field="date")
    if to == Outreach.PROJECT:
        if project is None:
            raise DomainError(_("Name the project the company brought."), field="project")
        if project.investor_id != target.investor_id:
            raise DomainError(_("That project belongs to another investor."), field="project")
    interaction = investor_services.interaction_log(
        user=user,
        investor=target.investor,
        kind=kind,
        date=date,
        summary=summary,
        project=project,
    )
    step = OutreachStep.objects.create(
        target=target, from_state=target.state, to_state=to, date=date,
        interaction=interaction, user=user,
    )  # fmt: skip
    target.state, target.last_contact_on = to, date
    fields = ["state", "last_contact_on"]
    if project is not None:
        target.project = project
        fields.append("project")
        project_link_add(user=user, project=project, link=target.link, _quiet=True)
    target.save(update_fields=fields)
    return step


@transaction.atomic
def target_company_remove(*, user, target: TargetCompany) -> None:
    """Drop a company from the link's targets (one still not contacted: the others have a
    record of outreach that stays)."""
    _require_chain(user, target.link.chain)
    if target.state != Outreach.NOT_CONTACTED:
        raise DomainError(_("Only a company not yet contacted can be removed."), field="state")
    target.delete()


def _may_link(user, project: Project, link: ChainLink) -> bool:
    if can_work_chain(user, link.chain):
        return Project.objects.for_user(user).filter(pk=project.pk).exists()
    return Project.objects.editable_by(user).filter(pk=project.pk).exists()


@transaction.atomic
def project_link_add(*, user, project: Project, link: ChainLink, _quiet: bool = False):
    """Put a project in a link (and so in its chain): the chain's workers for any project they
    read, others for the projects they may change. Linking twice is refused (quietly when a
    target company's project is linked by its outreach)."""
    if not _may_link(user, project, link):
        raise PermissionDenied(_("You may not link this project."))
    existing = ProjectLink.objects.filter(project=project, link=link).first()
    if existing is not None:
        if _quiet:
            return existing
        raise DomainError(_("The project is already in this link."), field="link")
    return ProjectLink.objects.create(project=project, link=link, chain=link.chain, added_by=user)


@transaction.atomic
def project_link_remove(*, user, project_link: ProjectLink) -> None:
    if not _may_link(user, project_link.project, project_link.link):
        raise PermissionDenied(_("You may not link this project."))
    project_link.delete()


TARGET_FIELDS = ("negotiated", "approved", "started", "utilized_fdi_usd_10k")


@transaction.atomic
def chain_target_set(
    *,
    user,
    chain,
    year: int,
    person_name_zh_hans: str = "",
    person_name_en: str = "",
    person_title_zh_hans: str = "",
    person_title_en: str = "",
    person_name: str = "",
    person_title: str = "",
    region=None,
    **values,
) -> ChainTarget:
    """Set a year's industrial-project target for a chain — or, with `chain` None, for all the
    industrial projects — in a region (the whole city when None), with the person answerable
    for it: the bureau and administrators. One target per chain, region and year (a second
    call changes it). The person's name and title are given in Chinese and/or English
    (`person_name` / `person_title`: the Chinese, as older callers pass it); a name in at
    least one language is required."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("You may not set targets."))
    name_zh = (person_name_zh_hans or person_name or "").strip()
    name_en = (person_name_en or "").strip()
    title_zh = (person_title_zh_hans or person_title or "").strip()
    title_en = (person_title_en or "").strip()
    if not (name_zh or name_en):
        raise DomainError(_("Name the person responsible."), field="person_name_zh_hans")
    for field, text in (
        ("person_name_zh_hans", name_zh),
        ("person_name_en", name_en),
        ("person_title_zh_hans", title_zh),
        ("person_title_en", title_en),
    ):
        check_no_bidi(field, text)
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    for field, value in values.items():
        if field not in TARGET_FIELDS:
            raise DomainError(_("Unknown field."), field=field)
        if value is not None and value < 0:
            raise DomainError(_("A target cannot be negative."), field=field)
    key = {"chain": chain, "region": region, "year": year}
    target = ChainTarget.objects.select_for_update().filter(**key).order_by(
        "pk"
    ).first() or ChainTarget(**key)
    target.person_name_zh_hans, target.person_name_en = name_zh, name_en
    target.person_title_zh_hans, target.person_title_en = title_zh, title_en
    # The untranslated columns hold the Chinese (or the only) text, as for investors.
    target.__dict__["person_name"] = name_zh or name_en
    target.__dict__["person_title"] = title_zh or title_en
    for field, value in values.items():
        if value is not None:
            setattr(target, field, value)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        # Another submit made this target a moment ago (the constraint counts a missing
        # chain or region as equal): change that one.
        target.pk = ChainTarget.objects.select_for_update().order_by("pk").get(**key).pk
        target._state.adding = False
        target.save()
    return target
