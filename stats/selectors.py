"""Reads of the statistics: which snapshot stands for a period, figures by scope, monthly
series for the charts, version comparison."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Sum, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role
from accounts.scoping import user_region_ids
from chains.models import Chain
from config.names import name_text
from config.typography import month_text
from investors.models import SourceGroup
from projects.models import CapitalArrival, EnterpriseType, Project
from reference.countries import country_name
from reference.models import IndustrySection, Region, RegionKind, ThreeIndustries

from .models import (
    METRICS,
    SPANS,
    MonthlyReport,
    ScopeType,
    SnapshotStatus,
    StatsFigure,
    StatsSnapshot,
    report_due,
    reports_required,
)


class StatsAccess:
    """What a user may read of the statistics (DESIGN.md section 6), in one place for the
    pages, the API and the exports:
    - published figures of every scope: every signed-in role;
    - drafts, runs, superseded versions and revision reasons: admin and bureau (who also
      compute and publish) and the 110 office (read only);
    - district staff also read drafts of their own region with its zones (those scopes only);
    - liaison staff: published figures only."""

    def __init__(self, user):
        self.user = user
        self.manages = user.is_bureau_or_admin
        self.reads_all = user.sees_whole_city
        self.draft_regions: set[int] = set()
        if not self.reads_all and user.role == Role.DISTRICT and user.region_id:
            from .engine import region_descendants

            self.draft_regions = set(region_descendants(user.region_id))

    @property
    def reads_runs(self) -> bool:
        return self.reads_all

    @property
    def reads_revisions(self) -> bool:
        return self.reads_all

    @property
    def reads_some_drafts(self) -> bool:
        return self.reads_all or bool(self.draft_regions)

    def reads_draft_scope(self, scope_type: str, key: str) -> bool:
        if self.reads_all:
            return True
        if scope_type in (ScopeType.REGION, ScopeType.REGION_TREE) and key.isdigit():
            return int(key) in self.draft_regions
        return False

    def snapshots(self):
        """The snapshots this user may list (figures within them still follow
        `reads_draft_scope`)."""
        qs = StatsSnapshot.objects.all()
        if self.reads_all:
            return qs
        if self.draft_regions:
            return qs.exclude(status=SnapshotStatus.SUPERSEDED)
        return qs.filter(status=SnapshotStatus.PUBLISHED)

    def snapshot_for(self, year: int, month: int, scope=None) -> StatsSnapshot | None:
        """The snapshot this user sees for the period (and `scope`, when given): the
        published one, else the draft where the user may read it."""
        snapshot = snapshot_for_period(year, month)
        if snapshot is None or snapshot.status == SnapshotStatus.PUBLISHED:
            return snapshot
        if scope is None:
            return snapshot if self.reads_some_drafts else None
        return snapshot if self.reads_draft_scope(*scope) else None

    def default_period(self, scope=None) -> "DefaultPeriod":
        """The period a page opens on when none is asked for: the newest published period;
        where nothing is published, the newest draft this user may read (for `scope`); where
        nothing is computed, the last closed month. Never the open month merely because the
        calendar says so: it has no figures until it is computed."""
        published = latest_published()
        if published is not None:
            newer = self._newest_draft(scope, after=(published.year, published.month))
            return DefaultPeriod(published.year, published.month, "published", newer)
        draft = self._newest_draft(scope)
        if draft is not None:
            return DefaultPeriod(draft.year, draft.month, "draft")
        year, month = last_closed_period()
        return DefaultPeriod(year, month, "none")

    def _newest_draft(self, scope, after=(0, 0)) -> StatsSnapshot | None:
        drafts = StatsSnapshot.objects.filter(status=SnapshotStatus.DRAFT).order_by(
            "-year", "-month", "-version"
        )
        for draft in drafts[:24]:
            if (draft.year, draft.month) <= after:
                return None
            if self.snapshot_for(draft.year, draft.month, scope) == draft:
                return draft
        return None

    def figures(self, snapshot: StatsSnapshot):
        """The snapshot's figures this user may read."""
        qs = snapshot.figures.all()
        if snapshot.status == SnapshotStatus.PUBLISHED or self.reads_all:
            return qs
        keys = [str(pk) for pk in self.draft_regions]
        return qs.filter(
            scope_type__in=(ScopeType.REGION, ScopeType.REGION_TREE), scope_key__in=keys
        )


@dataclass(frozen=True)
class DefaultPeriod:
    """The period a statistics page opens on, and why (`basis`: "published", "draft" or
    "none", nothing computed yet); `newer_draft` is a draft after it the reader may open."""

    year: int
    month: int
    basis: str
    newer_draft: StatsSnapshot | None = None

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def note(self) -> str:
        if self.basis == "published":
            text = _("Showing %(period)s, the latest published period.") % {
                "period": month_text(self.period)
            }
            if self.newer_draft is not None:
                # Chinese sentences follow each other without a space.
                text += ("" if text.endswith("。") else " ") + _(
                    "A draft of %(period)s is computed but not yet published."
                ) % {"period": month_text(self.newer_draft.period)}
            return text
        if self.basis == "draft":
            return _("Showing %(period)s, the newest computed draft: nothing is published yet.") % {
                "period": month_text(self.period)
            }
        return _("No period has been computed yet; showing %(period)s, the last closed month.") % {
            "period": month_text(self.period)
        }


def last_closed_period(today: dt.date | None = None) -> tuple[int, int]:
    """The month before this one (Asia/Shanghai): the newest period that can be complete."""
    today = today or timezone.localdate()
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def snapshot_for_period(year: int, month: int) -> StatsSnapshot | None:
    """The published snapshot of the period if there is one, else its draft."""
    return (
        StatsSnapshot.objects.filter(year=year, month=month)
        .exclude(status=SnapshotStatus.SUPERSEDED)
        .order_by(
            Case(
                When(status=SnapshotStatus.PUBLISHED, then=0),
                default=1,
                output_field=IntegerField(),
            )
        )
        .first()
    )


def latest_published() -> StatsSnapshot | None:
    return (
        StatsSnapshot.objects.filter(status=SnapshotStatus.PUBLISHED)
        .order_by("-year", "-month", "-version")
        .first()
    )


def records_began() -> dt.date | None:
    """The earliest approval or arrival date of a foreign-invested record."""
    from django.db.models import Min

    first_approval = Project.objects.filter(capital_source__in=("foreign", "hmt")).aggregate(
        d=Min("approval_date")
    )["d"]
    first_arrival = CapitalArrival.objects.aggregate(d=Min("date"))["d"]
    dates = [d for d in (first_approval, first_arrival) if d]
    return min(dates) if dates else None


def periods_offered(open_period: tuple[int, int]) -> list[tuple[str, bool]]:
    """Every month from the first record (or the first computed period) to the open one,
    newest first, each with whether it has been computed."""
    computed = {f"{y}-{m:02d}" for y, m in StatsSnapshot.objects.values_list("year", "month")}
    began = records_began()
    year, month = open_period
    first = (began.year, began.month) if began else (year, month)
    if computed:
        first = min(first, min(tuple(map(int, p.split("-"))) for p in computed))
    periods = []
    while (year, month) >= first:
        period = f"{year}-{month:02d}"
        periods.append((period, period in computed))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return periods


def versions(year: int, month: int):
    return StatsSnapshot.objects.filter(year=year, month=month).select_related("published_by")


def figures_by_type(snapshot: StatsSnapshot) -> dict[str, list[StatsFigure]]:
    grouped: dict[str, list[StatsFigure]] = {t: [] for t in ScopeType.values}
    for f in snapshot.figures.all():
        grouped[f.scope_type].append(f)
    return grouped


def city_figure(snapshot: StatsSnapshot | None) -> StatsFigure | None:
    if snapshot is None:
        return None
    return snapshot.figures.filter(scope_type=ScopeType.CITY, scope_key="").first()


def parse_scope(text: str | None) -> tuple[str, str]:
    """`city` (default), a region id, an industry section letter, a source group (`foreign`,
    `hmt`), or an explicit `type:key` (`country:DE`, `three_industry:primary`,
    `enterprise_type:wfoe`, `region:3`, `industry:C`). ValueError when unknown."""
    text = (text or "city").strip()
    if text == "city":
        return ScopeType.CITY, ""
    if ":" in text:
        kind, key = text.split(":", 1)
        if kind not in ScopeType.values or kind == ScopeType.CITY:
            raise ValueError(text)
        return kind, key
    if text.isdigit():
        return ScopeType.REGION, text
    if len(text) == 1 and text.isalpha():
        return ScopeType.INDUSTRY, text.upper()
    if text in (SourceGroup.FOREIGN, SourceGroup.HMT, SourceGroup.DOMESTIC):
        return ScopeType.SOURCE_GROUP, text
    raise ValueError(text)


def region_breakdown(figures, city_keys: set[str], *, spending: bool = False) -> list:
    """`figures` without the city level's where nothing counts in it: a district, county or
    zone always has its row (a zero is news there), the city level (市本级) only when a record
    counts in it — or, with `spending`, when the bureau's own promotion spending does (the
    export's rows carry spending; the pages' tables and bars do not)."""
    return [
        f
        for f in figures
        if f.scope_type != ScopeType.REGION
        or f.scope_key not in city_keys
        or f.has_investment
        or (spending and f.has_spending)
    ]


class ScopeLabels:
    """Readable names of scope keys in the active language, looked up once. The city region
    as a REGION scope is "City level" (市本级): the records filed on the city itself, beside the
    districts, not the whole city."""

    def __init__(self):
        regions = list(Region.objects.all())
        self.city_keys = {str(r.pk) for r in regions if r.kind == RegionKind.CITY}
        self.regions = {
            str(r.pk): _("City level") if r.kind == RegionKind.CITY else name_text(r)
            for r in regions
        }
        self.industries = {
            s.code: f"{s.code} {name_text(s)}" for s in IndustrySection.objects.all()
        }
        self.chains = {str(c.pk): name_text(c) for c in Chain.objects.all()}

    def __call__(self, scope_type: str, key: str) -> str:
        if scope_type == ScopeType.CITY:
            return _("Whole city")
        if not key:
            return _("Not recorded")
        if scope_type == ScopeType.REGION:
            return self.regions.get(key, key)
        if scope_type == ScopeType.REGION_TREE:
            return _("%(region)s with its zones") % {"region": self.regions.get(key, key)}
        if scope_type == ScopeType.INDUSTRY:
            return self.industries.get(key, key)
        if scope_type == ScopeType.THREE_INDUSTRY:
            return str(dict(ThreeIndustries.choices).get(key, key))
        if scope_type == ScopeType.SOURCE_GROUP:
            return str(dict(SourceGroup.choices).get(key, key))
        if scope_type == ScopeType.ENTERPRISE_TYPE:
            return str(dict(EnterpriseType.choices).get(key, key))
        if scope_type == ScopeType.COUNTRY:
            return country_name(key)
        if scope_type == ScopeType.CHAIN:
            return self.chains.get(key, key)
        return key


def monthly_utilized(year: int, scope=None) -> dict[int, list[Decimal]]:
    """Utilized foreign capital (10k USD) by month for `year` and the year before, from the
    records now, for one scope (one grouped query)."""
    from .engine import FOREIGN_INVESTED, scope_filter

    where = scope_filter(*scope, arrivals=True) if scope else Q()
    rows = (
        CapitalArrival.objects.filter(
            FOREIGN_INVESTED,
            where,
            date__gte=dt.date(year - 1, 1, 1),
            date__lte=dt.date(year, 12, 31),
        )
        .order_by()
        .annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
        .values("y", "m")
        .annotate(total=Sum("amount_usd_10k"))
    )
    series = {year - 1: [Decimal(0)] * 12, year: [Decimal(0)] * 12}
    for row in rows:
        series[row["y"]][row["m"] - 1] = row["total"]
    return series


def utilized_by(year: int, month: int, scope, by: str) -> list[tuple[str, str, Decimal]]:
    """Utilized foreign capital of one scope, January to `month` of `year`, from the records
    now, by `region` or `country`: [(scope type, key, total)]."""
    from .calculations import period_windows
    from .engine import FOREIGN_INVESTED, scope_filter

    start, end = period_windows(year, month)["ytd"]
    column = "region_id" if by == "region" else "country"
    rows = (
        CapitalArrival.objects.filter(
            FOREIGN_INVESTED, scope_filter(*scope, arrivals=True), date__range=(start, end)
        )
        .order_by()
        .values(column)
        .annotate(total=Sum("amount_usd_10k"))
    )
    scope_type = ScopeType.REGION if by == "region" else ScopeType.COUNTRY
    return [(scope_type, str(r[column] or ""), r["total"]) for r in rows]


def compare(a: StatsSnapshot, b: StatsSnapshot) -> list[dict]:
    """Side by side: every scope, metric and span where the two versions differ."""
    fa = {(f.scope_type, f.scope_key): f for f in a.figures.all()}
    fb = {(f.scope_type, f.scope_key): f for f in b.figures.all()}
    rows = []
    for scope in sorted(set(fa) | set(fb)):
        for metric in METRICS:
            for span in SPANS:
                va = fa[scope].value(metric, span) if scope in fa else None
                vb = fb[scope].value(metric, span) if scope in fb else None
                if va != vb:
                    rows.append(
                        {
                            "scope_type": scope[0],
                            "scope_key": scope[1],
                            "metric": metric,
                            "span": span,
                            "a": va,
                            "b": vb,
                            "difference": (vb or 0) - (va or 0),
                        }
                    )
    return rows


def span_label(span: str) -> str:
    return {
        "month": _("month"),
        "ytd": _("year to date"),
        "ytd_last_year": _("same span last year"),
        "cumulative": _("cumulative"),
    }[span]


def growth_basis(snapshot: StatsSnapshot, figure: StatsFigure, scope) -> str | None:
    """One line saying what growth was computed against, where it matters: growth compares
    with last year's same span from the records now (a comparable basis); when last year's
    published figure differs, name it and the metrics where it differs. None when they agree
    or nothing was published."""
    if not snapshot.compared_with:
        return None
    ref = snapshot.compared_with[0]
    published = StatsFigure.objects.filter(
        snapshot_id=ref["id"], scope_type=scope[0], scope_key=scope[1]
    ).first()
    from .exports import metric_label

    differ = [
        metric_label(m)
        for m in METRICS
        if (published.value(m, "ytd") if published else 0) != figure.value(m, "ytd_last_year")
    ]
    if not differ:
        return None
    return _(
        "Growth is against last year's same span from the records now (a comparable basis); "
        "last year's published figures (%(period)s, version %(version)s) differ for: "
        "%(metrics)s."
    ) % {"period": ref["period"], "version": ref["version"], "metrics": ", ".join(differ)}


# --- monthly reports ---------------------------------------------------------------------------


class ReportState:
    ON_TIME = "on_time"  # filed by the due day
    LATE = "late"  # filed after the due day
    MISSING = "missing"  # the due day has passed and nothing is filed
    DUE = "due"  # the month has ended; the due day has not passed
    NOT_YET = "not_yet"  # the month has not ended
    NOT_OWED = "not_owed"  # before MONTHLY_REPORTS_FROM

    LABELS = {
        ON_TIME: gettext_lazy("Filed on time"),
        LATE: gettext_lazy("Filed late"),
        MISSING: gettext_lazy("Missing"),
        DUE: gettext_lazy("Awaiting the report"),
        NOT_YET: gettext_lazy("Not yet due"),
        NOT_OWED: gettext_lazy("Not owed"),
    }


def report_state(year: int, month: int, report, today: dt.date) -> str:
    """A month's report as it stands on `today`. Once the due day has passed the state no
    longer changes: a report filed later is late, not on time."""
    if report is not None:
        return ReportState.ON_TIME if report.on_time else ReportState.LATE
    if not reports_required(year, month):
        return ReportState.NOT_OWED
    next_month = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    if today < next_month:
        return ReportState.NOT_YET
    return ReportState.MISSING if today > report_due(year, month) else ReportState.DUE


def report_regions(user):
    """The regions whose monthly reports the user reads: every district, county and zone for
    those who see the whole city, a district's own for district staff; PermissionDenied for
    the rest (liaison units file no regional reports)."""
    regions = Region.objects.exclude(kind=RegionKind.CITY).order_by("sort_order", "code", "pk")
    if user.sees_whole_city:
        return regions
    ids = user_region_ids(user)
    if ids is None:
        raise PermissionDenied
    return regions.filter(pk__in=ids)


def report_grid(user, year: int, today: dt.date | None = None) -> list[dict]:
    """One row per region the user reads, one cell per month of `year`: its state, due day
    and report. Two queries."""
    today = today or timezone.localdate()
    regions = list(report_regions(user))
    reports = {
        (r.region_id, r.month): r
        for r in MonthlyReport.objects.standing()
        .filter(year=year, region__in=[g.pk for g in regions])
        .order_by()
    }
    rows = []
    for region in regions:
        cells = []
        for month in range(1, 13):
            report = reports.get((region.pk, month))
            state = report_state(year, month, report, today)
            cells.append(
                {
                    "month": month,
                    "due": report_due(year, month),
                    "state": state,
                    "label": ReportState.LABELS[state],
                    "report": report,
                }
            )
        counts = {s: sum(1 for c in cells if c["state"] == s) for s in ReportState.LABELS}
        rows.append({"region": region, "cells": cells, "counts": counts})
    return rows


def reports_due_in(year: int, as_of: dt.date) -> list[tuple[int, int, dt.date]]:
    """The months whose report fell due in `year` before `as_of`: December of the year before
    and January to November (each month counts once, in the year its due day falls in)."""
    months = [(year - 1, 12)] + [(year, m) for m in range(1, 12)]
    out = []
    for y, m in months:
        due = report_due(y, m)
        if due.year == year and due < as_of and reports_required(y, m):
            out.append((y, m, due))
    return out


def reports_not_filed_by_due(year: int, region_ids, as_of: dt.date) -> dict[int, list[dict]]:
    """Per region, the reports due in `year` (before `as_of`) that were not filed by their due
    day: missing ones and late ones, each with what happened."""
    due = reports_due_in(year, as_of)
    periods = Q()
    for y, m, _due in due:
        periods |= Q(year=y, month=m)
    filed = {}
    if due:
        reports = MonthlyReport.objects.standing().filter(periods, region_id__in=region_ids)
        for r in reports.order_by():
            filed[(r.region_id, r.year, r.month)] = r
    out = {pk: [] for pk in region_ids}
    for pk in region_ids:
        for y, m, day in due:
            report = filed.get((pk, y, m))
            if report is None or not report.on_time:
                out[pk].append({"year": y, "month": m, "due": day, "report": report})
    return out


def reports_to_file(user, today: dt.date | None = None) -> list[dict]:
    """For district staff: the reports their regions still owe, from December of last year to
    last month (a missing one can still be filed, late), oldest first. Empty for the other
    roles (the bureau reads the grid)."""
    today = today or timezone.localdate()
    if user.role != Role.DISTRICT:
        return []
    regions = list(report_regions(user))
    months = [(today.year - 1, 12)] + [(today.year, m) for m in range(1, today.month)]
    months = [(y, m) for y, m in months if reports_required(y, m)]
    if not months:
        return []
    periods = Q()
    for y, m in months:
        periods |= Q(year=y, month=m)
    filed = set(
        MonthlyReport.objects.standing()
        .filter(periods, region__in=regions)
        .order_by()
        .values_list("region_id", "year", "month")
    )
    out = []
    for y, m in months:
        for region in regions:
            if (region.pk, y, m) not in filed:
                state = report_state(y, m, None, today)
                out.append(
                    {
                        "region": region,
                        "period": f"{y}-{m:02d}",
                        "due": report_due(y, m),
                        "state": state,
                        "label": ReportState.LABELS[state],
                    }
                )
    return out
