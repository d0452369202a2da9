"""Reads of the pipeline, scoped to the user. Scoping lives here once: the list page, board,
detail, export, history, evidence files and the API all go through `scope_projects`."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts.models import Role
from liaison.selectors import assignments_in_force
from reference.models import Region
from reference.selectors import region_descendant_ids

from . import workflow
from .models import CapitalArrival, Project, RegionTarget, Status

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
        return qs.filter(
            pk__in=assignments_in_force().filter(unit_id=user.liaison_unit_id).values("project_id")
        )
    return qs.none()


def editable_projects(qs, user):
    """Projects the user may change: bureau and admin all, district staff their regions'."""
    if not user.is_authenticated:
        return qs.none()
    if user.is_bureau_or_admin:
        return qs
    if user.role == Role.DISTRICT:
        return qs.filter(region_id__in=user_region_ids(user))
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
    if user.is_bureau_or_admin:
        return Region.objects.all()
    if user.role == Role.DISTRICT:
        return Region.objects.filter(pk__in=user_region_ids(user))
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


def funnel(projects, year: int) -> list[dict]:
    """Projects reaching each stage in `year`, with the conversion from the stage before."""
    aggregates = projects.order_by().aggregate(
        **{
            s.code: Count("pk", filter=Q(**{f"{s.date_field}__year": year}))
            for s in workflow.STAGES
        }
    )
    rows, before = [], None
    top = max(aggregates.values()) or 1
    for s in workflow.STAGES:
        n = aggregates[s.code]
        rows.append(
            {
                "stage": s.code,
                "label": s.label,
                "count": n,
                "width": round(100 * n / top),
                "conversion": round(100 * n / before, 1) if before else None,
            }
        )
        before = n
    return rows


@dataclass
class TargetProgress:
    region: Region
    target: RegionTarget | None
    negotiated: int
    approved: int
    started: int
    utilized_fdi_usd_10k: Decimal

    def pct(self, achieved, goal):
        return min(100, round(100 * achieved / goal)) if goal else None

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
        ]


def target_progress(user, year: int) -> list[TargetProgress]:
    """Achievements against each in-scope region's targets for `year`: projects negotiated
    (intent this year), FIEs approved and started this year, capital arrived this year.
    A fixed number of queries whatever the number of regions."""
    region_ids = user_region_ids(user)
    if region_ids is None and not user.sees_whole_city:
        return []
    regions = Region.objects.exclude(kind="city").order_by("sort_order", "code")
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    regions = list(regions)
    ids = [r.pk for r in regions]
    counts = {
        row["region_id"]: row
        for row in Project.objects.filter(region_id__in=ids)
        .order_by()
        .values("region_id")
        .annotate(
            negotiated=Count("pk", filter=Q(intent_date__year=year)),
            approved=Count("pk", filter=Q(approval_date__year=year) & FOREIGN_INVESTED),
            started=Count("pk", filter=Q(groundbreaking_date__year=year) & FOREIGN_INVESTED),
        )
    }
    fdi = dict(
        CapitalArrival.objects.filter(project__region_id__in=ids, date__year=year)
        .order_by()
        .values("project__region_id")
        .annotate(total=Sum("amount_usd_10k"))
        .values_list("project__region_id", "total")
    )
    targets = {t.region_id: t for t in RegionTarget.objects.filter(region_id__in=ids, year=year)}
    result = []
    for r in regions:
        c = counts.get(r.pk, {})
        result.append(
            TargetProgress(
                region=r,
                target=targets.get(r.pk),
                negotiated=c.get("negotiated", 0),
                approved=c.get("approved", 0),
                started=c.get("started", 0),
                utilized_fdi_usd_10k=fdi.get(r.pk) or Decimal("0"),
            )
        )
    return result


def stalled_projects(projects, today: dt.date | None = None, limit: int = 20):
    """Active projects short of operation with no stage move or logged activity for
    STALLED_YELLOW_DAYS (yellow) or STALLED_RED_DAYS (red), oldest first."""
    today = today or timezone.localdate()
    yellow = today - dt.timedelta(days=settings.STALLED_YELLOW_DAYS)
    red = today - dt.timedelta(days=settings.STALLED_RED_DAYS)
    qs = (
        projects.filter(status=Status.ACTIVE, last_activity_on__lte=yellow)
        .exclude(stage=workflow.LAST)
        .select_related("region")
        .order_by("last_activity_on", "id")
    )
    total = qs.count()
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
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
