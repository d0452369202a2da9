"""Reads shared by more than one kind of subject: projects as records, capital arrivals
grouped by a field, reviews and ballots as records."""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from feedback.models import Ballot, Review
from projects.models import CapitalArrival

from .registry import ZERO, as_text


def project_record(p: dict, date_field: str, amount_field: str | None = None) -> dict:
    rec = {"type": "project", "id": p["pk"], "label": p["name"], "date": as_text(p[date_field])}
    if amount_field:
        rec["amount"] = as_text(p[amount_field])
    return rec


def arrivals_by(year: int, group: str, where: Q) -> dict:
    rows = (
        CapitalArrival.objects.filter(where, date__year=year)
        .order_by("date", "pk")
        .values("pk", "date", "amount_usd_10k", "project__name", "project_id", group)
    )
    grouped = defaultdict(lambda: [ZERO, []])
    for a in rows:
        g = grouped[a[group]]
        g[0] += a["amount_usd_10k"]
        g[1].append(
            {
                "type": "arrival",
                "id": a["pk"],
                "project": a["project_id"],
                "label": a["project__name"],
                "date": as_text(a["date"]),
                "amount": as_text(a["amount_usd_10k"]),
            }
        )
    return grouped


def reviews_of(year):
    return Review.objects.filter(visit__date__year=year, voided_at__isnull=True)


def review_records(year, by: str, ids) -> dict:
    grouped = defaultdict(list)
    for r in (
        reviews_of(year)
        .filter(**{f"{by}__in": ids})
        .order_by("visit__date", "pk")
        .values("pk", "overall", "visit__date", "visit__project__name", by)
    ):
        grouped[r[by]].append(
            {
                "type": "review",
                "id": r["pk"],
                "label": r["visit__project__name"],
                "date": as_text(r["visit__date"]),
                "rating": r["overall"],
            }
        )
    return grouped


def ballot_records(year, relation, ids) -> dict:
    grouped = defaultdict(list)
    for b in (
        Ballot.objects.filter(year=year, voted_at__isnull=False, **{f"{relation}__in": ids})
        .order_by("voted_at", "pk")
        .values("pk", "project__name", "voted_at", relation)
    ):
        grouped[b[relation]].append(
            {
                "type": "ballot",
                "id": b["pk"],
                "label": b["project__name"],
                "date": as_text(timezone.localdate(b["voted_at"])),
            }
        )
    return grouped
