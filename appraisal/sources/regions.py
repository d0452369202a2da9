"""Data sources of the regions (districts, counties, county-level cities, development
zones): each counts its own projects. One function per source, registered with `@source`."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from investors.models import PromotionActivity
from projects.models import CheckResult, Project, ProjectCheck, RegionTarget, Status
from projects.selectors import FOREIGN_INVESTED, achievement_filters
from reference.models import Region, RegionKind
from stats.engine import spending
from stats.models import ScopeType
from stats.selectors import reports_not_filed_by_due

from ..models import SubjectKind
from .common import arrivals_by, project_record
from .registry import ZERO, Reading, Subject, as_text, day_read, ids_of, source

R = SubjectKind.REGION
# An approved project not broken ground this many days after its approval, by the year's
# end, is an overdue unstarted project (a deduction).
OVERDUE_START_DAYS = 180


def regions() -> list[Subject]:
    """Every district, county, county-level city and development zone: each counts its own
    projects (a district's zones are ranked by themselves)."""
    return [
        Subject(f"region:{r.pk}", r.name_zh_hans or r.name, r.name_en or "")
        for r in Region.objects.exclude(kind=RegionKind.CITY).order_by("sort_order", "code", "pk")
    ]


def _region_targets(year: int, measure: str) -> dict[int, Decimal | None]:
    """Each region's target for a measure; a region without targets for the year has the
    design's defaults (4 negotiated, 2 approved, 1 started). A foreign-capital target that is
    not set (no row, or 0) is None: no target, which the scoring treats as missing data."""
    default = RegionTarget._meta.get_field(measure).default
    set_ = dict(RegionTarget.objects.filter(year=year).values_list("region_id", measure))
    out = defaultdict(lambda: Decimal(default) or None)
    out.update({k: Decimal(v) or None for k, v in set_.items()})
    return out


def targets_set(year: int) -> set[int]:
    """The regions with a targets row for the year (the others are read with the defaults)."""
    return set(RegionTarget.objects.filter(year=year).values_list("region_id", flat=True))


def _count_projects(measure: str, date_field: str):
    def read(year, subjects):
        ids = ids_of(subjects, "region")
        targets = _region_targets(year, measure)
        own = targets_set(year)
        rows = (
            Project.objects.filter(achievement_filters(year)[measure], region_id__in=ids)
            .order_by(date_field, "pk")
            .values("pk", "name", "region_id", date_field)
        )
        grouped = defaultdict(list)
        for p in rows:
            grouped[p["region_id"]].append(project_record(p, date_field))
        return {
            key: Reading(
                Decimal(len(grouped[pk])),
                targets[pk],
                grouped[pk],
                {} if pk in own else {"default_target": True},
            )
            for pk, key in ids.items()
        }

    return read


source(
    "region_negotiated",
    R,
    _("Projects negotiated (intent in the year) against the target"),
    _("projects"),
    has_target=True,
)(_count_projects("negotiated", "intent_date"))
source(
    "region_approved",
    R,
    _("FIEs approved in the year against the target"),
    _("projects"),
    has_target=True,
)(_count_projects("approved", "approval_date"))
source(
    "region_started",
    R,
    _("FIEs started (groundbreaking) in the year against the target"),
    _("projects"),
    has_target=True,
)(_count_projects("started", "groundbreaking_date"))


@source(
    "region_utilized_fdi",
    R,
    _("Utilized foreign capital in the year against the target"),
    _("10k USD"),
    has_target=True,
)
def region_utilized_fdi(year, subjects):
    """Capital arrived in the year on the region's projects (as the targets table counts it)."""
    ids = ids_of(subjects, "region")
    targets = _region_targets(year, "utilized_fdi_usd_10k")
    grouped = arrivals_by(year, "project__region_id", Q(project__region_id__in=ids))
    out = {}
    for pk, key in ids.items():
        total, records = grouped.get(pk, (ZERO, []))
        out[key] = Reading(total, targets[pk], records)
    return out


@source(
    "region_contracted_fdi",
    R,
    _("Contracted foreign capital of FIEs contracted in the year against the target"),
    _("10k USD"),
    has_target=True,
)
def region_contracted_fdi(year, subjects):
    """Contracted foreign capital of the region's foreign-invested projects contracted in the
    year (the targets table's rule), against the region's target for it."""
    ids = ids_of(subjects, "region")
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
        g[1].append(project_record(p, "contract_date", "contracted_fdi_usd_10k"))
    return {key: Reading(grouped[pk][0], targets[pk], grouped[pk][1]) for pk, key in ids.items()}


@source(
    "region_input_output",
    R,
    _("Input-output ratio: utilized foreign capital per promotion spending"),
    _("10k USD per 10k CNY"),
)
def region_input_output(year, subjects):
    """Utilized foreign capital (10k USD) per 10k CNY of promotion spending in the year: the
    spending as the statistics engine sums it (activities the region organised, starting in
    the year). A region that attracted capital at no recorded cost is the top of the field
    (`best`); one that neither spent nor attracted anything has no data."""
    ids = ids_of(subjects, "region")
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
                "date": as_text(a["start_date"]),
                "amount": as_text(a["cost_cny_10k"]),
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
            {"utilized_fdi_usd_10k": as_text(fdi), "spending_cny_10k": as_text(cost)},
            best=not cost and fdi > 0,
        )
    return out


@source(
    "region_overdue_unstarted",
    R,
    _("Approved projects overdue to break ground"),
    _("projects"),
)
def region_overdue_unstarted(year, subjects):
    """Active foreign-invested projects approved more than OVERDUE_START_DAYS before the
    year's end (or today) and not broken ground by then."""
    ids = ids_of(subjects, "region")
    day = day_read(year)
    limit = day - dt.timedelta(days=OVERDUE_START_DAYS)
    rows = (
        Project.objects.filter(
            FOREIGN_INVESTED,
            region_id__in=ids,
            status=Status.ACTIVE,
            approval_date__lte=limit,
        )
        .filter(Q(groundbreaking_date__isnull=True) | Q(groundbreaking_date__gt=day))
        .order_by("approval_date", "pk")
        .values("pk", "name", "region_id", "approval_date")
    )
    grouped = defaultdict(list)
    for p in rows:
        grouped[p["region_id"]].append(project_record(p, "approval_date"))
    return {key: Reading(Decimal(len(grouped[pk])), None, grouped[pk]) for pk, key in ids.items()}


@source(
    "region_falsified",
    R,
    _("Projects found falsely reported by the bureau's checks"),
    _("projects"),
)
def region_falsified(year, subjects):
    """Projects the bureau's checks in the year found falsely reported (a finding later
    withdrawn does not count), by the project's region. One project found false twice in a
    year counts twice: each check is a separate report found false."""
    ids = ids_of(subjects, "region")
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
                "date": as_text(c["checked_on"]),
                "note": c["finding"][:200],
            }
        )
    return {key: Reading(Decimal(len(grouped[pk])), None, grouped[pk]) for pk, key in ids.items()}


@source(
    "region_missing_reports",
    R,
    _("Monthly reports not filed by their due day"),
    _("reports"),
)
def region_missing_reports(year, subjects):
    """Monthly reports that fell due in the year (by the year's end, or today) and were not
    filed by their due day: missing ones and late ones. December's report falls due in
    January, so it counts in the next year's appraisal."""
    ids = ids_of(subjects, "region")
    missed = reports_not_filed_by_due(year, list(ids), day_read(year))
    out = {}
    for pk, key in ids.items():
        records = [
            {
                "type": "report",
                "id": m["report"].pk if m["report"] else "—",
                "label": f"{m['year']}-{m['month']:02d}",
                "date": as_text(m["due"]),
                "state": "late" if m["report"] else "missing",
                "filed_on": as_text(m["report"].filed_on) if m["report"] else None,
            }
            for m in missed[pk]
        ]
        out[key] = Reading(Decimal(len(records)), None, records)
    return out
