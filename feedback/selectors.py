"""Reads of the service-feedback loop, scoped by role in one place (DESIGN.md section 6):
admin, bureau and the 110 office see every visit, request, review and case; liaison staff
those of their own unit; district staff those of their regions' projects. The complainant's
contact details are for the office (and admins) only."""

import datetime as dt
from collections import defaultdict

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import Role
from config.names import Bilingual
from config.numbers import percent, round_half_up
from projects.models import Project

from . import workflow
from .models import Ballot, Case, RequestStatus, Review, ServiceRequest, ServiceVisit
from .services import is_office


def _unit(user):
    return user.liaison_unit_id if user.role == Role.LIAISON else None


def _scope(qs, user, *, unit_field: str, project_field: str | None = "project"):
    if not user.is_authenticated:
        return qs.none()
    if user.sees_whole_city:
        return qs
    if _unit(user):
        return qs.filter(**{unit_field: _unit(user)})
    if user.role == Role.DISTRICT and project_field:
        return qs.filter(**{f"{project_field}__in": Project.objects.for_user(user)})
    return qs.none()


def visits_for(user):
    return _scope(ServiceVisit.objects.all(), user, unit_field="unit_id").select_related(
        "project", "unit", "review__case"
    )


def requests_for(user):
    return _scope(ServiceRequest.objects.all(), user, unit_field="owner_unit_id").select_related(
        "project", "owner_unit"
    )


def cases_for(user):
    """Cases a user may read. District staff see none (the office deals with the units)."""
    if user.is_authenticated and user.role == Role.DISTRICT:
        return Case.objects.none()
    return _scope(Case.objects.all(), user, unit_field="unit_id").select_related(
        "project", "unit", "review"
    )


def sees_complainant(user) -> bool:
    return is_office(user)


def open_cases(qs):
    return qs.filter(status__in=workflow.OPEN_STATUSES)


def overdue_cases(qs, today: dt.date | None = None):
    today = today or timezone.localdate()
    return qs.filter(status__in=workflow.AWAITING_UNIT, due_date__lt=today)


def with_overdue_days(cases) -> list:
    """The cases as a list, each with its working days overdue (Case.overdue_days) read with
    one calendar query for the whole list instead of one per case."""
    from reference.workdays import working_days_since

    cases = list(cases)
    today = timezone.localdate()
    late = [c for c in cases if c.is_overdue]
    counts = working_days_since((c.due_date for c in late), today)
    for c in cases:
        c._overdue_days = counts.get(c.due_date, 0) if c.is_overdue else 0
    return cases


def unrated_visits(qs):
    """Visits with no (valid) rating: counted as "not rated", never as satisfied."""
    return qs.filter(review__isnull=True)


def satisfaction_by_unit(reviews=None) -> list[dict]:
    """Per unit: reviews, average overall rating, bad-review rate (voided reviews left out)."""
    reviews = (reviews if reviews is not None else Review.objects.all()).filter(
        voided_at__isnull=True
    )
    rows = (
        reviews.values("visit__unit_id", "visit__unit__name_zh_hans", "visit__unit__name_en")
        .annotate(n=Count("id"), avg=Avg("overall"), bad=Count("id", filter=Q(overall__lte=2)))
        .order_by("visit__unit__code")
    )
    return [
        {
            "unit_id": r["visit__unit_id"],
            "unit": Bilingual(r["visit__unit__name_zh_hans"], r["visit__unit__name_en"]),
            "reviews": r["n"],
            "average": round_half_up(r["avg"], 2),
            "bad_rate": percent(r["bad"], r["n"]),
        }
        for r in rows
    ]


def satisfaction_by_person(reviews=None) -> list[dict]:
    """Per visiting staff member: reviews and average overall rating."""
    reviews = (reviews if reviews is not None else Review.objects.all()).filter(
        voided_at__isnull=True
    )
    rows = (
        reviews.values(
            "visit__staff__id",
            "visit__staff__username",
            "visit__staff__last_name",
            "visit__staff__first_name",
            "visit__staff__name_en",
        )
        .exclude(visit__staff__id=None)
        .annotate(n=Count("id"), avg=Avg("overall"), bad=Count("id", filter=Q(overall__lte=2)))
        .order_by("-avg")
    )
    return [
        {
            "user_id": r["visit__staff__id"],
            "person": Bilingual(
                f"{r['visit__staff__last_name']}{r['visit__staff__first_name']}"
                or r["visit__staff__username"],
                r["visit__staff__name_en"],
            ),
            "reviews": r["n"],
            "average": round_half_up(r["avg"], 2),
            "bad_rate": percent(r["bad"], r["n"]),
        }
        for r in rows
    ]


def monthly_trend(
    months: int = 12, today: dt.date | None = None, unit_id: int | None = None
) -> list[dict]:
    """Average overall rating and bad-review rate per month, the last `months` months (of one
    unit's visits with `unit_id`)."""
    today = today or timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    reviews = Review.objects.filter(voided_at__isnull=True, visit__date__gte=start)
    if unit_id is not None:
        reviews = reviews.filter(visit__unit_id=unit_id)
    rows = (
        reviews.annotate(m=TruncMonth("visit__date"))
        .values("m")
        .annotate(n=Count("id"), avg=Avg("overall"), bad=Count("id", filter=Q(overall__lte=2)))
        .order_by("m")
    )
    return [
        {
            "month": r["m"].strftime("%Y-%m") if r["m"] else "",
            "reviews": r["n"],
            "average": round_half_up(r["avg"], 2),
            "bad_rate": percent(r["bad"], r["n"]),
        }
        for r in rows
    ]


def case_counts(qs) -> dict:
    today = timezone.localdate()
    counts = defaultdict(int)
    for status, n in qs.values_list("status").annotate(n=Count("id")):
        counts[status] = n
    counts["open"] = sum(counts[s] for s in workflow.OPEN_STATUSES)
    counts["overdue"] = overdue_cases(qs, today).count()
    return dict(counts)


def open_requests(qs):
    return qs.exclude(status=RequestStatus.RESOLVED)


def vote_tally(year: int) -> dict:
    """Votes of a year: per unit and per person, most votes first, and ballots issued/cast."""
    from django.contrib.auth import get_user_model

    from liaison.models import LiaisonUnit

    ballots = Ballot.objects.filter(year=year)
    units = (
        LiaisonUnit.objects.annotate(votes=Count("ballots", filter=Q(ballots__year=year)))
        .filter(votes__gt=0)
        .order_by("-votes", "code")
    )
    people = (
        get_user_model()
        .objects.annotate(votes=Count("ballot_votes", filter=Q(ballot_votes__year=year)))
        .filter(votes__gt=0)
        .select_related("liaison_unit")
        .order_by("-votes", "username")
    )
    return {
        "issued": ballots.count(),
        "cast": ballots.filter(voted_at__isnull=False).count(),
        "units": list(units),
        "people": list(people),
    }


def open_case_counts_by_unit() -> dict[int, int]:
    """Per liaison unit id, its cases still open at the complaint office."""
    rows = (
        open_cases(Case.objects.filter(unit__isnull=False))
        .values_list("unit_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)


# --- visit cadence ---------------------------------------------------------------------------


def with_visit_due(assignments, today: dt.date | None = None) -> list:
    """`assignments`, each with `last_visit` (the unit's last visit to the project, or None),
    `visit_due_on` (that visit, or the assignment's start when later or when there is none,
    plus the cadence) and `days_overdue` (0 when not yet due)."""
    from django.db.models import Max, OuterRef, Subquery

    today = today or timezone.localdate()
    last = (
        ServiceVisit.objects.filter(
            project_id=OuterRef("project_id"), unit_id=OuterRef("unit_id"), date__lte=today
        )
        .values("project_id")
        .annotate(last=Max("date"))
        .values("last")
    )
    rows = list(
        assignments.annotate(last_visit=Subquery(last)).select_related("project", "unit", "person")
    )
    for a in rows:
        since = max(a.last_visit or a.start_date, a.start_date)
        a.visit_due_on = since + dt.timedelta(days=a.visit_cadence_days)
        a.days_overdue = max((today - a.visit_due_on).days, 0)
    return rows


def visits_due(assignments=None, today: dt.date | None = None) -> list:
    """Assignments in force whose enterprise the unit has not visited within the assignment's
    cadence: the last visit by that unit (or, with none, the assignment's start) is more than
    `visit_cadence_days` ago (see `with_visit_due`); most overdue first."""
    from liaison.selectors import assignments_in_force

    qs = assignments if assignments is not None else assignments_in_force(today)
    rows = [a for a in with_visit_due(qs, today) if a.days_overdue > 0]
    rows.sort(key=lambda a: (-a.days_overdue, a.pk))
    return rows


def visits_due_for(user, today: dt.date | None = None) -> list:
    """The enterprises not visited within cadence that a user may see: the whole city for
    bureau, admin and the office; a unit's own; a district's regions' projects."""
    from liaison.selectors import assignments_in_force

    qs = assignments_in_force(today)
    if not user.is_authenticated:
        return []
    if not user.sees_whole_city:
        if _unit(user):
            qs = qs.filter(unit_id=_unit(user))
        elif user.role == Role.DISTRICT:
            qs = qs.filter(project__in=Project.objects.for_user(user))
        else:
            return []
    return visits_due(qs, today)


# --- referrals -------------------------------------------------------------------------------


def referrals_for(user):
    """Referrals a user may read: the whole city for bureau, admin and the office; a unit's
    staff those it made or received."""
    from .models import Referral

    qs = Referral.objects.select_related("request__project", "from_unit", "to_unit", "created_by")
    if not user.is_authenticated:
        return qs.none()
    if user.sees_whole_city:
        return qs
    if _unit(user):
        return qs.filter(Q(from_unit_id=_unit(user)) | Q(to_unit_id=_unit(user)))
    return qs.none()


# --- service clocks --------------------------------------------------------------------------

CLOCKS = (
    ("assign", "contract → liaison assigned"),
    ("resolve", "problem raised → resolved"),
    ("rectify", "bad review → rectified"),
    ("callback", "rectified → callback"),
)


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    values = sorted(values)
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def service_clocks(*, unit_id: int | None = None, year: int | None = None) -> list[dict]:
    """Per liaison unit and month (the month the clock stopped), for each of four clocks the
    median days and how many: contract signed → liaison assigned (the project's first
    assignment not voided), problem raised → resolved (service requests owned by the unit),
    bad review → rectified (cases opened by a bad review, received → the unit's response by
    rectification) and rectified → callback (response → callback). Computed from the
    records; `unit_id` narrows to one unit, `year` to one year."""
    from liaison.models import LiaisonAssignment, LiaisonUnit

    samples: dict[tuple[int, str], dict[str, list[int]]] = defaultdict(
        lambda: {k: [] for k, _label in CLOCKS}
    )

    def add(unit, day, clock, days):
        if unit is None or day is None or days is None or days < 0:
            return
        if unit_id is not None and unit != unit_id:
            return
        if year is not None and day.year != year:
            return
        samples[(unit, day.strftime("%Y-%m"))][clock].append(days)

    first = {}
    for a in (
        LiaisonAssignment.objects.filter(
            voided_at__isnull=True, project__contract_date__isnull=False
        )
        .order_by("project_id", "start_date", "id")
        .values("project_id", "unit_id", "start_date", "project__contract_date")
    ):
        first.setdefault(a["project_id"], a)
    for a in first.values():
        add(
            a["unit_id"],
            a["start_date"],
            "assign",
            (a["start_date"] - a["project__contract_date"]).days,
        )
    for r in ServiceRequest.objects.filter(resolved_on__isnull=False).values(
        "owner_unit_id", "raised_on", "resolved_on"
    ):
        add(
            r["owner_unit_id"],
            r["resolved_on"],
            "resolve",
            (r["resolved_on"] - r["raised_on"]).days,
        )
    bad = Case.objects.filter(source="bad_review", unit__isnull=False, responded_on__isnull=False)
    for c in bad.exclude(rectification="").values("unit_id", "received_on", "responded_on"):
        add(c["unit_id"], c["responded_on"], "rectify", (c["responded_on"] - c["received_on"]).days)
    for c in (
        Case.objects.filter(
            unit__isnull=False, responded_on__isnull=False, callback_on__isnull=False
        )
        .exclude(rectification="")
        .values("unit_id", "responded_on", "callback_on")
    ):
        add(c["unit_id"], c["callback_on"], "callback", (c["callback_on"] - c["responded_on"]).days)
    names = {u.pk: u for u in LiaisonUnit.objects.filter(pk__in={k[0] for k in samples})}
    rows = []
    for (unit, month), clocks in sorted(
        samples.items(), key=lambda kv: (names[kv[0][0]].code, kv[0][1])
    ):
        rows.append(
            {
                "unit": names[unit],
                "month": month,
                "clocks": {
                    k: {"median_days": _median(v), "count": len(v)} for k, v in clocks.items()
                },
                "cells": [
                    {"median_days": _median(clocks[k]), "count": len(clocks[k])}
                    for k, _label in CLOCKS
                ],
            }
        )
    return rows
