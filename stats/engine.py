"""The FDI statistics engine (DESIGN.md section 5): computes one period's figures for every
scope in the database with grouped aggregation queries.

For a period (year Y, month M):
- new FIEs, total investment and contracted foreign capital count projects with capital source
  foreign or 港澳台 whose approval date falls in the span (a correction that moved a project
  back before approval cleared that date, so it no longer counts);
- utilized foreign capital sums capital arrivals dated in the span, whatever the approval;
- spans: the month; January to M (ytd); the same span last year; cumulative since records
  began = everything before Y plus ytd.

The current year is always computed from the data. Last year's same span and the total before
Y come from last year's *published* snapshots when they exist (the figures that were announced
and that growth is stated against), otherwise from the data. Each source is one grouped query
per table (grouped by region, industry, capital source, country and enterprise type at once);
the few thousand groups are then summed into the seven breakdowns here."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Q, Sum

from investors.models import PromotionActivity
from projects.models import CapitalArrival, Project
from reference.models import IndustrySection

from .calculations import period_windows
from .models import METRICS, ScopeType, SnapshotStatus, StatsFigure, StatsSnapshot

FOREIGN_INVESTED = Q(capital_source__in=("foreign", "hmt"))
ZERO = Decimal("0")
EARLIEST = dt.date(1900, 1, 1)

Scope = tuple[str, str]


def _new_totals():
    return {m: (0 if m == "new_fie_count" else ZERO) for m in METRICS}


def _scopes(region_id, industry_code, capital_source, country, enterprise_type, three) -> list:
    return [
        (ScopeType.CITY, ""),
        (ScopeType.REGION, str(region_id or "")),
        (ScopeType.INDUSTRY, industry_code or ""),
        (ScopeType.THREE_INDUSTRY, three.get(industry_code, "")),
        (ScopeType.SOURCE_GROUP, capital_source or ""),
        (ScopeType.COUNTRY, country or ""),
        (ScopeType.ENTERPRISE_TYPE, enterprise_type or ""),
    ]


def three_industry_map() -> dict[str, str]:
    return dict(IndustrySection.objects.values_list("code", "three_industry"))


def window_totals(
    start: dt.date, end: dt.date, *, three: dict[str, str], month_start: dt.date | None = None
):
    """Per-scope totals of the four metrics over [start, end]; with `month_start`, a second
    set over [month_start, end]. Returns ({scope: totals}, {scope: month totals})."""
    in_month = Q(approval_date__gte=month_start) if month_start else Q(pk__in=[])
    projects = (
        Project.objects.filter(FOREIGN_INVESTED, approval_date__range=(start, end))
        .order_by()
        .values(
            "region_id", "industry__code", "capital_source", "investor__country", "enterprise_type"
        )
        .annotate(
            n=Count("id"),
            ti=Sum("total_investment_cny_10k"),
            cf=Sum("contracted_fdi_usd_10k"),
            n_m=Count("id", filter=in_month),
            ti_m=Sum("total_investment_cny_10k", filter=in_month),
            cf_m=Sum("contracted_fdi_usd_10k", filter=in_month),
        )
    )
    arrived_in_month = Q(date__gte=month_start) if month_start else Q(pk__in=[])
    arrivals = (
        CapitalArrival.objects.filter(date__range=(start, end))
        .order_by()
        .values(
            "project__region_id",
            "project__industry__code",
            "project__capital_source",
            "project__investor__country",
            "project__enterprise_type",
        )
        .annotate(u=Sum("amount_usd_10k"), u_m=Sum("amount_usd_10k", filter=arrived_in_month))
    )
    span = defaultdict(_new_totals)
    month = defaultdict(_new_totals)
    for row in projects:
        for scope in _scopes(
            row["region_id"],
            row["industry__code"],
            row["capital_source"],
            row["investor__country"],
            row["enterprise_type"],
            three,
        ):
            t, m = span[scope], month[scope]
            t["new_fie_count"] += row["n"]
            t["total_investment_cny_10k"] += row["ti"] or ZERO
            t["contracted_fdi_usd_10k"] += row["cf"] or ZERO
            m["new_fie_count"] += row["n_m"]
            m["total_investment_cny_10k"] += row["ti_m"] or ZERO
            m["contracted_fdi_usd_10k"] += row["cf_m"] or ZERO
    for row in arrivals:
        for scope in _scopes(
            row["project__region_id"],
            row["project__industry__code"],
            row["project__capital_source"],
            row["project__investor__country"],
            row["project__enterprise_type"],
            three,
        ):
            span[scope]["utilized_fdi_usd_10k"] += row["u"] or ZERO
            month[scope]["utilized_fdi_usd_10k"] += row["u_m"] or ZERO
    return dict(span), dict(month)


def _published(year: int, month: int) -> StatsSnapshot | None:
    return StatsSnapshot.objects.filter(
        year=year, month=month, status=SnapshotStatus.PUBLISHED
    ).first()


def _from_snapshot(snapshot: StatsSnapshot, span: str) -> dict[Scope, dict]:
    result = {}
    for f in snapshot.figures.all():
        result[(f.scope_type, f.scope_key)] = {m: f.value(m, span) for m in METRICS}
    return result


def spending(windows) -> dict[Scope, dict]:
    """Promotion spending (activities starting in the span) for the city and each organiser
    region, this year and the same span last year."""
    (ys, ye), (ls, le) = windows["ytd"], windows["ytd_last_year"]
    rows = (
        PromotionActivity.objects.filter(
            Q(start_date__range=(ys, ye)) | Q(start_date__range=(ls, le))
        )
        .order_by()
        .values("organiser_region_id")
        .annotate(
            now=Sum("cost_cny_10k", filter=Q(start_date__range=(ys, ye))),
            last=Sum("cost_cny_10k", filter=Q(start_date__range=(ls, le))),
        )
    )
    result = {(ScopeType.CITY, ""): {"ytd": ZERO, "ytd_last_year": ZERO}}
    for row in rows:
        now, last = row["now"] or ZERO, row["last"] or ZERO
        result[(ScopeType.CITY, "")]["ytd"] += now
        result[(ScopeType.CITY, "")]["ytd_last_year"] += last
        result[(ScopeType.REGION, str(row["organiser_region_id"]))] = {
            "ytd": now,
            "ytd_last_year": last,
        }
    return result


def compute_period(year: int, month: int, *, progress: Callable[[int], None] = lambda p: None):
    """Every scope's figures for the period, as unsaved StatsFigure objects, and where the
    bases came from ("published" or "data")."""
    windows = period_windows(year, month)
    three = three_industry_map()
    ytd_start, ytd_end = windows["ytd"]
    ytd, month_part = window_totals(
        ytd_start, ytd_end, three=three, month_start=windows["month"][0]
    )
    progress(40)

    base_ly = _published(year - 1, month)
    if base_ly:
        last_year = _from_snapshot(base_ly, "ytd")
    else:
        last_year, _unused = window_totals(*windows["ytd_last_year"], three=three)
    progress(60)

    base_before = _published(year - 1, 12)
    if base_before:
        before = _from_snapshot(base_before, "cumulative")
    else:
        before, _unused = window_totals(EARLIEST, ytd_start - dt.timedelta(days=1), three=three)
    progress(80)

    spent = spending(windows)
    scopes = set(ytd) | set(last_year) | set(before) | {(ScopeType.CITY, "")}
    figures = []
    for scope in sorted(scopes):
        now, m, ly, b = (
            ytd.get(scope, _new_totals()),
            month_part.get(scope, _new_totals()),
            last_year.get(scope, _new_totals()),
            before.get(scope, _new_totals()),
        )
        values = {}
        for metric in METRICS:
            values[f"{metric}_month"] = m[metric]
            values[f"{metric}_ytd"] = now[metric]
            values[f"{metric}_ytd_last_year"] = ly[metric]
            values[f"{metric}_cumulative"] = b[metric] + now[metric]
        s = spent.get(scope)
        figures.append(
            StatsFigure(
                scope_type=scope[0],
                scope_key=scope[1],
                promotion_spending_cny_10k_ytd=s["ytd"] if s else None,
                promotion_spending_cny_10k_ytd_last_year=s["ytd_last_year"] if s else None,
                **values,
            )
        )
    source = "published" if (base_ly and base_before) else "data"
    return figures, source
