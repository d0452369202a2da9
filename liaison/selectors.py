"""Reads of liaison assignments."""

from django.db.models import Q
from django.utils import timezone

from config.numbers import round_half_up

from .models import LiaisonAssignment


def assignments_in_force(today=None):
    """Assignments that have started and not ended, leaving out those voided as entered in
    error: who serves each project today."""
    today = today or timezone.localdate()
    return LiaisonAssignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        start_date__lte=today,
        voided_at__isnull=True,
    )


def current_assignment(project) -> LiaisonAssignment | None:
    return assignments_in_force().filter(project=project).select_related("unit", "person").first()


# --- who sees what ---------------------------------------------------------------------------


def units_for(user):
    """Liaison units a user may read: staff of a unit see their own; every other role all."""
    from accounts.models import Role

    from .models import LiaisonUnit

    qs = LiaisonUnit.objects.prefetch_related("industries")
    if not user.is_authenticated:
        return qs.none()
    if user.role == Role.LIAISON:
        return qs.filter(pk=user.liaison_unit_id)
    return qs


def assignments_for(user):
    """Assignments (every one, in history too) a user may read: bureau, admin and the 110
    office all; district staff those of their regions' projects; liaison staff their unit's."""
    from accounts.models import Role
    from projects.models import Project

    qs = LiaisonAssignment.objects.select_related("project", "unit", "person")
    if not user.is_authenticated:
        return qs.none()
    if user.sees_whole_city:
        return qs
    if user.role == Role.LIAISON:
        return qs.filter(unit_id=user.liaison_unit_id, voided_at__isnull=True)
    if user.role == Role.DISTRICT:
        return qs.filter(project__in=Project.objects.for_user(user))
    return qs.none()


# --- projects that need a unit ---------------------------------------------------------------


def projects_needing_assignment(projects=None, today=None):
    """Projects at contract or later, still active or on hold (not dropped), without an
    assignment in force: each needs a responsible unit and person."""
    from projects import workflow
    from projects.models import Project, Status

    projects = projects if projects is not None else Project.objects.all()
    later = workflow.STAGE_CODES[workflow.index_of("contract") :]
    return (
        projects.filter(stage__in=later)
        .exclude(status=Status.DROPPED)
        .exclude(pk__in=assignments_in_force(today).values("project_id"))
        .select_related("region")
        .order_by("contract_date", "pk")
    )


# --- suggestions ------------------------------------------------------------------------------

# Weights of the three factors (综合因素) in a unit's score out of 100.
WEIGHT_FIT, WEIGHT_LOAD, WEIGHT_CASES = 50, 30, 20


def unit_suggestions(project, *, open_cases: dict[int, int], today=None) -> list[dict]:
    """Active units ranked for `project`, best first, with the factors behind each score:
    industry fit (the unit declares the project's industry section: 50 points), current
    enterprises (active assignments; the fewest earns 30, others in proportion) and open
    cases at the complaint office (`open_cases`, per unit id; the fewest earns 20)."""
    from django.db.models import Count, Q

    from .models import LiaisonUnit

    in_force = assignments_in_force(today).values("pk")
    units = list(
        LiaisonUnit.objects.filter(is_active=True)
        .annotate(enterprises=Count("assignments", filter=Q(assignments__in=in_force)))
        .prefetch_related("industries")
        .order_by("code")
    )
    max_load = max((u.enterprises for u in units), default=0)
    max_cases = max((open_cases.get(u.pk, 0) for u in units), default=0)
    rows = []
    for unit in units:
        industry_ids = {s.pk for s in unit.industries.all()}
        fit = project.industry_id is not None and project.industry_id in industry_ids
        cases = open_cases.get(unit.pk, 0)
        load_points = WEIGHT_LOAD * (1 - unit.enterprises / max_load) if max_load else WEIGHT_LOAD
        case_points = WEIGHT_CASES * (1 - cases / max_cases) if max_cases else WEIGHT_CASES
        score = (WEIGHT_FIT if fit else 0) + load_points + case_points
        rows.append(
            {
                "unit": unit,
                "industry_fit": fit,
                "enterprises": unit.enterprises,
                "open_cases": cases,
                "score": round_half_up(score, 1),
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["unit"].code))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return rows


def fund_allocations_for(user):
    """Fund allocations a user may read: bureau and admin all; a unit's staff their own."""
    from accounts.models import Role

    from .models import FundAllocation

    qs = FundAllocation.objects.select_related("unit", "created_by")
    if not user.is_authenticated:
        return qs.none()
    if user.is_bureau_or_admin:
        return qs
    if user.role == Role.LIAISON:
        return qs.filter(unit_id=user.liaison_unit_id)
    return qs.none()


def fund_totals(allocations) -> list[dict]:
    """Per unit and year: the total allocated (万元) and how many allocations."""
    from django.db.models import Count, Sum

    rows = (
        allocations.values("unit_id", "unit__code", "year")
        .annotate(total=Sum("amount_10k"), n=Count("id"))
        .order_by("-year", "unit__code")
    )
    from .models import LiaisonUnit

    units = LiaisonUnit.objects.in_bulk({r["unit_id"] for r in rows})
    return [
        {"unit": units[r["unit_id"]], "year": r["year"], "total": r["total"], "count": r["n"]}
        for r in rows
    ]
