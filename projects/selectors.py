"""Reads of the pipeline, scoped to the user. Scoping lives here once: the list page, board,
detail, export, history, evidence files and the API all go through `scope_projects`."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from config.i18n import list_join
from config.numbers import percent
from reference.models import Region, RegionKind
from reference.selectors import region_descendant_ids

from . import hooks, workflow
from .models import (
    CapitalArrival,
    CheckResult,
    DomesticArrival,
    Project,
    ProjectCheck,
    RegionTarget,
    Status,
)

FOREIGN_INVESTED = Q(capital_source__in=("foreign", "hmt"))


def user_region_ids(user) -> set[int] | None:
    """The regions a district user works on (their region and the zones under it); None for
    users who are not bound to a region."""
    if user.role == Role.DISTRICT and not user.is_superuser:
        return region_descendant_ids(user.region) if user.region_id else set()
    return None


def scope_projects(qs, user):
    """Projects the user may see: admin, bureau and the 110 office everything; district staff
    their regions; liaison staff the projects currently assigned to their unit."""
    if not user.is_authenticated:
        return qs.none()
    if user.sees_whole_city:
        return qs
    if user.role == Role.DISTRICT:
        return qs.filter(region_id__in=user_region_ids(user))
    if user.role == Role.LIAISON and user.liaison_unit_id:
        # Through the reverse relation (projects/ never imports liaison/): one assignment row
        # must be both in force and the unit's.
        in_force = workflow.assignment_in_force_q(prefix="liaison_assignments__") & Q(
            liaison_assignments__unit_id=user.liaison_unit_id
        )
        return qs.filter(pk__in=qs.model.objects.filter(in_force).values("pk"))
    return qs.none()


def editable_projects(qs, user):
    """Projects the user may change: bureau and admin all, district staff their regions',
    industry-office staff those linked to their office's chains (`hooks.office_editable`)."""
    if not user.is_authenticated:
        return qs.none()
    if user.is_bureau_or_admin:
        return qs
    if user.role == Role.DISTRICT:
        return qs.filter(region_id__in=user_region_ids(user))
    if user.role == Role.CHAIN_OFFICE:
        where = hooks.office_editable(user)
        return qs.filter(where) if where is not None else qs.none()
    return qs.none()


def targets_for_user(user):
    """Region targets a user may read: district staff their regions', the whole-city roles
    all of them, liaison staff none."""
    qs = RegionTarget.objects.select_related("region")
    ids = user_region_ids(user)
    if ids is not None:
        return qs.filter(region_id__in=ids)
    return qs if user.sees_whole_city else qs.none()


def can_create_projects(user) -> bool:
    return user.is_authenticated and (user.is_bureau_or_admin or user.role == Role.DISTRICT)


def regions_for_new_projects(user):
    """Regions a user may create projects in."""
    places = Region.objects.exclude(kind=RegionKind.CITY)
    if user.is_bureau_or_admin:
        return places
    if user.role == Role.DISTRICT:
        return places.filter(pk__in=user_region_ids(user))
    return Region.objects.none()


def project_get(user, pk) -> Project:
    """One project in the user's scope, or Project.DoesNotExist (views answer 404)."""
    return (
        Project.objects.for_user(user)
        .select_related(
            "region",
            "investor",
            "industry",
            "introducer_user",
            "introducer_agent",
            "introducer_enterprise",
            "source_activity",
            "created_by",
        )
        .prefetch_related("tags")
        .get(pk=pk)
    )


SORTS = {
    "updated": ("-updated_at", "-id"),
    "-updated": ("updated_at", "id"),
    "name": ("name_zh_hans", "id"),
    "-name": ("-name_zh_hans", "-id"),
    "investment": ("total_investment_cny_10k", "id"),
    "-investment": ("-total_investment_cny_10k", "-id"),
    "fdi": ("contracted_fdi_usd_10k", "id"),
    "-fdi": ("-contracted_fdi_usd_10k", "-id"),
    "intent": ("intent_date", "id"),
    "-intent": ("-intent_date", "-id"),
    "stage": ("stage", "id"),
}


def project_history(project) -> list[dict]:
    """Every recorded change of a project, newest first: who, when, reason and, per field,
    the old and new value as a person reads them (choice labels, related names). One query
    for the records; diffs are computed between neighbours; related names are looked up once
    per field."""
    records = list(
        project.history.select_related("history_user").order_by("history_date", "history_id")
    )
    display = _HistoryDisplay()
    entries = []
    previous = None
    for record in records:
        if previous is None:
            changes = [{"field": "created", "old": None, "new": record.name}]
        else:
            # The base name/description columns mirror the Chinese text: not a change of
            # their own.
            delta = record.diff_against(previous, excluded_fields=["name", "description"])
            changes = [
                {
                    "field": c.field,
                    "old": display(c.field, c.old),
                    "new": display(c.field, c.new),
                }
                for c in delta.changes
            ]
        if changes:
            entries.append(
                {
                    "id": record.history_id,
                    "at": record.history_date,
                    "user": record.history_user,
                    "reason": record.history_change_reason or "",
                    "changes": changes,
                }
            )
        previous = record
    entries.reverse()
    return entries


def arrival_history(project, limit: int = 50):
    """The recorded, changed and deleted capital arrivals of a project, newest first: who,
    when, what the arrival held, and the reason (a deletion's). Deleted arrivals stay here."""
    return list(
        CapitalArrival.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


def domestic_arrival_history(project, limit: int = 50):
    """The recorded, changed and deleted domestic capital arrivals of a project, newest
    first, as `arrival_history`."""
    return list(
        DomesticArrival.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )


class _HistoryDisplay:
    """Turns raw history values into what a person reads, caching related-name lookups."""

    def __init__(self):
        self._names: dict[tuple[str, object], str] = {}

    def __call__(self, field_name: str, value):
        if value is None or value == "":
            return None
        field = Project._meta.get_field(field_name)
        if field.many_to_many:
            ids = [row.get(field.m2m_reverse_field_name()) for row in value]
            return sorted(self._name(field.related_model, pk) for pk in ids)
        if field.is_relation:
            return self._name(field.related_model, value)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool | int | str):
            return value
        return str(value)

    def _name(self, model, pk) -> str:
        key = (model._meta.label, pk)
        if key not in self._names:
            obj = model._default_manager.filter(pk=pk).first()
            text = (str(obj) or getattr(obj, "name_zh_hans", "")) if obj is not None else ""
            self._names[key] = text or f"#{pk}"
        return self._names[key]


# ---- dashboard ----------------------------------------------------------------------------


def _number(value):
    """A rounded percentage as a JSON number (the API's funnel is numbers, not strings)."""
    return None if value is None else float(value)


def funnel(
    projects, year: int | None = None, *, start: dt.date | None = None, end: dt.date | None = None
) -> list[dict]:
    """The pipeline as one cohort: of the projects (a queryset already scoped to the user)
    that entered intent in `year` — or between `start` and `end`, both included — how many
    have reached each later stage by now (the stage's date is held; a correction that undid
    it clears it). Each row: `stage`, `label`, `count`, `width` (bar, % of the cohort),
    `share` (% of the cohort) and `conversion` (% of the stage before). Every count is a
    subset of the one before, so no ratio exceeds 100. The dashboard, the statistics page
    and `GET /api/v1/projects/funnel/` all call this. One query."""
    return funnel_rows(funnel_counts(projects, year, start=start, end=end))


def funnel_counts(
    projects, year: int | None = None, *, start: dt.date | None = None, end: dt.date | None = None
) -> dict[str, int]:
    """The funnel's counts alone, per stage code (what the dashboard caches). One query."""
    if year is not None:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if start is None or end is None:
        raise ValueError("funnel() needs a year or a start and an end")
    cohort = projects.order_by().filter(intent_date__gte=start, intent_date__lte=end)
    return cohort.aggregate(
        **{
            s.code: Count("pk", filter=Q(**{f"{s.date_field}__isnull": False}))
            for s in workflow.STAGES
        }
    )


def funnel_rows(aggregates: dict[str, int]) -> list[dict]:
    """The funnel's rows from its counts (labels in the active language)."""
    rows, before = [], None
    entered = aggregates[workflow.FIRST]
    for s in workflow.STAGES:
        n = aggregates[s.code]
        rows.append(
            {
                "stage": s.code,
                "label": s.label,
                "count": n,
                "width": int(percent(n, entered, 0) or 0),
                "share": _number(percent(n, entered)),
                "conversion": _number(percent(n, before)),
            }
        )
        before = n
    return rows


@dataclass
class Achieved:
    """What a set of projects achieved in a year against the five target measures."""

    negotiated: int = 0
    approved: int = 0
    started: int = 0
    utilized_fdi_usd_10k: Decimal = Decimal("0")
    contracted_fdi_usd_10k: Decimal = Decimal("0")

    def __add__(self, other: "Achieved") -> "Achieved":
        return Achieved(
            self.negotiated + other.negotiated,
            self.approved + other.approved,
            self.started + other.started,
            self.utilized_fdi_usd_10k + other.utilized_fdi_usd_10k,
            self.contracted_fdi_usd_10k + other.contracted_fdi_usd_10k,
        )


@dataclass
class TargetProgress:
    """One row of the targets table. `region` None is the total of the rows above it."""

    region: Region | None
    target: RegionTarget | None
    negotiated: int
    approved: int
    started: int
    utilized_fdi_usd_10k: Decimal
    contracted_fdi_usd_10k: Decimal
    # For a region with development zones under it: the region and its zones together, a
    # separate figure beside the region's own row (which counts its own projects only).
    with_zones: Achieved | None = None
    zone_count: int = 0

    def pct(self, achieved, goal):
        """Achieved as a share of the goal, to one decimal, uncapped (126.0 is over the
        target); None without a goal."""
        return percent(achieved, goal)

    @property
    def cells(self) -> list[dict]:
        """Each measure as the page shows it: achieved, goal, the percentage of the goal
        (uncapped), the bar's width (capped at 100) and whether the goal is exceeded."""
        out = []
        for key, achieved, goal in self.rows:
            pct = self.pct(achieved, goal)
            out.append(
                {
                    "key": key,
                    "achieved": achieved,
                    "goal": goal,
                    "pct": pct,
                    "bar": min(Decimal(100), pct) if pct is not None else None,
                    "over": pct is not None and pct > 100,
                }
            )
        return out

    @property
    def rows(self):
        t = self.target
        return [
            ("negotiated", self.negotiated, t.negotiated if t else None),
            ("approved", self.approved, t.approved if t else None),
            ("started", self.started, t.started if t else None),
            (
                "utilized_fdi_usd_10k",
                self.utilized_fdi_usd_10k,
                t.utilized_fdi_usd_10k if t else None,
            ),
            (
                "contracted_fdi_usd_10k",
                self.contracted_fdi_usd_10k,
                t.contracted_fdi_usd_10k if t else None,
            ),
        ]


def missing_targets(progress: list[TargetProgress]) -> list[dict]:
    """The regions of a targets table that the year-end appraisal cannot score against a
    target, and for which measures: a region without targets for the year (its projects are
    counted against the defaults 4 / 2 / 1, and it has no foreign-capital targets), and a
    foreign-capital target left at 0. The appraisal treats a missing target as missing data
    (the indicator's weight goes to the region's other indicators), so the targets page says
    so before the appraisal is run. Labels in the active language."""
    labels = {
        "utilized_fdi_usd_10k": _("utilized foreign capital"),
        "contracted_fdi_usd_10k": _("contracted foreign capital"),
    }
    out = []
    for row in progress:
        if row.region is None:
            continue
        t = row.target
        measures = [label for key, label in labels.items() if not t or not getattr(t, key)]
        if measures:
            out.append({"region": row.region, "no_row": t is None, "measures": list_join(measures)})
    return out


def achievement_filters(year: int) -> dict[str, Q]:
    """Which projects count towards each target measure of a year: negotiated (intent date in
    the year), FIEs approved and FIEs started in the year, and the FIEs contracted in the year
    (whose contracted foreign capital counts). Shared by the targets table and the year-end
    appraisal (which lists the projects behind each figure)."""
    return {
        "negotiated": Q(intent_date__year=year),
        "approved": Q(approval_date__year=year) & FOREIGN_INVESTED,
        "started": Q(groundbreaking_date__year=year) & FOREIGN_INVESTED,
        "contracted": Q(contract_date__year=year) & FOREIGN_INVESTED,
    }


# The date each target measure counts by: a project counts once per measure, when that date
# falls in the year (and, for approvals and starts, it is foreign-invested).
ACHIEVEMENT_DATES = {
    "negotiated": "intent_date",
    "approved": "approval_date",
    "started": "groundbreaking_date",
}


def _achieved_by_region(projects, arrivals, year: int) -> dict[int, Achieved]:
    """Achievements of a year per region: projects negotiated (intent date in the year), FIEs
    approved and started in the year, capital arrived in the year, contracted foreign capital
    of the FIEs contracted in the year.

    Each measure reads only the projects with its own date in the year, from an index on that
    date holding the region and the capital source (and, for contracts, the contracted
    foreign capital): an index-only scan each, no table rows. The four are one query (UNION
    ALL of one grouped count or sum per measure), added up per region here. Each count counts
    the measure's date, which the filter makes non-null: the number of projects."""
    filters = achievement_filters(year)
    zero = Decimal("0")

    def columns(measure):
        """The branch's columns, the same in every branch: its own count or sum, zeros."""
        out = {}
        for m, date_field in ACHIEVEMENT_DATES.items():
            out[m] = Count(date_field) if m == measure else Value(0)
        out["contracted"] = (
            Sum("contracted_fdi_usd_10k")
            if measure == "contracted"
            else Value(zero, output_field=DecimalField())
        )
        return out

    branches = [
        projects.filter(filters[measure])
        .order_by()
        .values("region_id")
        .annotate(**columns(measure))
        for measure in [*ACHIEVEMENT_DATES, "contracted"]
    ]
    counts: dict[int, dict] = {}
    for row in branches[0].union(*branches[1:], all=True):
        into = counts.setdefault(row["region_id"], {**dict.fromkeys(ACHIEVEMENT_DATES, 0)})
        for m in ACHIEVEMENT_DATES:
            into[m] += row[m]
        into["contracted"] = into.get("contracted", zero) + (row["contracted"] or zero)
    fdi = dict(
        arrivals.filter(date__year=year)
        .order_by()
        .values("project__region_id")
        .annotate(total=Sum("amount_usd_10k"))
        .values_list("project__region_id", "total")
    )
    return {
        rid: Achieved(
            c.get("negotiated", 0),
            c.get("approved", 0),
            c.get("started", 0),
            fdi.get(rid) or zero,
            c.get("contracted", zero),
        )
        for rid in counts.keys() | fdi.keys()
        for c in [counts.get(rid, {})]
    }


def _tree_order(regions: list[Region]) -> list[Region]:
    """Regions in their order, each followed by the regions under it (a district, then its
    zones)."""
    ids = {r.pk for r in regions}
    kids: dict[int | None, list[Region]] = {}
    for r in regions:
        kids.setdefault(r.parent_id if r.parent_id in ids else None, []).append(r)
    ordered: list[Region] = []

    def walk(parent_id):
        for r in kids.get(parent_id, []):
            ordered.append(r)
            walk(r.pk)

    walk(None)
    return ordered


def achieved_by_region(projects, arrivals, year: int) -> dict[int, Achieved]:
    """The target measures achieved in `year` per region by the given projects and capital
    arrivals (querysets the caller has narrowed, e.g. to a chain's projects)."""
    return _achieved_by_region(projects, arrivals, year)


def targets_exist(year: int) -> bool:
    """Whether any region has targets for `year` (a new year has none until they are set)."""
    return RegionTarget.objects.filter(year=year).exists()


def target_progress(user, year: int, counts=None) -> list[TargetProgress]:
    """Achievements against each in-scope region's targets for `year`, then a total row.
    A region's row counts its own projects only (DESIGN.md: a region's own figures); a region
    with development zones under it also carries `with_zones`, the region and its zones
    together, labelled as such on the page. The total counts each project in scope once, so
    it is the sum of the region rows, never of a row and its zones again. A fixed number of
    queries whatever the number of regions."""
    region_ids = user_region_ids(user)
    if region_ids is None and not user.sees_whole_city:
        return []
    regions = Region.objects.exclude(kind=RegionKind.CITY).order_by("sort_order", "code")
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    regions = _tree_order(list(regions))
    ids = [r.pk for r in regions]
    scoped = Project.objects.filter(region_id__in=ids)
    arrivals = CapitalArrival.objects.filter(project__region_id__in=ids)
    if counts is None:
        by_region = _achieved_by_region(scoped, arrivals, year)
    else:  # the dashboard: cached per scope and year (projects/counts.py)
        by_region = counts.get(
            "achieved", lambda: _achieved_by_region(scoped, arrivals, year), year
        )
    targets = {t.region_id: t for t in RegionTarget.objects.filter(region_id__in=ids, year=year)}
    children: dict[int, list[int]] = {}
    for r in regions:
        if r.parent_id in ids:
            children.setdefault(r.parent_id, []).append(r.pk)

    def under(pk: int) -> list[int]:
        found = []
        for child in children.get(pk, []):
            found += [child, *under(child)]
        return found

    result = []
    for r in regions:
        own = by_region.get(r.pk, Achieved())
        zones = under(r.pk)
        with_zones = None
        if zones:
            with_zones = own
            for z in zones:
                with_zones = with_zones + by_region.get(z, Achieved())
        result.append(
            TargetProgress(
                region=r,
                target=targets.get(r.pk),
                negotiated=own.negotiated,
                approved=own.approved,
                started=own.started,
                utilized_fdi_usd_10k=own.utilized_fdi_usd_10k,
                contracted_fdi_usd_10k=own.contracted_fdi_usd_10k,
                with_zones=with_zones,
                zone_count=len(zones),
            )
        )
    if len(regions) > 1:
        # Each project has one region, so the total is the sum of the regions' own rows
        # (each project counted once), with no second pass over the table.
        total = sum((by_region.get(r.pk, Achieved()) for r in regions), Achieved())
        goal = None
        if targets:
            goal = RegionTarget(
                year=year,
                negotiated=sum(t.negotiated for t in targets.values()),
                approved=sum(t.approved for t in targets.values()),
                started=sum(t.started for t in targets.values()),
                utilized_fdi_usd_10k=sum(
                    (t.utilized_fdi_usd_10k for t in targets.values()), Decimal("0")
                ),
                contracted_fdi_usd_10k=sum(
                    (t.contracted_fdi_usd_10k for t in targets.values()), Decimal("0")
                ),
            )
        result.append(
            TargetProgress(
                region=None,
                target=goal,
                negotiated=total.negotiated,
                approved=total.approved,
                started=total.started,
                utilized_fdi_usd_10k=total.utilized_fdi_usd_10k,
                contracted_fdi_usd_10k=total.contracted_fdi_usd_10k,
            )
        )
    return result


def stalled_projects(projects, today: dt.date | None = None, limit: int = 20, counts=None):
    """Active projects short of operation with no stage move or logged activity for
    STALLED_YELLOW_DAYS (yellow) or STALLED_RED_DAYS (red), oldest first, and their total
    (cached per scope and day when `counts`, a projects.counts.PipelineCounts, is given)."""
    today = today or timezone.localdate()
    yellow = today - dt.timedelta(days=settings.STALLED_YELLOW_DAYS)
    red = today - dt.timedelta(days=settings.STALLED_RED_DAYS)
    qs = (
        projects.filter(status=Status.ACTIVE, last_activity_on__lte=yellow)
        .exclude(stage=workflow.LAST)
        .select_related("region")
        .order_by("last_activity_on", "id")
    )
    total = counts.get("stalled", qs.count, yellow) if counts is not None else qs.count()
    rows = []
    for p in qs[:limit]:
        p.stall_level = "red" if p.last_activity_on <= red else "yellow"
        p.stall_days = (today - p.last_activity_on).days
        rows.append(p)
    return rows, total


def recent_changes(projects, limit: int = 10):
    """The latest recorded changes of projects in scope."""
    history = Project.history.model
    return list(
        history.objects.filter(id__in=projects.values("id"))
        .select_related("history_user__region", "history_user__liaison_unit")
        .order_by("-history_date")[:limit]
    )


def standing_false_findings(user):
    """The bureau's false findings that stand (not withdrawn), newest first: every one for the
    bureau and administrators, those on their regions' projects for district staff, none for
    the roles that neither check nor correct projects (liaison staff, the 110 office). Reads
    the checks alone, not the projects table."""
    checks = ProjectCheck.objects.filter(
        result=CheckResult.FALSIFIED, withdrawn_at__isnull=True
    ).select_related("project")
    if user.is_bureau_or_admin:
        return checks.order_by("-checked_on", "-id")
    region_ids = user_region_ids(user)
    if region_ids is None:
        return checks.none()
    return checks.filter(project__region_id__in=region_ids).order_by("-checked_on", "-id")


def current_liaison_assignment(project):
    """The project's liaison assignment in force today (unit and person), or None."""
    return (
        project.liaison_assignments.filter(workflow.assignment_in_force_q())
        .select_related("unit", "person")
        .first()
    )
