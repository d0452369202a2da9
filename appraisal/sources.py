"""The registry of data sources an indicator can read (the `source` code of an Indicator).

Each source reads one figure per subject for a year from the records, and the records behind
it (their type, id and what they contributed), so every score can be explained. Sources reuse
the selectors of the apps below (the targets' counting rules, the satisfaction and vote tallies,
the statistics engine's promotion spending) rather than count again.

Subjects are keyed "region:<id>", "unit:<id>", "user:<id>", "agent:<id>", "investor:<id>"."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from feedback.models import Ballot, Case, CaseStatus, Review, ServiceVisit
from feedback.selectors import satisfaction_by_person, satisfaction_by_unit, vote_tally
from investors.models import Agent, Investor, PromotionActivity
from liaison.models import LiaisonUnit
from projects.models import (
    CapitalArrival,
    CheckResult,
    Project,
    ProjectCheck,
    RegionTarget,
    Status,
)
from projects.selectors import FOREIGN_INVESTED, achievement_filters
from reference.models import Region, RegionKind
from stats.engine import spending
from stats.models import ScopeType
from stats.selectors import reports_not_filed_by_due

from .models import SubjectKind

ZERO = Decimal("0")
HUNDRED = Decimal("100")
# An approved project not broken ground this many days after its approval, by the year's
# end, is an overdue unstarted project (a deduction).
OVERDUE_START_DAYS = 180
MAX_RECORDS = 500  # records kept per explanation; the count says how many there were


@dataclass(frozen=True)
class Subject:
    key: str
    label_zh_hans: str
    label_en: str


@dataclass
class Reading:
    """A subject's figure and what it rests on."""

    value: Decimal | None
    target: Decimal | None = None
    records: list[dict] = field(default_factory=list)
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    code: str
    kind: str
    label: str
    unit: str
    read: Callable[[int, list[Subject]], dict[str, Reading]]
    has_target: bool = False


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _as_of(year: int) -> dt.date:
    """The day figures of a year are read at: its last day, or today while it runs."""
    return min(_year_end(year), timezone.localdate())


def _ids(subjects, prefix) -> dict[int, str]:
    out = {}
    for s in subjects:
        kind, _sep, pk = s.key.partition(":")
        if kind == prefix and pk.isdigit():
            out[int(pk)] = s.key
    return out


def _d(value) -> str:
    return str(value) if value is not None else ""


# --- subjects --------------------------------------------------------------------------------


def regions() -> list[Subject]:
    """Every district, county, county-level city and development zone: each counts its own
    projects (a district's zones are ranked by themselves)."""
    return [
        Subject(f"region:{r.pk}", r.name_zh_hans or r.name, r.name_en or "")
        for r in Region.objects.exclude(kind=RegionKind.CITY).order_by("sort_order", "code", "pk")
    ]


def units() -> list[Subject]:
    return [
        Subject(f"unit:{u.pk}", u.name_zh_hans or u.name, u.name_en or "")
        for u in LiaisonUnit.objects.filter(is_active=True).order_by("code")
    ]


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
    end = _year_end(year)
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


def subjects(kind: str, year: int) -> list[Subject]:
    if kind == SubjectKind.REGION:
        return regions()
    if kind == SubjectKind.UNIT:
        return units()
    return people(year)


# --- regions ---------------------------------------------------------------------------------


def _region_targets(year: int, measure: str) -> dict[int, Decimal]:
    """Each region's target for a measure; a region without targets for the year has the
    design's defaults (4 negotiated, 2 approved, 1 started; no foreign-capital target)."""
    default = RegionTarget._meta.get_field(measure).default
    set_ = dict(RegionTarget.objects.filter(year=year).values_list("region_id", measure))
    out = defaultdict(lambda: Decimal(default))
    out.update({k: Decimal(v) for k, v in set_.items()})
    return out


def _project_record(p: dict, date_field: str, amount_field: str | None = None) -> dict:
    rec = {"type": "project", "id": p["pk"], "label": p["name"], "date": _d(p[date_field])}
    if amount_field:
        rec["amount"] = _d(p[amount_field])
    return rec


def _count_projects(measure: str, date_field: str):
    def read(year, subjects):
        ids = _ids(subjects, "region")
        targets = _region_targets(year, measure)
        rows = (
            Project.objects.filter(achievement_filters(year)[measure], region_id__in=ids)
            .order_by(date_field, "pk")
            .values("pk", "name", "region_id", date_field)
        )
        grouped = defaultdict(list)
        for p in rows:
            grouped[p["region_id"]].append(_project_record(p, date_field))
        return {
            key: Reading(Decimal(len(grouped[pk])), targets[pk], grouped[pk])
            for pk, key in ids.items()
        }

    return read


def _arrivals_by(year: int, group: str, where: Q) -> dict:
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
                "date": _d(a["date"]),
                "amount": _d(a["amount_usd_10k"]),
            }
        )
    return grouped


def region_utilized_fdi(year, subjects):
    """Capital arrived in the year on the region's projects (as the targets table counts it)."""
    ids = _ids(subjects, "region")
    targets = _region_targets(year, "utilized_fdi_usd_10k")
    grouped = _arrivals_by(year, "project__region_id", Q(project__region_id__in=ids))
    out = {}
    for pk, key in ids.items():
        total, records = grouped.get(pk, (ZERO, []))
        target = targets[pk] or None
        out[key] = Reading(total, target, records)
    return out


def region_contracted_fdi(year, subjects):
    """Contracted foreign capital of the region's foreign-invested projects contracted in the
    year (the targets table's rule), against the region's target for it."""
    ids = _ids(subjects, "region")
    targets = _region_targets(year, "contracted_fdi_usd_10k")
    rows = (
        Project.objects.filter(achievement_filters(year)["contracted"], region_id__in=ids)
        .order_by("contract_date", "pk")
        .values("pk", "name", "region_id", "contract_date", "contracted_fdi_usd_10k")
    )
    grouped = defaultdict(lambda: [ZERO, []])
    for p in rows:
        g = grouped[p["region_id"]]
        g[0] += p["contracted_fdi_usd_10k"]
        g[1].append(_project_record(p, "contract_date", "contracted_fdi_usd_10k"))
    return {key: Reading(grouped[pk][0], targets[pk], grouped[pk][1]) for pk, key in ids.items()}


def region_input_output(year, subjects):
    """Utilized foreign capital (10k USD) per 10k CNY of promotion spending in the year: the
    spending as the statistics engine sums it (activities the region organised, starting in
    the year). None for a region that spent nothing."""
    ids = _ids(subjects, "region")
    spent = spending(year, 12)
    utilized = region_utilized_fdi(year, subjects)
    activities = defaultdict(list)
    for a in (
        PromotionActivity.objects.filter(organiser_region_id__in=ids, start_date__year=year)
        .order_by("start_date", "pk")
        .values("pk", "name", "organiser_region_id", "start_date", "cost_cny_10k")
    ):
        activities[a["organiser_region_id"]].append(
            {
                "type": "activity",
                "id": a["pk"],
                "label": a["name"],
                "date": _d(a["start_date"]),
                "amount": _d(a["cost_cny_10k"]),
            }
        )
    out = {}
    for pk, key in ids.items():
        cost = spent.get((ScopeType.REGION, str(pk)), {}).get("ytd", ZERO)
        fdi = utilized[key].value
        value = (fdi / cost).quantize(Decimal("0.0001")) if cost else None
        out[key] = Reading(
            value,
            None,
            activities[pk] + utilized[key].records,
            {"utilized_fdi_usd_10k": _d(fdi), "spending_cny_10k": _d(cost)},
        )
    return out


def region_overdue_unstarted(year, subjects):
    """Active foreign-invested projects approved more than OVERDUE_START_DAYS before the
    year's end (or today) and not broken ground by then."""
    ids = _ids(subjects, "region")
    as_of = _as_of(year)
    limit = as_of - dt.timedelta(days=OVERDUE_START_DAYS)
    rows = (
        Project.objects.filter(
            FOREIGN_INVESTED,
            region_id__in=ids,
            status=Status.ACTIVE,
            approval_date__lte=limit,
        )
        .filter(Q(groundbreaking_date__isnull=True) | Q(groundbreaking_date__gt=as_of))
        .order_by("approval_date", "pk")
        .values("pk", "name", "region_id", "approval_date")
    )
    grouped = defaultdict(list)
    for p in rows:
        grouped[p["region_id"]].append(_project_record(p, "approval_date"))
    return {key: Reading(Decimal(len(grouped[pk])), None, grouped[pk]) for pk, key in ids.items()}


def region_falsified(year, subjects):
    """Projects the bureau's checks in the year found falsely reported (a finding later
    withdrawn does not count), by the project's region. One project found false twice in a
    year counts twice: each check is a separate report found false."""
    ids = _ids(subjects, "region")
    rows = (
        ProjectCheck.objects.filter(
            result=CheckResult.FALSIFIED,
            withdrawn_at__isnull=True,
            checked_on__year=year,
            project__region_id__in=ids,
        )
        .order_by("checked_on", "pk")
        .values("project_id", "project__name", "project__region_id", "checked_on", "finding")
    )
    grouped = defaultdict(list)
    for c in rows:
        grouped[c["project__region_id"]].append(
            {
                "type": "project",
                "id": c["project_id"],
                "label": c["project__name"],
                "date": _d(c["checked_on"]),
                "note": c["finding"][:200],
            }
        )
    return {key: Reading(Decimal(len(grouped[pk])), None, grouped[pk]) for pk, key in ids.items()}


def region_missing_reports(year, subjects):
    """Monthly reports that fell due in the year (by the year's end, or today) and were not
    filed by their due day: missing ones and late ones. December's report falls due in
    January, so it counts in the next year's appraisal."""
    ids = _ids(subjects, "region")
    missed = reports_not_filed_by_due(year, list(ids), _as_of(year))
    out = {}
    for pk, key in ids.items():
        records = [
            {
                "type": "report",
                "id": m["report"].pk if m["report"] else "—",
                "label": f"{m['year']}-{m['month']:02d}",
                "date": _d(m["due"]),
                "state": "late" if m["report"] else "missing",
                "filed_on": _d(m["report"].filed_on) if m["report"] else None,
            }
            for m in missed[pk]
        ]
        out[key] = Reading(Decimal(len(records)), None, records)
    return out


# --- liaison units ---------------------------------------------------------------------------


def _reviews(year):
    return Review.objects.filter(visit__date__year=year, voided_at__isnull=True)


def _review_records(year, by: str, ids) -> dict:
    grouped = defaultdict(list)
    for r in (
        _reviews(year)
        .filter(**{f"{by}__in": ids})
        .order_by("visit__date", "pk")
        .values("pk", "overall", "visit__date", "visit__project__name", by)
    ):
        grouped[r[by]].append(
            {
                "type": "review",
                "id": r["pk"],
                "label": r["visit__project__name"],
                "date": _d(r["visit__date"]),
                "rating": r["overall"],
            }
        )
    return grouped


def _unit_satisfaction(year, subjects, field_name):
    ids = _ids(subjects, "unit")
    rows = {r["unit_id"]: r for r in satisfaction_by_unit(_reviews(year))}
    records = _review_records(year, "visit__unit_id", list(ids))
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


def unit_average_rating(year, subjects):
    """Average overall rating (1–5) of the unit's visits in the year, voided reviews left out;
    None without reviews (not rated is never satisfied)."""
    return _unit_satisfaction(year, subjects, "average")


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
    return (Decimal(100) * part / whole).quantize(Decimal("0.01")) if whole else None


def unit_on_time_rate(year, subjects):
    """Share (%) of the unit's cases of the year it answered (rectified or explained) by the
    due date, among those answered or already past due; cases not yet due are left out."""
    ids = _ids(subjects, "unit")
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
                "date": _d(c["received_on"]),
                "due": _d(c["due_date"]),
                "responded": _d(c["responded_on"]),
                "on_time": on_time,
            }
        )
    out = {}
    for pk, key in ids.items():
        due, on_time, records = grouped.get(pk, (0, 0, []))
        out[key] = Reading(_rate(on_time, due), HUNDRED, records, {"cases": due})
    return out


def unit_callback_rate(year, subjects):
    """Share (%) of the unit's answered cases of the year whose callback (回访) found the
    enterprise satisfied."""
    ids = _ids(subjects, "unit")
    grouped = defaultdict(lambda: [0, 0, []])
    for c in _unit_cases(year, list(ids)):
        if c["responded_on"] is None:
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
                "date": _d(c["received_on"]),
                "callback": _d(c["callback_on"]),
                "confirmed": confirmed,
            }
        )
    out = {}
    for pk, key in ids.items():
        answered, confirmed, records = grouped.get(pk, (0, 0, []))
        out[key] = Reading(_rate(confirmed, answered), HUNDRED, records, {"cases": answered})
    return out


def unit_service_visits(year, subjects):
    """Service visits (上门服务) the unit made in the year."""
    ids = _ids(subjects, "unit")
    grouped = defaultdict(list)
    for v in (
        ServiceVisit.objects.filter(unit_id__in=ids, date__year=year)
        .order_by("date", "pk")
        .values("pk", "date", "unit_id", "project__name")
    ):
        grouped[v["unit_id"]].append(
            {"type": "visit", "id": v["pk"], "label": v["project__name"], "date": _d(v["date"])}
        )
    return {key: Reading(Decimal(len(grouped[pk])), None, grouped[pk]) for pk, key in ids.items()}


def _ballot_records(year, relation, ids) -> dict:
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
                "date": _d(timezone.localdate(b["voted_at"])),
            }
        )
    return grouped


def unit_votes(year, subjects):
    """Enterprise votes (one ballot per enterprise and year) the unit received."""
    ids = _ids(subjects, "unit")
    votes = {u.pk: u.votes for u in vote_tally(year)["units"]}
    records = _ballot_records(year, "units", list(ids))
    return {key: Reading(Decimal(votes.get(pk, 0)), None, records[pk]) for pk, key in ids.items()}


# --- individuals -----------------------------------------------------------------------------

INTRODUCERS = {"user": "introducer_user_id", "agent": "introducer_agent_id"}
INTRODUCERS["investor"] = "introducer_enterprise_id"


def _by_introducer(subjects, rows_for):
    """Sum per introducer: `rows_for(field, ids)` → rows grouped by that introducer field."""
    out = {}
    for prefix, fld in INTRODUCERS.items():
        ids = _ids(subjects, prefix)
        if not ids:
            continue
        grouped = rows_for(fld, ids)
        for pk, key in ids.items():
            total, records = grouped.get(pk, (ZERO, []))
            out[key] = Reading(total, None, records)
    return out


def person_introduced_fdi(year, subjects):
    """Foreign capital that arrived in the year on the projects the person introduced
    (重奖引资人)."""
    return _by_introducer(
        subjects,
        lambda fld, ids: _arrivals_by(year, f"project__{fld}", Q(**{f"project__{fld}__in": ids})),
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
            g[1].append(_project_record(p, "contract_date", "contracted_fdi_usd_10k"))
        return grouped

    return _by_introducer(subjects, rows_for)


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
            g[1].append(_project_record(p, "intent_date"))
        return grouped

    return _by_introducer(subjects, rows_for)


def person_votes(year, subjects):
    """Enterprise votes the staff member received in the year (others have none)."""
    ids = _ids(subjects, "user")
    votes = {u.pk: u.votes for u in vote_tally(year)["people"]}
    records = _ballot_records(year, "people", list(ids))
    out = {s.key: Reading(ZERO) for s in subjects}
    out.update(
        {key: Reading(Decimal(votes.get(pk, 0)), None, records[pk]) for pk, key in ids.items()}
    )
    return out


def person_average_rating(year, subjects):
    """Average overall rating of the visits the staff member made in the year; None without
    reviews."""
    ids = _ids(subjects, "user")
    rows = {r["user_id"]: r for r in satisfaction_by_person(_reviews(year))}
    records = _review_records(year, "visit__staff__id", list(ids))
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

SOURCES: dict[str, Source] = {
    s.code: s
    for s in (
        Source(
            "region_negotiated",
            R,
            _("Projects negotiated (intent in the year) against the target"),
            _("projects"),
            _count_projects("negotiated", "intent_date"),
            has_target=True,
        ),
        Source(
            "region_approved",
            R,
            _("FIEs approved in the year against the target"),
            _("projects"),
            _count_projects("approved", "approval_date"),
            has_target=True,
        ),
        Source(
            "region_started",
            R,
            _("FIEs started (groundbreaking) in the year against the target"),
            _("projects"),
            _count_projects("started", "groundbreaking_date"),
            has_target=True,
        ),
        Source(
            "region_utilized_fdi",
            R,
            _("Utilized foreign capital in the year against the target"),
            _("10k USD"),
            region_utilized_fdi,
            has_target=True,
        ),
        Source(
            "region_contracted_fdi",
            R,
            _("Contracted foreign capital of FIEs contracted in the year against the target"),
            _("10k USD"),
            region_contracted_fdi,
            has_target=True,
        ),
        Source(
            "region_input_output",
            R,
            _("Input-output ratio: utilized foreign capital per promotion spending"),
            _("10k USD per 10k CNY"),
            region_input_output,
        ),
        Source(
            "region_overdue_unstarted",
            R,
            _("Approved projects overdue to break ground"),
            _("projects"),
            region_overdue_unstarted,
        ),
        Source(
            "region_falsified",
            R,
            _("Projects found falsely reported by the bureau's checks"),
            _("projects"),
            region_falsified,
        ),
        Source(
            "region_missing_reports",
            R,
            _("Monthly reports not filed by their due day"),
            _("reports"),
            region_missing_reports,
        ),
        Source(
            "unit_average_rating",
            U,
            _("Average rating by enterprises"),
            _("of 5"),
            unit_average_rating,
        ),
        Source(
            "unit_bad_review_rate",
            U,
            _("Bad-review rate"),
            "%",
            unit_bad_review_rate,
        ),
        Source(
            "unit_on_time_rate",
            U,
            _("Cases rectified or explained on time"),
            "%",
            unit_on_time_rate,
            has_target=True,
        ),
        Source(
            "unit_callback_rate",
            U,
            _("Callbacks with the enterprise satisfied"),
            "%",
            unit_callback_rate,
            has_target=True,
        ),
        Source(
            "unit_service_visits",
            U,
            _("Service visits"),
            _("visits"),
            unit_service_visits,
        ),
        Source("unit_votes", U, _("Enterprise votes"), _("votes"), unit_votes),
        Source(
            "person_introduced_fdi",
            P,
            _("Foreign capital arrived on the projects introduced"),
            _("10k USD"),
            person_introduced_fdi,
        ),
        Source(
            "person_contracted_fdi",
            P,
            _("Contracted foreign capital of the projects introduced"),
            _("10k USD"),
            person_contracted_fdi,
        ),
        Source(
            "person_projects_introduced",
            P,
            _("Projects introduced in the year"),
            _("projects"),
            person_projects_introduced,
        ),
        Source("person_votes", P, _("Enterprise votes"), _("votes"), person_votes),
        Source(
            "person_average_rating",
            P,
            _("Average rating of the visits made"),
            _("of 5"),
            person_average_rating,
        ),
    )
}


def source_choices(kind: str | None = None) -> list[tuple[str, str]]:
    return [(s.code, s.label) for s in SOURCES.values() if kind is None or s.kind == kind]


# The default scheme (a new year without last year's to copy): (code, kind, zh, en, weight,
# source, method, params). Weighted indicators of each kind add up to 100.
DEFAULT_INDICATORS = [
    (
        "negotiated",
        R,
        "洽谈项目完成率",
        "Projects negotiated",
        15,
        "region_negotiated",
        "ratio_cap",
        {"cap": "1.2"},
    ),
    (
        "approved",
        R,
        "审批外资项目完成率",
        "FIEs approved",
        20,
        "region_approved",
        "ratio_cap",
        {"cap": "1.2"},
    ),
    ("started", R, "开工外资项目完成率", "FIEs started", 20, "region_started", "tiers", {}),
    (
        "utilized_fdi",
        R,
        "实际利用外资完成率",
        "Utilized foreign capital",
        25,
        "region_utilized_fdi",
        "ratio_cap",
        {"cap": "1.2"},
    ),
    (
        "contracted_fdi",
        R,
        "合同外资完成率",
        "Contracted foreign capital",
        10,
        "region_contracted_fdi",
        "ratio_cap",
        {"cap": "1.2"},
    ),
    (
        "input_output",
        R,
        "招商投入产出比",
        "Input-output ratio",
        10,
        "region_input_output",
        "efficacy",
        {},
    ),
    (
        "overdue_unstarted",
        R,
        "逾期未开工项目扣分",
        "Overdue unstarted projects",
        0,
        "region_overdue_unstarted",
        "deduction",
        {"per_item": "2", "cap": "10"},
    ),
    (
        "falsified",
        R,
        "虚报项目扣分",
        "Falsely reported projects",
        0,
        "region_falsified",
        "deduction",
        {"per_item": "5", "cap": "20"},
    ),
    (
        "missing_reports",
        R,
        "月报缺报迟报扣分",
        "Monthly reports missing or late",
        0,
        "region_missing_reports",
        "deduction",
        {"per_item": "1", "cap": "10"},
    ),
    (
        "average_rating",
        U,
        "企业评价平均分",
        "Average rating",
        30,
        "unit_average_rating",
        "efficacy",
        {},
    ),
    (
        "bad_review_rate",
        U,
        "差评率",
        "Bad-review rate",
        15,
        "unit_bad_review_rate",
        "efficacy",
        {"lower_is_better": True},
    ),
    (
        "on_time",
        U,
        "按时整改率",
        "Rectified on time",
        20,
        "unit_on_time_rate",
        "ratio_cap",
        {"cap": "1"},
    ),
    (
        "callback",
        U,
        "回访满意率",
        "Callbacks satisfied",
        10,
        "unit_callback_rate",
        "ratio_cap",
        {"cap": "1"},
    ),
    ("visits", U, "上门服务次数", "Service visits", 10, "unit_service_visits", "efficacy", {}),
    ("unit_votes", U, "企业投票", "Enterprise votes", 15, "unit_votes", "efficacy", {}),
    (
        "introduced_fdi",
        P,
        "引进项目到位外资",
        "Foreign capital brought in",
        50,
        "person_introduced_fdi",
        "efficacy",
        {},
    ),
    (
        "introduced_contracted",
        P,
        "引进项目合同外资",
        "Contracted foreign capital introduced",
        20,
        "person_contracted_fdi",
        "efficacy",
        {},
    ),
    ("person_votes", P, "企业投票", "Enterprise votes", 15, "person_votes", "efficacy", {}),
    (
        "person_rating",
        P,
        "服务评价",
        "Rating of visits",
        15,
        "person_average_rating",
        "efficacy",
        {},
    ),
    (
        "introduced_projects",
        P,
        "引进项目加分",
        "Projects introduced (bonus)",
        0,
        "person_projects_introduced",
        "bonus",
        {"per_item": "1", "cap": "5"},
    ),
]
