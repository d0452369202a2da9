"""Writes on the pipeline. Each is atomic, takes the acting user, checks the user's right to
the project, validates, saves, and leaves a history row (simple-history) with the acting user
and, where there is one, the reason."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import list_currencies
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import DomainError
from investors.models import SourceGroup

from . import workflow
from .evidence import validate_evidence
from .models import (
    CapitalArrival,
    EnterpriseType,
    IntroducerKind,
    MoveKind,
    Project,
    ProjectActivity,
    RegionTarget,
    StageMove,
    Status,
)
from .selectors import can_create_projects, regions_for_new_projects

# Fields a create or edit may set; the stage, its dates and the status change only through
# the workflow functions below.
EDITABLE_FIELDS = (
    "name_zh_hans",
    "name_en",
    "description_zh_hans",
    "description_en",
    "region",
    "investor",
    "industry",
    "category",
    "capital_source",
    "enterprise_type",
    "total_investment_cny_10k",
    "contracted_fdi_usd_10k",
    "introducer_kind",
    "introducer_user",
    "introducer_agent",
    "introducer_enterprise",
    "source_activity",
    "is_published",
)
CURRENCIES = frozenset(list_currencies())
HUNDREDTH = Decimal("0.01")
# amount_usd_10k has 14 digits, 2 of them decimals.
MAX_AMOUNT_10K = Decimal("1e12")


def _today() -> dt.date:
    return timezone.localdate()


def _require_edit(user, project: Project) -> None:
    if not Project.objects.editable_by(user).filter(pk=project.pk).exists():
        raise PermissionDenied(_("You may not change this project."))


def _lock(project: Project) -> Project:
    return Project.objects.select_for_update().get(pk=project.pk)


def _save(project: Project, *, user, reason: str = "", fields=None) -> None:
    project._history_user = user
    project._change_reason = reason
    if fields is not None:
        project.save(update_fields=[*fields, "updated_at"])
    else:
        project.save()


def _sync_base_columns(project: Project) -> None:
    """Keep the untranslated base columns equal to the Chinese (default-language) text.
    Assigning `project.name` would write the active language's column instead
    (modeltranslation's descriptor), so the base value is set directly."""
    project.__dict__["name"] = project.name_zh_hans or ""
    project.__dict__["description"] = project.description_zh_hans or ""


def arrival_classification(project: Project) -> dict:
    """The project's classification as copied onto its capital arrivals (for statistics)."""
    return {
        "region_id": project.region_id,
        "industry_id": project.industry_id,
        "capital_source": project.capital_source,
        "country": project.investor.country if project.investor_id else "",
        "enterprise_type": project.enterprise_type,
    }


CLASSIFYING_FIELDS = frozenset(
    {"region", "industry", "capital_source", "enterprise_type", "investor"}
)


def _validate(project: Project) -> None:
    """Rules across fields, after clearing the introducer fields its kind does not use;
    raises DomainError on the field at fault."""
    if not (project.name_zh_hans or "").strip():
        raise DomainError(_("The Chinese name is required."), field="name_zh_hans")
    if project.capital_source == SourceGroup.DOMESTIC:
        if project.contracted_fdi_usd_10k:
            raise DomainError(
                _("A domestic project has no contracted foreign capital."),
                field="contracted_fdi_usd_10k",
            )
        if project.enterprise_type and project.enterprise_type != EnterpriseType.DOMESTIC:
            raise DomainError(
                _("A domestic project must have the enterprise type 'domestic'."),
                field="enterprise_type",
            )
        if project.pk and project.capital_arrivals.exists():
            raise DomainError(
                _("Foreign capital has arrived for this project: it cannot become domestic."),
                field="capital_source",
            )
    elif project.enterprise_type == EnterpriseType.DOMESTIC:
        raise DomainError(
            _("A foreign-invested project cannot have the enterprise type 'domestic'."),
            field="enterprise_type",
        )
    for field in ("total_investment_cny_10k", "contracted_fdi_usd_10k"):
        if (getattr(project, field) or 0) < 0:
            raise DomainError(_("Amounts cannot be negative."), field=field)
    # The introducer is exactly the person or organisation its kind names.
    by_kind = {
        IntroducerKind.STAFF: "introducer_user",
        IntroducerKind.AGENT: "introducer_agent",
        IntroducerKind.ENTERPRISE: "introducer_enterprise",
    }
    wanted = by_kind.get(project.introducer_kind)
    for field in by_kind.values():
        if field != wanted:
            setattr(project, field, None)
    if wanted and not getattr(project, f"{wanted}_id"):
        raise DomainError(_("Name the introducer."), field=wanted)
    # Gates already passed must stay passed: an edit cannot empty what a stage needed.
    failures = workflow.gate_failures(project, project.stage)
    if failures:
        field, message = failures[0]
        raise DomainError(message, field=field)


@transaction.atomic
def project_create(*, user, data: dict, tags=None, intent_date: dt.date | None = None) -> Project:
    """Create a project at the intent stage in a region the user may work on."""
    if not can_create_projects(user):
        raise PermissionDenied(_("You may not create projects."))
    intent_date = intent_date or _today()
    if intent_date > _today():
        raise DomainError(_("The date cannot be in the future."), field="intent_date")
    region = data.get("region")
    if region is None:
        raise DomainError(_("Choose the region."), field="region")
    if not regions_for_new_projects(user).filter(pk=region.pk).exists():
        raise DomainError(_("You may not create projects in this region."), field="region")
    project = Project(
        stage=workflow.FIRST, intent_date=intent_date, last_activity_on=_today(), created_by=user
    )
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(project, field, data[field])
    _sync_base_columns(project)
    _validate(project)
    _save(project, user=user)
    if tags:
        project._change_reason = ""
        project.tags.set(tags)
    return project


@transaction.atomic
def project_update(*, user, project: Project, data: dict, tags=None) -> Project:
    """Change the editable fields given in `data`; saves only what changed."""
    _require_edit(user, project)
    project = _lock(project)
    if (
        "region" in data
        and data["region"] != project.region
        and not regions_for_new_projects(user).filter(pk=data["region"].pk).exists()
    ):
        raise DomainError(_("You may not move projects to this region."), field="region")
    changed = []
    for field in EDITABLE_FIELDS:
        if field in data and getattr(project, field) != data[field]:
            setattr(project, field, data[field])
            changed.append(field)
    _validate(project)
    if changed:
        if {"name_zh_hans", "description_zh_hans"} & set(changed):
            _sync_base_columns(project)
            changed += ["name", "description"]
        # The introducer FKs may have been cleared by _validate.
        changed += ["introducer_user", "introducer_agent", "introducer_enterprise"]
        _save(project, user=user, fields=sorted(set(changed)))
        if CLASSIFYING_FIELDS & set(changed):
            CapitalArrival.objects.filter(project=project).update(**arrival_classification(project))
    if tags is not None and set(project.tags.all()) != set(tags):
        project._history_user = user
        project.tags.set(tags)
        _save(project, user=user, fields=[])
    return project


@transaction.atomic
def project_transition(
    *,
    user,
    project: Project,
    to: str,
    date: dt.date | None = None,
    note: str = "",
    evidence=None,
) -> StageMove:
    """Move a project one stage forward (with the real date), or one stage back as a
    correction (reason in `note`, bureau or admin only). Raises DomainError, naming the
    field, for any refused move; nothing changes then."""
    _require_edit(user, project)
    project = _lock(project)
    if to not in workflow.STAGE_CODES:
        raise DomainError(_("Unknown stage."), field="to")
    if project.status != Status.ACTIVE:
        raise DomainError(_("Only an active project changes stage; reopen it first."), field="to")
    if to == project.next_stage:
        return _advance(user, project, to, date, note, evidence)
    if to == project.previous_stage:
        return _correct(user, project, to, note)
    if to == project.stage:
        raise DomainError(_("The project is already at this stage."), field="to")
    raise DomainError(
        _("A project moves one stage at a time. From “%(current)s” it can go to “%(next)s”.")
        % {
            "current": project.stage_label,
            "next": workflow.BY_CODE[project.next_stage].label if project.next_stage else "—",
        },
        field="to",
    )


def _advance(user, project, to, date, note, evidence) -> StageMove:
    if date is None:
        raise DomainError(_("Give the date the stage was reached."), field="date")
    if date > _today():
        raise DomainError(_("The date cannot be in the future."), field="date")
    previous_date = project.stage_date()
    if previous_date and date < previous_date:
        raise DomainError(
            _("The date cannot be before the previous stage's date (%(date)s).")
            % {"date": previous_date.isoformat()},
            field="date",
        )
    failures = workflow.gate_failures(project, to)
    if failures:
        field, message = failures[0]
        raise DomainError(message, field=field)
    move = StageMove(
        project=project,
        kind=MoveKind.ADVANCE,
        from_stage=project.stage,
        to_stage=to,
        date=date,
        note=note,
        moved_by=user,
    )
    if evidence:
        _content_type, ext = validate_evidence(evidence)
        move.evidence_name = evidence.name[:200]
        move.evidence.save(f"evidence{ext}", evidence, save=False)
    move.save()
    project.stage = to
    setattr(project, workflow.date_field(to), date)
    project.last_activity_on = _today()
    _save(
        project,
        user=user,
        reason=note,
        fields=["stage", workflow.date_field(to), "last_activity_on"],
    )
    return move


def _correct(user, project, to, reason) -> StageMove:
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator can move a stage back."))
    if not (reason or "").strip():
        raise DomainError(_("A correction needs a reason."), field="note")
    from_stage = project.stage
    move = StageMove.objects.create(
        project=project,
        kind=MoveKind.CORRECTION,
        from_stage=from_stage,
        to_stage=to,
        date=None,
        note=reason,
        moved_by=user,
    )
    # The undone stage's date goes: the project never reached it (statistics follow).
    setattr(project, workflow.date_field(from_stage), None)
    project.stage = to
    project.last_activity_on = _today()
    _save(
        project,
        user=user,
        reason=reason,
        fields=["stage", workflow.date_field(from_stage), "last_activity_on"],
    )
    return move


@transaction.atomic
def project_drop(*, user, project: Project, reason: str) -> Project:
    """Drop an active or held project, with the reason."""
    _require_edit(user, project)
    project = _lock(project)
    if project.status == Status.DROPPED:
        raise DomainError(_("The project is already dropped."), field="status")
    if not (reason or "").strip():
        raise DomainError(_("Dropping a project needs a reason."), field="reason")
    project.status = Status.DROPPED
    project.status_reason = reason
    _save(project, user=user, reason=reason, fields=["status", "status_reason"])
    return project


@transaction.atomic
def project_hold(*, user, project: Project, reason: str = "") -> Project:
    _require_edit(user, project)
    project = _lock(project)
    if project.status != Status.ACTIVE:
        raise DomainError(_("Only an active project can be put on hold."), field="status")
    project.status = Status.ON_HOLD
    project.status_reason = reason
    _save(project, user=user, reason=reason, fields=["status", "status_reason"])
    return project


@transaction.atomic
def project_reopen(*, user, project: Project, note: str = "") -> Project:
    """Make a dropped or held project active again at the stage it had."""
    _require_edit(user, project)
    project = _lock(project)
    if project.status == Status.ACTIVE:
        raise DomainError(_("The project is already active."), field="status")
    project.status = Status.ACTIVE
    project.status_reason = ""
    project.last_activity_on = _today()
    _save(
        project,
        user=user,
        reason=note,
        fields=["status", "status_reason", "last_activity_on"],
    )
    return project


@transaction.atomic
def project_activity_log(
    *,
    user,
    project: Project,
    date: dt.date,
    kind: str,
    summary: str,
    next_follow_up: dt.date | None = None,
) -> ProjectActivity:
    """Log follow-up work on a project (visit, call…); it resets the stalled clock."""
    _require_edit(user, project)
    project = _lock(project)
    if date > _today():
        raise DomainError(_("The date cannot be in the future."), field="date")
    if not summary.strip():
        raise DomainError(_("Write what happened."), field="summary")
    activity = ProjectActivity.objects.create(
        project=project,
        date=date,
        kind=kind,
        summary=summary,
        next_follow_up=next_follow_up,
        logged_by=user,
    )
    if date > project.last_activity_on:
        project.last_activity_on = date
        _save(project, user=user, fields=["last_activity_on"])
    return activity


def usd_10k(amount: Decimal, usd_rate: Decimal) -> Decimal:
    return (amount * usd_rate).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


@transaction.atomic
def capital_arrival_create(
    *,
    user,
    project: Project,
    date: dt.date,
    amount: Decimal,
    currency: str,
    usd_rate: Decimal | None = None,
    rate_source: str = "",
) -> CapitalArrival:
    """Record foreign capital arrived for a foreign or HMT project, converted to USD at the
    record's own rate."""
    _require_edit(user, project)
    if not project.is_foreign_invested:
        raise DomainError(
            _("Capital arrivals are recorded only for foreign or Hong Kong/Macao/Taiwan projects."),
            field="project",
        )
    currency = (currency or "").upper()
    if currency not in CURRENCIES:
        raise DomainError(_("Use an ISO 4217 currency code such as USD or EUR."), field="currency")
    if date > _today():
        raise DomainError(_("The date cannot be in the future."), field="date")
    if amount is None or amount <= 0:
        raise DomainError(_("The amount must be positive."), field="amount")
    if currency == "USD":
        usd_rate = usd_rate or Decimal("1")
        if usd_rate != 1:
            raise DomainError(_("The rate of USD to USD is 1."), field="usd_rate")
    elif not usd_rate or usd_rate <= 0:
        raise DomainError(
            _("Give the rate to USD for a currency other than USD."), field="usd_rate"
        )
    amount_usd_10k = usd_10k(amount, usd_rate)
    if amount_usd_10k >= MAX_AMOUNT_10K:
        raise DomainError(
            _("The amount in US dollars is implausibly large: check the amount and the rate."),
            field="usd_rate" if currency != "USD" else "amount",
        )
    project = Project.objects.select_related("investor").get(pk=project.pk)
    arrival = CapitalArrival.objects.create(
        project=project,
        date=date,
        amount=amount,
        currency=currency,
        usd_rate=usd_rate,
        rate_source=rate_source,
        amount_usd_10k=amount_usd_10k,
        recorded_by=user,
        **arrival_classification(project),
    )
    return arrival


@transaction.atomic
def capital_arrival_delete(*, user, arrival: CapitalArrival) -> None:
    _require_edit(user, arrival.project)
    arrival.delete()


@transaction.atomic
def target_set(*, user, region, year: int, **values) -> RegionTarget:
    """Create or change a region's targets for a year (bureau or admin)."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator set targets."))
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    for field, value in values.items():
        if value is not None and value < 0:
            raise DomainError(_("Targets cannot be negative."), field=field)
    target, _created = RegionTarget.objects.get_or_create(region=region, year=year)
    changed = [f for f, v in values.items() if v is not None and getattr(target, f) != v]
    for f in changed:
        setattr(target, f, values[f])
    if changed:
        target.save(update_fields=changed)
    return target
