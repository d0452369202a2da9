"""The FDI statistics engine (DESIGN.md section 5): computes one period's figures for every
scope in the database with grouped aggregation queries.

For a period (year Y, month M):
- new FIEs, total investment and contracted foreign capital count projects with capital source
  foreign or 港澳台 whose approval date falls in the span (a correction that moved a project
  back before approval cleared that date, so it no longer counts);
- utilized foreign capital sums capital arrivals dated in the span, whatever the approval,
  by the project classification each arrival carries (kept in step by the services);
- spans: the month; January to M (ytd); the same span last year; cumulative since records
  began.

Published figures are the base of later ones, as cumulative statistics are reported: when the
previous month is published, ytd = its published ytd + this month, and cumulative likewise;
the same span last year is last year's published figure for it (what growth is stated
against); before January, the cumulative base is last December's published figure. Whatever
is not published is computed from the data. So a published figure never drifts into later
ones silently: a late entry for a published month shows once that month is revised.

The month is always computed from the data. Each span from the data is one grouped query per
table (grouped by region, industry, capital source, country and enterprise type at once); the
few hundred groups are then summed into the seven breakdowns here."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Q, Sum

from investors.models import PromotionActivity
from projects.models import CapitalArrival, Project
from reference.models import IndustrySection

from .calculations import period_windows
from .models import METRICS, ScopeType, SnapshotStatus, StatsFigure

FOREIGN_INVESTED = Q(capital_source__in=("foreign", "hmt"))
ZERO = Decimal("0")
EARLIEST = dt.date(1900, 1, 1)

Scope = tuple[str, str]


def _new_totals():
    return {m: (0 if m == "new_fie_count" else ZERO) for m in METRICS}


def _scopes(region_id, industry_id, capital_source, country, enterprise_type, industries) -> list:
    code, three = industries.get(industry_id, ("", ""))
    return [
        (ScopeType.CITY, ""),
        (ScopeType.REGION, str(region_id or "")),
        (ScopeType.INDUSTRY, code),
        (ScopeType.THREE_INDUSTRY, three),
        (ScopeType.SOURCE_GROUP, capital_source or ""),
        (ScopeType.COUNTRY, country or ""),
        (ScopeType.ENTERPRISE_TYPE, enterprise_type or ""),
    ]


def industry_map() -> dict[int, tuple[str, str]]:
    """Industry section id → (code, three-industry group)."""
    return {
        pk: (code, three)
        for pk, code, three in IndustrySection.objects.values_list("pk", "code", "three_industry")
    }


def window_totals(
    start: dt.date, end: dt.date, *, industries: dict, month_start: dt.date | None = None
):
    """Per-scope totals of the four metrics over [start, end]; with `month_start`, a second
    set over [month_start, end]. Returns ({scope: totals}, {scope: month totals})."""
    in_month = Q(approval_date__gte=month_start) if month_start else Q(pk__in=[])
    projects = (
        Project.objects.filter(FOREIGN_INVESTED, approval_date__range=(start, end))
        .order_by()
        .values(
            "region_id", "industry_id", "capital_source", "investor__country", "enterprise_type"
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
        CapitalArrival.objects.filter(FOREIGN_INVESTED, date__range=(start, end))
        .order_by()
        .values("region_id", "industry_id", "capital_source", "country", "enterprise_type")
        .annotate(u=Sum("amount_usd_10k"), u_m=Sum("amount_usd_10k", filter=arrived_in_month))
    )
    span = defaultdict(_new_totals)
    month = defaultdict(_new_totals)
    for row in projects:
        for scope in _scopes(
            row["region_id"],
            row["industry_id"],
            row["capital_source"],
            row["investor__country"],
            row["enterprise_type"],
            industries,
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
            row["region_id"],
            row["industry_id"],
            row["capital_source"],
            row["country"],
            row["enterprise_type"],
            industries,
        ):
            span[scope]["utilized_fdi_usd_10k"] += row["u"] or ZERO
            month[scope]["utilized_fdi_usd_10k"] += row["u_m"] or ZERO
    return dict(span), dict(month)


def _published(year: int, month: int, *spans: str) -> list[dict[Scope, dict]] | None:
    """The published figures of a period for each of `spans`, in one query; None when the
    period is not published (a published snapshot always has at least the city's row)."""
    columns = [f"{m}_{span}" for span in spans for m in METRICS]
    rows = StatsFigure.objects.filter(
        snapshot__year=year, snapshot__month=month, snapshot__status=SnapshotStatus.PUBLISHED
    ).values("scope_type", "scope_key", *columns)
    result = [{} for _ in spans]
    for row in rows:
        scope = (row["scope_type"], row["scope_key"])
        for i, span in enumerate(spans):
            result[i][scope] = {m: row[f"{m}_{span}"] for m in METRICS}
    return result if result[0] else None


def _period(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


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


def _add(a: dict[Scope, dict], b: dict[Scope, dict]) -> dict[Scope, dict]:
    result = {}
    for scope in set(a) | set(b):
        x, y = a.get(scope, _new_totals()), b.get(scope, _new_totals())
        result[scope] = {m: x[m] + y[m] for m in METRICS}
    return result


def compute_period(year: int, month: int, *, progress: Callable[[int], None] = lambda p: None):
    """Every scope's figures for the period, as unsaved StatsFigure objects, and a note of the
    published periods it was built on (empty: everything from the data)."""
    windows = period_windows(year, month)
    industries = industry_map()
    bases = []

    # Progress is reported after the long steps, those that read a span of the data.
    previous = _published(year, month - 1, "ytd", "cumulative") if month > 1 else None
    if previous:
        month_part, _unused = window_totals(*windows["month"], industries=industries)
        previous_ytd, previous_cumulative = previous
        ytd = _add(previous_ytd, month_part)
        bases.append(_period(year, month - 1))
    else:
        ytd, month_part = window_totals(
            *windows["ytd"], industries=industries, month_start=windows["month"][0]
        )
        progress(40)

    base_ly = _published(year - 1, month, "ytd")
    if base_ly:
        (last_year,) = base_ly
        bases.append(_period(year - 1, month))
    else:
        last_year, _unused = window_totals(*windows["ytd_last_year"], industries=industries)
        progress(60)

    if previous:
        cumulative = _add(previous_cumulative, month_part)
    else:
        december = _published(year - 1, 12, "cumulative")
        if december:
            (before,) = december
            bases.append(_period(year - 1, 12))
        else:
            before, _unused = window_totals(
                EARLIEST, windows["ytd"][0] - dt.timedelta(days=1), industries=industries
            )
            progress(80)
        cumulative = _add(before, ytd)

    spent = spending(windows)
    scopes = set(ytd) | set(last_year) | set(cumulative) | set(spent) | {(ScopeType.CITY, "")}
    figures = []
    for scope in sorted(scopes):
        spans = {
            "month": month_part.get(scope, _new_totals()),
            "ytd": ytd.get(scope, _new_totals()),
            "ytd_last_year": last_year.get(scope, _new_totals()),
            "cumulative": cumulative.get(scope, _new_totals()),
        }
        values = {f"{m}_{span}": spans[span][m] for m in METRICS for span in spans}
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
    return figures, ", ".join(sorted(set(bases)))
