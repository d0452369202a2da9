"""Data sources of the liaison units: satisfaction, cases (110 office), visits, votes. One
function per source, registered with `@source`."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import Case, CaseStatus, ServiceVisit
from feedback.selectors import satisfaction_by_unit, vote_tally
from liaison.models import LiaisonUnit

from ..models import SubjectKind
from .common import ballot_records, review_records, reviews_of
from .registry import HUNDRED, Reading, Subject, as_text, ids_of, source

U = SubjectKind.UNIT
# The 110 office calls the enterprise back within this many days of the unit's answer; until
# then a case is not yet in the callback rate.
CALLBACK_DUE_DAYS = 7


def units() -> list[Subject]:
    return [
        Subject(f"unit:{u.pk}", u.name_zh_hans or u.name, u.name_en or "")
        for u in LiaisonUnit.objects.filter(is_active=True).order_by("code")
    ]


def _unit_satisfaction(year, subjects, field_name):
    ids = ids_of(subjects, "unit")
    rows = {r["unit_id"]: r for r in satisfaction_by_unit(reviews_of(year))}
    records = review_records(year, "visit__unit_id", list(ids))
    out = {}
    for pk, key in ids.items():
        row = rows.get(pk)
        value = row[field_name] if row else None
        out[key] = Reading(
            None if value is None else Decimal(str(value)),
            None,
            records[pk],
            {"reviews": row["reviews"] if row else 0},
        )
    return out


@source("unit_average_rating", U, _("Average rating by enterprises"), _("of 5"))
def unit_average_rating(year, subjects):
    """Average overall rating (1–5) of the unit's visits in the year, voided reviews left out;
    None without reviews (not rated is never satisfied)."""
    return _unit_satisfaction(year, subjects, "average")


@source("unit_bad_review_rate", U, _("Bad-review rate"), "%")
def unit_bad_review_rate(year, subjects):
    """Share (%) of bad reviews (2 or 1 overall) among the unit's reviews of the year."""
    return _unit_satisfaction(year, subjects, "bad_rate")


def _unit_cases(year, ids):
    return (
        Case.objects.filter(unit_id__in=ids, received_on__year=year)
        .exclude(status=CaseStatus.VOIDED)
        .order_by("received_on", "pk")
        .values(
            "pk",
            "subject",
            "unit_id",
            "received_on",
            "due_date",
            "responded_on",
            "callback_on",
            "callback_confirmed",
        )
    )


def _rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(Decimal("0.0001")) if whole else None


@source("unit_on_time_rate", U, _("Cases rectified or explained on time"), "%", has_target=True)
def unit_on_time_rate(year, subjects):
    """Share (%) of the unit's cases of the year it answered (rectified or explained) by the
    due date, among those answered or already past due; cases not yet due are left out."""
    ids = ids_of(subjects, "unit")
    today = timezone.localdate()
    grouped = defaultdict(lambda: [0, 0, []])
    for c in _unit_cases(year, list(ids)):
        answered = c["responded_on"] is not None
        if not answered and c["due_date"] >= today:
            continue
        on_time = answered and c["responded_on"] <= c["due_date"]
        g = grouped[c["unit_id"]]
        g[0] += 1
        g[1] += int(on_time)
        g[2].append(
            {
                "type": "case",
                "id": c["pk"],
                "label": c["subject"],
                "date": as_text(c["received_on"]),
                "due": as_text(c["due_date"]),
                "responded": as_text(c["responded_on"]),
                "on_time": on_time,
            }
        )
    out = {}
    for pk, key in ids.items():
        due, on_time, records = grouped.get(pk, (0, 0, []))
        out[key] = Reading(_rate(on_time, due), HUNDRED, records, {"cases": due})
    return out


@source("unit_callback_rate", U, _("Callbacks with the enterprise satisfied"), "%", has_target=True)
def unit_callback_rate(year, subjects):
    """Share (%) of the unit's answered cases of the year whose callback (回访) found the
    enterprise satisfied, among those called back or whose callback is due (CALLBACK_DUE_DAYS
    after the answer, by today): a case answered lately, not yet called back, is left out."""
    ids = ids_of(subjects, "unit")
    today = timezone.localdate()
    grouped = defaultdict(lambda: [0, 0, []])
    for c in _unit_cases(year, list(ids)):
        if c["responded_on"] is None:
            continue
        due = c["responded_on"] + dt.timedelta(days=CALLBACK_DUE_DAYS)
        if c["callback_on"] is None and due >= today:
            continue
        g = grouped[c["unit_id"]]
        confirmed = c["callback_confirmed"] is True
        g[0] += 1
        g[1] += int(confirmed)
        g[2].append(
            {
                "type": "case",
                "id": c["pk"],
                "label": c["subject"],
                "date": as_text(c["received_on"]),
                "callback": as_text(c["callback_on"]) or "—",
                "confirmed": confirmed,
            }
        )
    out = {}
    for pk, key in ids.items():
        counted, confirmed, records = grouped.get(pk, (0, 0, []))
        out[key] = Reading(_rate(confirmed, counted), HUNDRED, records, {"cases": counted})
    return out


@source("unit_service_visits", U, _("Service visits"), _("visits"))
def unit_service_visits(year, subjects):
    """Service visits (上门服务) the unit made in the year."""
    ids = ids_of(subjects, "unit")
    grouped = defaultdict(list)
    for v in (
        ServiceVisit.objects.filter(unit_id__in=ids, date__year=year)
        .order_by("date", "pk")
        .values("pk", "date", "unit_id", "project__name")
    ):
        grouped[v["unit_id"]].append(
            {
                "type": "visit",
                "id": v["pk"],
                "label": v["project__name"],
                "date": as_text(v["date"]),
            }
        )
    return {key: Reading(Decimal(len(grouped[pk])), None, grouped[pk]) for pk, key in ids.items()}


@source("unit_votes", U, _("Enterprise votes"), _("votes"))
def unit_votes(year, subjects):
    """Enterprise votes (one ballot per enterprise and year) the unit received."""
    ids = ids_of(subjects, "unit")
    votes = {u.pk: u.votes for u in vote_tally(year)["units"]}
    records = ballot_records(year, "units", list(ids))
    return {key: Reading(Decimal(votes.get(pk, 0)), None, records[pk]) for pk, key in ids.items()}
