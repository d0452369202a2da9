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
        "project", "unit", "review"
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


def unrated_visits(qs):
    """Visits with no (valid) rating: counted as "not rated", never as satisfied."""
    return qs.filter(review__isnull=True)


def satisfaction_by_unit(reviews=None) -> list[dict]:
    """Per unit: reviews, average overall rating, bad-review rate (voided reviews left out)."""
    reviews = (reviews if reviews is not None else Review.objects.all()).filter(
        voided_at__isnull=True
    )
    rows = (
        reviews.values("visit__unit_id", "visit__unit__name")
        .annotate(n=Count("id"), avg=Avg("overall"), bad=Count("id", filter=Q(overall__lte=2)))
        .order_by("visit__unit__name")
    )
    return [
        {
            "unit_id": r["visit__unit_id"],
            "unit": r["visit__unit__name"],
            "reviews": r["n"],
            "average": round(r["avg"], 2) if r["avg"] is not None else None,
            "bad_rate": round(100 * r["bad"] / r["n"], 1) if r["n"] else None,
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
        )
        .exclude(visit__staff__id=None)
        .annotate(n=Count("id"), avg=Avg("overall"), bad=Count("id", filter=Q(overall__lte=2)))
        .order_by("-avg")
    )
    return [
        {
            "user_id": r["visit__staff__id"],
            "person": f"{r['visit__staff__last_name']}{r['visit__staff__first_name']}"
            or r["visit__staff__username"],
            "reviews": r["n"],
            "average": round(r["avg"], 2),
            "bad_rate": round(100 * r["bad"] / r["n"], 1),
        }
        for r in rows
    ]


def monthly_trend(months: int = 12, today: dt.date | None = None) -> list[dict]:
    """Average overall rating and bad-review rate per month, the last `months` months."""
    today = today or timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    rows = (
        Review.objects.filter(voided_at__isnull=True, visit__date__gte=start)
        .annotate(m=TruncMonth("visit__date"))
        .values("m")
        .annotate(n=Count("id"), avg=Avg("overall"), bad=Count("id", filter=Q(overall__lte=2)))
        .order_by("m")
    )
    return [
        {
            "month": r["m"].strftime("%Y-%m") if r["m"] else "",
            "reviews": r["n"],
            "average": round(r["avg"], 2),
            "bad_rate": round(100 * r["bad"] / r["n"], 1),
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
