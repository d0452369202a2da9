"""Writes on the pipeline. Each is atomic, takes the acting user, checks the user's right to
the project, validates, saves, and leaves a history row (simple-history) with the acting user
and, where there is one, the reason."""

import datetime as dt
import itertools
from decimal import ROUND_HALF_UP, Decimal

import pycountry
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from accounts.mail import in_each_language, to_users
from accounts.models import Role, User
from accounts.scoping import user_region_ids
from config.bounds import check_amount, check_planned_date, check_rate, check_real_date
from config.credit_code import check_credit_code
from config.errors import DomainError
from config.numbers import fmt_num
from config.typography import date_text
from investors.models import Investor, SourceGroup, source_group_of
from reference.countries import country_name
from reference.industries import section_of_class
from reference.models import RegionKind
from reference.provinces import Province

from . import workflow
from .counts import bump_counts_version
from .evidence import validate_evidence
from .models import (
    CapitalArrival,
    CheckResult,
    DomesticArrival,
    EnterpriseType,
    IntroducerKind,
    MoveKind,
    Project,
    ProjectActivity,
    ProjectCheck,
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
    "industry_class",
    "category",
    "capital_source",
    "enterprise_type",
    "unified_credit_code",
    "total_investment_cny_10k",
    "contracted_fdi_usd_10k",
    "unusual_reason",
    "introducer_kind",
    "introducer_user",
    "introducer_agent",
    "introducer_enterprise",
    "source_activity",
    "is_published",
)
# ISO 4217 codes that are not money a project receives: precious metals, bond-market units,
# special drawing rights, the Sucre and the ADB unit, the testing code, "no currency", and the
# fund codes (units of account beside a national currency).
NON_CURRENCIES = frozenset(
    {
        "XAU", "XAG", "XPD", "XPT",
        "XBA", "XBB", "XBC", "XBD",
        "XDR", "XSU", "XUA", "XTS", "XXX",
        "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW",
    }
)  # fmt: skip
# The current ISO 4217 list as pycountry ships it (the iso-codes project's data, kept up to
# date there): withdrawn codes such as DEM or FRF are not in it.
CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies) - NON_CURRENCIES
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


STAGE_DATE_FIELDS = tuple(stage.date_field for stage in workflow.STAGES)


def _check_region(region) -> None:
    """Projects and targets belong to a district, county, county-level city or development
    zone; the city itself is the sum of those, never a place of its own."""
    if region is not None and region.kind == RegionKind.CITY:
        raise DomainError(
            _(
                "Choose a district, county, county-level city or development zone: "
                "the city level holds no projects or targets of its own."
            ),
            field="region",
        )


def last_activity_date(project: Project) -> dt.date:
    """The stalled clock, in one place: the latest real date among the stage dates the project
    holds (each is the day a forward move happened; a correction clears the date it undoes)
    and its logged activities. A correction, an edit or a status change is not activity."""
    dates = [getattr(project, f) for f in STAGE_DATE_FIELDS if getattr(project, f)]
    if project.pk:
        latest = project.activities.aggregate(latest=Max("date"))["latest"]
        if latest:
            dates.append(latest)
    return max(dates)


PLAUSIBLE_FIGURES = {"contracted_fdi_usd_10k", "total_investment_cny_10k"}
PLAUSIBLE_SOURCE = {"capital_source", "investor"}


def _check_plausible(project: Project, *, changed: set[str] | None) -> None:
    """Figures that can be right but seldom are need a reason the user gives with them
    (`unusual_reason`): contracted foreign capital above the total investment (at
    PLAUSIBILITY_CNY_PER_USD), and a capital source other than the one the investor's country
    gives (a German investor's capital is foreign, not Hong Kong, Macao and Taiwan). Checked
    on create, and on an edit that changes the figures involved. Raises DomainError on the
    field at fault."""
    project.unusual_reason = (project.unusual_reason or "").strip()
    if project.unusual_reason:
        return
    hint = _("If the figures are right, say why in “Reason for unusual figures”.")
    if changed is None or PLAUSIBLE_FIGURES & changed:
        total = project.total_investment_cny_10k or Decimal(0)
        contracted = project.contracted_fdi_usd_10k or Decimal(0)
        in_cny = contracted * settings.PLAUSIBILITY_CNY_PER_USD
        if total > 0 and in_cny > total:
            raise DomainError(
                _(
                    "Contracted foreign capital (%(fdi)s × 10k USD, about %(cny)s × 10k CNY) is "
                    "more than the total investment (%(total)s × 10k CNY)."
                )
                % {
                    "fdi": fmt_num(contracted),
                    "cny": fmt_num(in_cny.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)),
                    "total": fmt_num(total),
                }
                + " "
                + hint,
                field="contracted_fdi_usd_10k",
            )
    if (changed is None or PLAUSIBLE_SOURCE & changed) and project.investor_id:
        country = project.investor.country
        expected = source_group_of(country)
        if country and expected != project.capital_source:
            raise DomainError(
                _(
                    "The investor is from %(country)s, whose capital is “%(expected)s”, but the "
                    "capital source is “%(source)s”."
                )
                % {
                    "country": country_name(str(country)),
                    "expected": SourceGroup(expected).label,
                    "source": SourceGroup(project.capital_source).label,
                }
                + " "
                + hint,
                field="capital_source",
            )


def _check_industry_class(project: Project) -> None:
    """The GB/T 4754 class is 2 to 4 digits (a section letter in front is dropped) of a
    division that exists, in the project's section (which must be given with it)."""
    code = (project.industry_class or "").strip().upper().replace(" ", "")
    if code[:1].isalpha():
        if project.industry_id and code[0] != project.industry.code:
            raise DomainError(
                _("The class's letter is not the project's industry section."),
                field="industry_class",
            )
        code = code[1:]
    project.industry_class = code
    if not code:
        return
    section = section_of_class(code)
    if section is None:
        raise DomainError(
            _("Give a GB/T 4754 division, group or class of 2 to 4 digits (e.g. 27 or 2710)."),
            field="industry_class",
        )
    if project.industry_id is None:
        raise DomainError(
            _("Choose the industry section of class %(code)s (%(section)s) as well.")
            % {"code": code, "section": section},
            field="industry",
        )
    if project.industry.code != section:
        raise DomainError(
            _("Class %(code)s belongs to section %(section)s, not to the project's industry.")
            % {"code": code, "section": section},
            field="industry_class",
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
    elif project.pk and project.domestic_arrivals.exists():
        raise DomainError(
            _(
                "Domestic capital from outside the province has arrived for this project: "
                "it stays domestic."
            ),
            field="capital_source",
        )
    elif project.enterprise_type == EnterpriseType.DOMESTIC:
        raise DomainError(
            _("A foreign-invested project cannot have the enterprise type 'domestic'."),
            field="enterprise_type",
        )
    _check_industry_class(project)
    project.unified_credit_code = check_credit_code(project.unified_credit_code)
    if (
        project.unified_credit_code
        and Project.objects.filter(unified_credit_code=project.unified_credit_code)
        .exclude(pk=project.pk)
        .exists()
    ):
        raise DomainError(
            _("Another project already has this unified social credit code."),
            field="unified_credit_code",
        )
    for field in ("total_investment_cny_10k", "contracted_fdi_usd_10k"):
        if (getattr(project, field) or 0) < 0:
            raise DomainError(_("Amounts cannot be negative."), field=field)
        check_amount(
            getattr(project, field), field=field, model_field=Project._meta.get_field(field)
        )
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
    project = _new_project(user=user, data=data, intent_date=intent_date)
    _save(project, user=user)
    if tags:
        project._change_reason = ""
        project.tags.set(tags)
    return project


def _new_project(
    *, user, data: dict, intent_date: dt.date | None, region_ids: frozenset | None = None
) -> Project:
    """project_create's checks and the unsaved project; raises DomainError. `region_ids`: the
    regions the user may create projects in, when the caller read them once for many rows."""
    intent_date = intent_date or _today()
    check_real_date(intent_date, field="intent_date")
    region = data.get("region")
    if region is None:
        raise DomainError(_("Choose the region."), field="region")
    _check_region(region)
    if region_ids is None:
        allowed = regions_for_new_projects(user).filter(pk=region.pk).exists()
    else:
        allowed = region.pk in region_ids
    if not allowed:
        raise DomainError(_("You may not create projects in this region."), field="region")
    for field in STAGE_DATE_FIELDS[1:]:
        if data.get(field):
            raise DomainError(
                _("A new project starts at the intent stage; later stages are moves."),
                field=field,
            )
    project = Project(
        stage=workflow.FIRST,
        intent_date=intent_date,
        last_activity_on=intent_date,
        created_by=user,
    )
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(project, field, data[field])
    _sync_base_columns(project)
    _validate(project)
    _check_plausible(project, changed=None)
    return project


@transaction.atomic
def project_update(
    *,
    user,
    project: Project,
    data: dict,
    tags=None,
    reason: str = "",
    check_plausible: bool = True,
) -> Project:
    """Change the editable fields given in `data`, and correct the dates of stages the
    project has reached (`intent_date` … `operation_date`, each with the rules of a move: not
    in the future, not before the stage before, not after the stage after; a reason is
    required, and the stage log records the new date). Saves only what changed, with
    `reason` on the history row. Figures that rarely hold need a reason
    (`_check_plausible`) unless `check_plausible` is off (an investor merge moving records).
    Raises DomainError naming the field."""
    _require_edit(user, project)
    project = _lock(project)
    if "region" in data and data["region"] != project.region:
        _check_region(data["region"])
        if not regions_for_new_projects(user).filter(pk=data["region"].pk).exists():
            raise DomainError(_("You may not move projects to this region."), field="region")
    changed = []
    for field in EDITABLE_FIELDS:
        if field in data and getattr(project, field) != data[field]:
            setattr(project, field, data[field])
            changed.append(field)
    redated = _redate_stages(project, data, reason)
    _validate(project)
    if check_plausible:
        _check_plausible(project, changed=set(changed))
    changed += redated
    if changed:
        if {"name_zh_hans", "description_zh_hans"} & set(changed):
            _sync_base_columns(project)
            changed += ["name", "description"]
        # The introducer FKs may have been cleared by _validate.
        changed += ["introducer_user", "introducer_agent", "introducer_enterprise"]
        if redated:
            project.last_activity_on = last_activity_date(project)
            changed.append("last_activity_on")
        _save(project, user=user, reason=reason, fields=sorted(set(changed)))
        for field in redated:
            StageMove.objects.create(
                project=project,
                kind=MoveKind.REDATE,
                from_stage=_stage_of(field),
                to_stage=_stage_of(field),
                date=getattr(project, field),
                note=reason,
                moved_by=user,
            )
        if CLASSIFYING_FIELDS & set(changed):
            _copy_classification(project, user=user, reason=reason)
    if tags is not None and set(project.tags.all()) != set(tags):
        project._history_user = user
        project.tags.set(tags)
        _save(project, user=user, reason=reason, fields=[])
    return project


def _stage_of(date_field: str) -> str:
    return next(s.code for s in workflow.STAGES if s.date_field == date_field)


def _redate_stages(project: Project, data: dict, reason: str) -> list[str]:
    """Apply corrected stage dates from `data` to `project` (unsaved); returns the fields
    that changed. The same rules as a move, checked against the corrected neighbours."""
    wanted = {f: data[f] for f in STAGE_DATE_FIELDS if f in data and data[f] != getattr(project, f)}
    if not wanted:
        return []
    for field, date in wanted.items():
        if getattr(project, field) is None:
            raise DomainError(
                _("The project has not reached this stage; move it there instead."), field=field
            )
        if date is None:
            raise DomainError(
                _(
                    "A stage the project reached keeps its date; to undo the stage, correct "
                    "the stage back."
                ),
                field=field,
            )
        check_real_date(date, field=field)
    if not (reason or "").strip():
        raise DomainError(_("Correcting a stage date needs a reason."), field="reason")
    for field, date in wanted.items():
        setattr(project, field, date)
    held = [(f, getattr(project, f)) for f in STAGE_DATE_FIELDS if getattr(project, f)]
    for (before_field, before), (field, date) in itertools.pairwise(held):
        if date < before:
            at_fault = field if field in wanted else before_field
            raise DomainError(
                _(
                    "Stage dates must follow the stages: %(later)s (%(date)s) cannot be before "
                    "%(earlier)s (%(before)s)."
                )
                % {
                    "later": workflow.BY_CODE[_stage_of(field)].label,
                    "date": date_text(date),
                    "earlier": workflow.BY_CODE[_stage_of(before_field)].label,
                    "before": date_text(before),
                },
                field=at_fault,
            )
    return list(wanted)


def _copy_classification(project: Project, *, user, reason: str = "") -> None:
    """Carry the project's classification onto its capital arrivals (foreign and domestic),
    with a history row per arrival changed (never a bare queryset update on a tracked
    model)."""
    values = arrival_classification(project)
    for model in (CapitalArrival, DomesticArrival):
        arrivals = list(model.objects.select_for_update().filter(project=project))
        changed = []
        for arrival in arrivals:
            if any(getattr(arrival, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(arrival, k, v)
                changed.append(arrival)
        if changed:
            bulk_update_with_history(
                changed,
                model,
                list(values),
                default_user=user,
                default_change_reason=reason or _("The project's classification changed."),
            )
            bump_counts_version()


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
        return _correct(user, project, to, note, evidence)
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
    _check_advance(project, to, date)
    move = StageMove(
        project=project,
        kind=MoveKind.ADVANCE,
        from_stage=project.stage,
        to_stage=to,
        date=date,
        note=note,
        moved_by=user,
    )
    _attach_evidence(move, evidence)
    move.save()
    _move_forward(project, to, date)
    _save(
        project,
        user=user,
        reason=note,
        fields=["stage", workflow.date_field(to), "last_activity_on"],
    )
    return move


def _check_advance(project: Project, to: str, date: dt.date | None) -> None:
    """The checks of a forward move into `to` on `date` (the date's bounds and order, the
    gates of `to`); raises DomainError."""
    if date is None:
        raise DomainError(_("Give the date the stage was reached."), field="date")
    check_real_date(date, field="date")
    previous_date = project.stage_date()
    if previous_date and date < previous_date:
        raise DomainError(
            _("The date cannot be before the previous stage's date (%(date)s).")
            % {"date": date_text(previous_date)},
            field="date",
        )
    failures = workflow.gate_failures(project, to, entering=True)
    if failures:
        field, message = failures[0]
        raise DomainError(message, field=field)


def _move_forward(project: Project, to: str, date: dt.date) -> None:
    """The project's fields after a forward move (unsaved): the stage, its date, the clock."""
    project.stage = to
    setattr(project, workflow.date_field(to), date)
    project.last_activity_on = last_activity_date(project)


# The stages a batch reaches: a move into groundbreaking needs a liaison assignment in force
# (liaison/, an app above this one, writes it), so such rows are written one by one.
BATCH_STAGES = tuple(workflow.STAGE_CODES[: workflow.index_of("groundbreaking")])


@transaction.atomic
def project_create_batch(*, user, rows: list[dict], reason: str, write: bool = True) -> list:
    """Many new projects with their forward moves, as `project_create` then
    `project_transition` per move would write them, in a few statements (a spreadsheet
    import of thousands of records).

    Each row is `{"data": {...}, "intent_date": date, "moves": [(stage, date), ...]}` (the
    moves in order, none into groundbreaking or later: BATCH_STAGES). Every row gets the same
    checks as on the one-by-one path — the user's right, the region's scope (read once), the
    bounds and rules of `_validate`, each move's date and gates — and returns, in order, the
    saved Project or the DomainError / PermissionDenied that refused it (nothing of a refused
    row is written). A refused move's "date" is its stage's date column (`<stage>_date`).
    Written: the projects, their stage moves (`note` = `reason`, by `user`) and their history
    rows — "+" at creation, "~" per move, each with `user` and `reason`, holding the project
    as it was then. With `write=False` nothing is written (a dry run)."""
    if not can_create_projects(user):
        return [PermissionDenied(_("You may not create projects."))] * len(rows)
    # Who may create a project in a region may also move it (editable_projects: bureau and
    # admin every project, district staff their regions' — the same regions).
    region_ids = frozenset(regions_for_new_projects(user).values_list("pk", flat=True))
    # Read once: each access to `Project.history` builds a manager class.
    History = Project.history.model
    tracked = [f.attname for f in History.tracked_fields]
    credit_codes: set[str] = set()
    results, projects, moves, states = [], [], [], []
    for row in rows:
        try:
            project = _new_project(
                user=user, data=row["data"], intent_date=row["intent_date"], region_ids=region_ids
            )
            if project.unified_credit_code in credit_codes:
                raise DomainError(
                    _("Another project already has this unified social credit code."),
                    field="unified_credit_code",
                )
            snapshots = [_history_fields(project, tracked)]
            project_moves = []
            for to, date in row["moves"]:
                if to not in BATCH_STAGES or to != project.next_stage:
                    raise DomainError(_("Unknown stage."), field="to")
                try:
                    _check_advance(project, to, date)
                except DomainError as exc:
                    if exc.field in ("date", "to"):
                        exc.field = workflow.date_field(to)
                    raise
                project_moves.append(
                    StageMove(
                        project=project,
                        kind=MoveKind.ADVANCE,
                        from_stage=project.stage,
                        to_stage=to,
                        date=date,
                        note=reason,
                        moved_by=user,
                    )
                )
                _move_forward(project, to, date)
                snapshots.append(_history_fields(project, tracked))
        except DomainError as exc:
            results.append(exc)
            continue
        if project.unified_credit_code:
            credit_codes.add(project.unified_credit_code)
        results.append(project)
        projects.append(project)
        moves += project_moves
        states.append((project, snapshots))
    if not write or not projects:
        return results
    Project.objects.bulk_create(projects)
    StageMove.objects.bulk_create(moves)
    now = timezone.now()
    history = []
    for project, snapshots in states:
        for i, fields in enumerate(snapshots):
            fields["id"] = project.pk
            # created_at is set by the insert; the snapshots were taken before it.
            fields["created_at"] = project.created_at
            history.append(
                History(
                    history_date=now + dt.timedelta(microseconds=i),
                    history_user=user,
                    history_change_reason=reason,
                    history_type="+" if i == 0 else "~",
                    **fields,
                )
            )
    History.objects.bulk_create(history)
    bump_counts_version()  # bulk inserts send no save signals (projects/counts.py)
    return results


def _history_fields(project: Project, tracked: list[str]) -> dict:
    """The fields a history row keeps (`tracked`), as the project holds them now."""
    return {name: getattr(project, name) for name in tracked}


def _attach_evidence(move: StageMove, evidence) -> None:
    """Check an evidence upload by its content and attach it to the (unsaved) move."""
    if evidence:
        _content_type, ext = validate_evidence(evidence)
        move.evidence_name = evidence.name[:200]
        move.evidence.save(f"evidence{ext}", evidence, save=False)


def _correct(user, project, to, reason, evidence=None) -> StageMove:
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator can move a stage back."))
    if not (reason or "").strip():
        raise DomainError(_("A correction needs a reason."), field="note")
    from_stage = project.stage
    move = StageMove(
        project=project,
        kind=MoveKind.CORRECTION,
        from_stage=from_stage,
        to_stage=to,
        date=None,
        note=reason,
        moved_by=user,
    )
    _attach_evidence(move, evidence)
    move.save()
    # The undone stage's date goes: the project never reached it (statistics follow), and
    # the stalled clock falls back to the latest date still standing, never forward.
    setattr(project, workflow.date_field(from_stage), None)
    project.stage = to
    project.last_activity_on = last_activity_date(project)
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
    _save(project, user=user, reason=note, fields=["status", "status_reason"])
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
    check_real_date(date, field="date")
    check_planned_date(next_follow_up, field="next_follow_up")
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
    latest = last_activity_date(project)
    if latest != project.last_activity_on:
        project.last_activity_on = latest
        # The stalled clock is derived and kept out of the project's history.
        project.skip_history_when_saving = True
        project.save(update_fields=["last_activity_on"])
        del project.skip_history_when_saving
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
    record's own rate. The project's row (and its investor's) is locked first, so the
    classification copied onto the arrival is the one committed, never one an edit running
    at the same moment is replacing. Raises DomainError naming the field."""
    _require_edit(user, project)
    project = _lock(project)
    if project.investor_id:
        project.investor = Investor.objects.select_for_update().get(pk=project.investor_id)
    if not project.is_foreign_invested:
        raise DomainError(
            _("Capital arrivals are recorded only for foreign or Hong Kong/Macao/Taiwan projects."),
            field="project",
        )
    currency = (currency or "").strip().upper()
    if currency not in CURRENCIES:
        raise DomainError(
            _("Use a current ISO 4217 currency code such as USD, EUR or HKD."), field="currency"
        )
    check_real_date(date, field="date")
    if amount is None or amount <= 0:
        raise DomainError(_("The amount must be positive."), field="amount")
    check_amount(amount, field="amount", model_field=CapitalArrival._meta.get_field("amount"))
    check_rate(usd_rate, field="usd_rate", model_field=CapitalArrival._meta.get_field("usd_rate"))
    if currency == "USD":
        if usd_rate is None:
            usd_rate = Decimal("1")
        elif usd_rate != 1:
            raise DomainError(
                _("The rate of USD to USD is 1: give 1 or leave it empty."), field="usd_rate"
            )
    elif usd_rate is None or usd_rate <= 0:
        raise DomainError(
            _("Give the rate to USD (positive) for a currency other than USD."), field="usd_rate"
        )
    amount_usd_10k = usd_10k(amount, usd_rate)
    if amount_usd_10k >= MAX_AMOUNT_10K:
        raise DomainError(
            _("The amount in US dollars is implausibly large: check the amount and the rate."),
            field="usd_rate" if currency != "USD" else "amount",
        )
    if amount_usd_10k == 0:
        raise DomainError(
            _("The amount is less than 0.01 (10k USD) once converted: too small to record."),
            field="amount",
        )
    arrival = CapitalArrival(
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
    arrival._history_user = user
    arrival.save()
    return arrival


@transaction.atomic
def capital_arrival_correct(
    *, user, arrival: CapitalArrival, amount: Decimal, date: dt.date | None = None, reason: str
) -> CapitalArrival:
    """Correct an arrival's amount (in its own currency, converted again at its own rate) and
    date, e.g. to the official list's figure; the reason is required and kept in the
    arrival's history. Raises DomainError naming the field."""
    _require_edit(user, arrival.project)
    if not (reason or "").strip():
        raise DomainError(_("A correction needs a reason."), field="reason")
    arrival = CapitalArrival.objects.select_for_update().get(pk=arrival.pk)
    if amount is None or amount <= 0:
        raise DomainError(_("The amount must be positive."), field="amount")
    check_amount(amount, field="amount", model_field=CapitalArrival._meta.get_field("amount"))
    date = date or arrival.date
    check_real_date(date, field="date")
    amount_usd_10k = usd_10k(amount, arrival.usd_rate)
    if amount_usd_10k == 0 or amount_usd_10k >= MAX_AMOUNT_10K:
        raise DomainError(_("The amount in US dollars is out of range."), field="amount")
    arrival.amount, arrival.date, arrival.amount_usd_10k = amount, date, amount_usd_10k
    arrival._history_user = user
    arrival._change_reason = reason.strip()
    arrival.save(update_fields=["amount", "date", "amount_usd_10k"])
    return arrival


@transaction.atomic
def capital_arrival_delete(*, user, arrival: CapitalArrival, reason: str) -> None:
    """Delete a capital arrival entered in error; the reason is required and the deletion
    stays in the arrival's history (who, when, why, what it held)."""
    _require_edit(user, arrival.project)
    if not (reason or "").strip():
        raise DomainError(_("Deleting a capital arrival needs a reason."), field="reason")
    arrival = CapitalArrival.objects.select_for_update().get(pk=arrival.pk)
    arrival._history_user = user
    arrival._change_reason = reason.strip()
    arrival.delete()


@transaction.atomic
def domestic_arrival_create(
    *,
    user,
    project: Project,
    date: dt.date,
    amount_cny_10k: Decimal,
    source_province: str,
) -> DomesticArrival:
    """Record domestic capital from outside the province arrived (10k CNY) for a domestic
    project. The project's row is locked first, so the classification copied onto the
    arrival is the one committed. Raises DomainError naming the field."""
    _require_edit(user, project)
    project = _lock(project)
    if project.capital_source != SourceGroup.DOMESTIC:
        raise DomainError(
            _("Domestic capital arrivals are recorded only for domestic projects."),
            field="project",
        )
    if source_province not in Province.values:
        raise DomainError(_("Choose the province the capital comes from."), field="source_province")
    if source_province == settings.STATS_HOME_PROVINCE:
        raise DomainError(
            _("Capital from within the province is not counted: choose another province."),
            field="source_province",
        )
    check_real_date(date, field="date")
    if amount_cny_10k is None or amount_cny_10k <= 0:
        raise DomainError(_("The amount must be positive."), field="amount_cny_10k")
    check_amount(
        amount_cny_10k,
        field="amount_cny_10k",
        model_field=DomesticArrival._meta.get_field("amount_cny_10k"),
    )
    arrival = DomesticArrival(
        project=project,
        date=date,
        amount_cny_10k=amount_cny_10k,
        source_province=source_province,
        recorded_by=user,
        **arrival_classification(project),
    )
    arrival._history_user = user
    arrival.save()
    return arrival


@transaction.atomic
def domestic_arrival_delete(*, user, arrival: DomesticArrival, reason: str) -> None:
    """Delete a domestic capital arrival entered in error; the reason is required and the
    deletion stays in the arrival's history."""
    _require_edit(user, arrival.project)
    if not (reason or "").strip():
        raise DomainError(_("Deleting a capital arrival needs a reason."), field="reason")
    arrival = DomesticArrival.objects.select_for_update().get(pk=arrival.pk)
    arrival._history_user = user
    arrival._change_reason = reason.strip()
    arrival.delete()


@transaction.atomic
def target_set(*, user, region, year: int, **values) -> RegionTarget:
    """Create or change a region's targets for a year (bureau or admin)."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator set targets."))
    _check_region(region)
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    for field, value in values.items():
        if value is not None and value < 0:
            raise DomainError(_("Targets cannot be negative."), field=field)
        if value is not None:
            check_amount(value, field=field, model_field=RegionTarget._meta.get_field(field))
    target, _created = RegionTarget.objects.get_or_create(region=region, year=year)
    changed = [f for f, v in values.items() if v is not None and getattr(target, f) != v]
    for f in changed:
        setattr(target, f, values[f])
    if changed:
        target.save(update_fields=changed)
    return target


TARGET_FIELDS = (
    "negotiated",
    "approved",
    "started",
    "utilized_fdi_usd_10k",
    "contracted_fdi_usd_10k",
)


@transaction.atomic
def targets_copy(*, user, from_year: int, to_year: int) -> list[RegionTarget]:
    """Give every region without targets for `to_year` the targets it had in `from_year`
    (bureau or admin): the start of a new year, before the new targets are decided. Targets
    already set for `to_year` are left as they are. Returns the targets created."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator set targets."))
    if not 2000 <= to_year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    source = list(RegionTarget.objects.filter(year=from_year).select_related("region"))
    if not source:
        raise DomainError(
            _("There are no targets for %(year)s to copy.") % {"year": from_year}, field="year"
        )
    have = set(RegionTarget.objects.filter(year=to_year).values_list("region_id", flat=True))
    created = [
        RegionTarget(
            region_id=t.region_id, year=to_year, **{f: getattr(t, f) for f in TARGET_FIELDS}
        )
        for t in source
        if t.region_id not in have
    ]
    RegionTarget.objects.bulk_create(created)
    bump_counts_version()
    return created


@transaction.atomic
def check_record(
    *, user, project: Project, checked_on: dt.date, result: str, finding: str
) -> ProjectCheck:
    """Record a bureau verification of a project (bureau or admin; the project must be in the
    user's scope, which for them is every project). A false finding needs what was found."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator record verifications."))
    if not Project.objects.for_user(user).filter(pk=project.pk).exists():
        raise PermissionDenied(_("You may not change this project."))
    if result not in CheckResult.values:
        raise DomainError(_("Choose a result."), field="result")
    if checked_on is None:
        raise DomainError(_("Give the date of the check."), field="checked_on")
    check_real_date(checked_on, field="checked_on")
    if checked_on < project.intent_date:
        raise DomainError(
            _("A project cannot be checked before its intent date (%(date)s).")
            % {"date": date_text(project.intent_date)},
            field="checked_on",
        )
    finding = (finding or "").strip()
    if not finding:
        raise DomainError(_("Say what the check found."), field="finding")
    check = ProjectCheck.objects.create(
        project=project, checked_on=checked_on, result=result, finding=finding, checked_by=user
    )
    if check.counts:
        transaction.on_commit(lambda: _tell_the_district(check))
    return check


def _tell_the_district(check: ProjectCheck) -> None:
    """E-mail the district staff who answer for the project's region (its own, or the district
    over a zone) of a false finding, each in their own language, so that they correct it."""
    project = check.project
    staff = User.objects.filter(role=Role.DISTRICT, is_active=True).exclude(email="")
    people = [
        u for u in staff.select_related("region") if project.region_id in (user_region_ids(u) or ())
    ]

    def render():
        subject = _("Found falsely reported: %(project)s") % {"project": project}
        body = _(
            "The bureau's check of %(date)s found the project %(project)s falsely reported: "
            "%(finding)s\n\nCorrect the stage or the figures in the portal, or drop the "
            "project. A finding overturned on appeal is withdrawn by the bureau."
        ) % {"date": date_text(check.checked_on), "project": project, "finding": check.finding}
        return subject, body

    for _language, subject, body, emails in in_each_language(to_users(people), render):
        send_mail(subject, body, None, emails, fail_silently=True)


@transaction.atomic
def check_withdraw(*, user, check: ProjectCheck, reason: str) -> ProjectCheck:
    """Withdraw a finding later found wrong (on appeal, say): it stays on the project with the
    reason, and no longer counts."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator withdraw verifications."))
    check = ProjectCheck.objects.select_for_update().get(pk=check.pk)
    if check.is_withdrawn:
        raise DomainError(_("This finding is already withdrawn."), field="reason")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Withdrawing a finding needs a reason."), field="reason")
    check.mark_withdrawn(user=user, reason=reason)
    return check
