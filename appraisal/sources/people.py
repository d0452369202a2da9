"""Data sources of individuals: introducers (staff, agents, enterprises) by the projects
they introduced, staff by votes and the ratings of their visits. One function per source,
registered with `@source`."""

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from feedback.selectors import satisfaction_by_person, vote_tally
from investors.models import Agent, Investor
from projects.models import Project
from projects.selectors import FOREIGN_INVESTED

from ..models import SubjectKind
from .common import arrivals_by, ballot_records, project_record, review_records, reviews_of
from .registry import ZERO, Reading, Subject, ids_of, source, year_end

P = SubjectKind.PERSON


def _user_labels(u) -> tuple[str, str]:
    """A person's label in Chinese and in English ("unit · name", as the portal names users)."""
    labels = []
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            labels.append(str(u))
    return labels[0], labels[1]


def people(year: int) -> list[Subject]:
    """Introducers of projects (staff, agents, enterprises) in the pipeline by the year's end,
    liaison-unit staff, and whoever enterprises voted for in the year."""
    end = year_end(year)
    introduced = Project.objects.filter(intent_date__lte=end)
    user_ids = set(
        introduced.exclude(introducer_user=None).values_list("introducer_user_id", flat=True)
    )
    user_ids |= set(
        get_user_model()
        .objects.filter(Q(role=Role.LIAISON, is_active=True) | Q(ballot_votes__year=year))
        .values_list("pk", flat=True)
    )
    agent_ids = introduced.exclude(introducer_agent=None).values_list(
        "introducer_agent_id", flat=True
    )
    investor_ids = introduced.exclude(introducer_enterprise=None).values_list(
        "introducer_enterprise_id", flat=True
    )
    out = [
        Subject(f"user:{u.pk}", *_user_labels(u))
        for u in get_user_model()
        .objects.filter(pk__in=user_ids)
        .select_related("region", "liaison_unit")
        .order_by("username")
    ]
    out += [
        Subject(f"agent:{a.pk}", a.name, a.name)
        for a in Agent.objects.filter(pk__in=set(agent_ids)).order_by("name", "pk")
    ]
    out += [
        Subject(f"investor:{i.pk}", i.name_zh_hans or i.name, i.name_en or "")
        for i in Investor.objects.filter(pk__in=set(investor_ids)).order_by("pk")
    ]
    return out


INTRODUCERS = {"user": "introducer_user_id", "agent": "introducer_agent_id"}
INTRODUCERS["investor"] = "introducer_enterprise_id"


def _by_introducer(subjects, rows_for):
    """Sum per introducer: `rows_for(field, ids)` → rows grouped by that introducer field."""
    out = {}
    for prefix, fld in INTRODUCERS.items():
        ids = ids_of(subjects, prefix)
        if not ids:
            continue
        grouped = rows_for(fld, ids)
        for pk, key in ids.items():
            total, records = grouped.get(pk, (ZERO, []))
            out[key] = Reading(total, None, records)
    return out


@source(
    "person_introduced_fdi",
    P,
    _("Foreign capital arrived on the projects introduced"),
    _("10k USD"),
)
def person_introduced_fdi(year, subjects):
    """Foreign capital that arrived in the year on the projects the person introduced
    (重奖引资人)."""
    return _by_introducer(
        subjects,
        lambda fld, ids: arrivals_by(year, f"project__{fld}", Q(**{f"project__{fld}__in": ids})),
    )


@source(
    "person_contracted_fdi",
    P,
    _("Contracted foreign capital of the projects introduced"),
    _("10k USD"),
)
def person_contracted_fdi(year, subjects):
    """Contracted foreign capital of the foreign-invested projects the person introduced that
    were contracted in the year."""

    def rows_for(fld, ids):
        grouped = defaultdict(lambda: [ZERO, []])
        for p in (
            Project.objects.filter(
                FOREIGN_INVESTED, contract_date__year=year, **{f"{fld}__in": ids}
            )
            .order_by("contract_date", "pk")
            .values("pk", "name", "contract_date", "contracted_fdi_usd_10k", fld)
        ):
            g = grouped[p[fld]]
            g[0] += p["contracted_fdi_usd_10k"]
            g[1].append(project_record(p, "contract_date", "contracted_fdi_usd_10k"))
        return grouped

    return _by_introducer(subjects, rows_for)


@source("person_projects_introduced", P, _("Projects introduced in the year"), _("projects"))
def person_projects_introduced(year, subjects):
    """Projects the person introduced that entered the pipeline (intent) in the year."""

    def rows_for(fld, ids):
        grouped = defaultdict(lambda: [ZERO, []])
        for p in (
            Project.objects.filter(intent_date__year=year, **{f"{fld}__in": ids})
            .order_by("intent_date", "pk")
            .values("pk", "name", "intent_date", fld)
        ):
            g = grouped[p[fld]]
            g[0] += 1
            g[1].append(project_record(p, "intent_date"))
        return grouped

    return _by_introducer(subjects, rows_for)


@source("person_votes", P, _("Enterprise votes"), _("votes"))
def person_votes(year, subjects):
    """Enterprise votes the staff member received in the year (others have none)."""
    ids = ids_of(subjects, "user")
    votes = {u.pk: u.votes for u in vote_tally(year)["people"]}
    records = ballot_records(year, "people", list(ids))
    out = {s.key: Reading(ZERO) for s in subjects}
    out.update(
        {key: Reading(Decimal(votes.get(pk, 0)), None, records[pk]) for pk, key in ids.items()}
    )
    return out


@source("person_average_rating", P, _("Average rating of the visits made"), _("of 5"))
def person_average_rating(year, subjects):
    """Average overall rating of the visits the staff member made in the year; None without
    reviews."""
    ids = ids_of(subjects, "user")
    rows = {r["user_id"]: r for r in satisfaction_by_person(reviews_of(year))}
    records = review_records(year, "visit__staff__id", list(ids))
    out = {s.key: Reading(None) for s in subjects}
    for pk, key in ids.items():
        row = rows.get(pk)
        out[key] = Reading(
            Decimal(str(row["average"])) if row else None,
            None,
            records[pk],
            {"reviews": row["reviews"] if row else 0},
        )
    return out


R, U, P = SubjectKind.REGION, SubjectKind.UNIT, SubjectKind.PERSON
