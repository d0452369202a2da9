"""The FDI statistics engine (DESIGN.md section 5): computes one period's figures for every
scope from the records, every time.

For a period (year Y, month M):
- new FIEs, total investment and contracted foreign capital count projects with capital source
  foreign or 港澳台 whose approval date falls in the span (a correction that moved a project
  back before approval cleared that date, so it no longer counts);
- utilized foreign capital sums capital arrivals dated in the span, whatever the approval,
  by the project classification each arrival carries (kept in step by the services);
- domestic capital from outside the province (到位省外资金, 10k CNY) sums the domestic
  arrivals of domestic projects dated in the span, grouped the same way;
- spans: the month; January to M (ytd); the same span last year; cumulative since records
  began.

Every span is computed from the records: a published period is never a base that later
figures add to, so a correction, a late entry or a revision in an earlier month reaches every
figure computed after it. Published snapshots are shown beside the records (see
`stats.drift`), never added to them.

One grouped query per table reads all four spans at once (filtered aggregates over the rows
dated up to the period's end, grouped by region, industry, capital source, country and
enterprise type); the few hundred groups are then summed into the breakdowns here. A project
also counts in `region_tree` of its region and of every region above it (below the city): a
district "with its zones"."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min, Q, Sum

from chains.models import Chain, ProjectLink
from config.search import matches_subquery
from investors.models import PromotionActivity
from projects.models import CapitalArrival, DomesticArrival, Project
from reference.models import IndustrySection, Region, RegionKind

from .calculations import period_windows
from .models import METRICS, OPENING_METRICS, SPANS, ScopeType, StatsFigure

FOREIGN_INVESTED = Q(capital_source__in=("foreign", "hmt"))
ZERO = Decimal("0")
EARLIEST = dt.date(1900, 1, 1)

Scope = tuple[str, str]


def _new_totals():
    return {m: (0 if m == "new_fie_count" else ZERO) for m in METRICS}


def industry_map() -> dict[int, tuple[str, str]]:
    """Industry section id → (code, three-industry group)."""
    return {
        pk: (code, three)
        for pk, code, three in IndustrySection.objects.values_list("pk", "code", "three_industry")
    }


def region_trees() -> dict[int, list[int]]:
    """Region id → the region and every region above it, up to but not including the city:
    the `region_tree` scopes a record in that region counts in."""
    rows = {
        pk: (parent, kind)
        for pk, parent, kind in Region.objects.values_list("pk", "parent_id", "kind")
    }
    result = {}
    for pk in rows:
        chain, current, seen = [], pk, set()
        while current is not None and current in rows and current not in seen:
            seen.add(current)
            parent, kind = rows[current]
            if kind != RegionKind.CITY:
                chain.append(current)
            current = parent
        result[pk] = chain
    return result


def _scopes(row: dict, industries: dict, trees: dict) -> list[Scope]:
    code, three = industries.get(row["industry_id"], ("", ""))
    region = row["region_id"]
    scopes = [
        (ScopeType.CITY, ""),
        (ScopeType.REGION, str(region or "")),
        (ScopeType.INDUSTRY, code),
        (ScopeType.THREE_INDUSTRY, three),
        (ScopeType.SOURCE_GROUP, row["capital_source"] or ""),
        (ScopeType.COUNTRY, row["country"] or ""),
        (ScopeType.ENTERPRISE_TYPE, row["enterprise_type"] or ""),
    ]
    scopes += [(ScopeType.REGION_TREE, str(pk)) for pk in trees.get(region, ())]
    return scopes


def span_filters(year: int, month: int, field: str) -> tuple[dict[str, Q], dt.date]:
    """The four spans as filters on a date `field`, and the period's last day."""
    windows = period_windows(year, month)
    end = windows["month"][1]
    spans = {
        "month": windows["month"],
        "ytd": windows["ytd"],
        "ytd_last_year": windows["ytd_last_year"],
        "cumulative": (EARLIEST, end),
    }
    return {span: Q(**{f"{field}__range": rng}) for span, rng in spans.items()}, end


def region_descendants(region_id: int) -> list[int]:
    """The region and every region under it (its zones)."""
    return [pk for pk, chain in region_trees().items() if region_id in chain]


def scope_filter(scope_type: str, key: str, *, arrivals: bool) -> Q:
    """The records of one scope, as a filter on projects (or on arrivals, which carry their
    project's classification)."""
    country = "country" if arrivals else "investor__country"
    if scope_type == ScopeType.CITY:
        return Q()
    if scope_type in (ScopeType.REGION, ScopeType.REGION_TREE):
        if not key.isdigit():
            return Q(pk__in=[])
        if scope_type == ScopeType.REGION:
            return Q(region_id=int(key))
        return Q(region_id__in=region_descendants(int(key)))
    if scope_type == ScopeType.INDUSTRY:
        return Q(industry__code=key) if key else Q(industry__isnull=True)
    if scope_type == ScopeType.THREE_INDUSTRY:
        return Q(industry__three_industry=key) if key else Q(industry__isnull=True)
    if scope_type == ScopeType.SOURCE_GROUP:
        return Q(capital_source=key)
    if scope_type == ScopeType.COUNTRY:
        if key:
            return Q(**{country: key})
        return Q(**{country: ""}) | Q(**{f"{country}__isnull": True})
    if scope_type == ScopeType.ENTERPRISE_TYPE:
        return Q(enterprise_type=key)
    if scope_type == ScopeType.CHAIN:
        return chain_filter(key, arrivals=arrivals)
    return Q(pk__in=[])


def chain_filter(key: str, *, arrivals: bool) -> Q:
    """A chain's records: its projects (each once, whatever the number of its links they are
    in) and their capital arrivals."""
    if not key.isdigit():
        return Q(pk__in=[])
    projects = ProjectLink.objects.filter(chain_id=int(key)).values("project_id")
    return matches_subquery("project_id" if arrivals else "pk", projects)


def chain_totals(year: int, month: int, trees: dict | None = None) -> dict[Scope, dict[str, dict]]:
    """Every chain's figures, each read from its own records (one query pair per chain: a
    project in two chains counts in both, once in each)."""
    totals = {}
    for pk in Chain.objects.order_by("pk").values_list("pk", flat=True):
        scope = (ScopeType.CHAIN, str(pk))
        totals.update(span_totals(year, month, scope=scope, trees=trees))
    return totals


def _session_memory() -> None:
    """For this transaction only: give the grouped aggregates room to sort and hash in memory
    (PostgreSQL's default work_mem of 4 MB spills a million-row group-by to disk), and skip
    JIT compilation, which costs a fixed 100–300 ms per query and buys nothing on two
    sequential scans that run a few seconds."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('work_mem', %s, true), set_config('jit', 'off', true)",
                [settings.STATS_WORK_MEM],
            )


GROUP_BY = ("region_id", "industry_id", "capital_source", "enterprise_type")


def _project_rows(year: int, month: int, where: Q):
    filters, end = span_filters(year, month, "approval_date")
    annotations = {}
    for span in SPANS:
        f = filters[span]
        annotations[f"n_{span}"] = Count("id", filter=f)
        annotations[f"ti_{span}"] = Sum("total_investment_cny_10k", filter=f)
        annotations[f"cf_{span}"] = Sum("contracted_fdi_usd_10k", filter=f)
    return (
        Project.objects.filter(FOREIGN_INVESTED, where, approval_date__lte=end)
        .order_by()
        .values(*GROUP_BY, "investor__country")
        .annotate(**annotations)
    )


def _arrival_rows(year: int, month: int, where: Q):
    filters, end = span_filters(year, month, "date")
    annotations = {f"u_{span}": Sum("amount_usd_10k", filter=filters[span]) for span in SPANS}
    return (
        CapitalArrival.objects.filter(FOREIGN_INVESTED, where, date__lte=end)
        .order_by()
        .values(*GROUP_BY, "country")
        .annotate(**annotations)
    )


def _domestic_rows(year: int, month: int, where: Q):
    filters, end = span_filters(year, month, "date")
    annotations = {f"d_{span}": Sum("amount_cny_10k", filter=filters[span]) for span in SPANS}
    return (
        DomesticArrival.objects.filter(where, capital_source="domestic", date__lte=end)
        .order_by()
        .values(*GROUP_BY, "country")
        .annotate(**annotations)
    )


def span_totals(
    year: int,
    month: int,
    *,
    scope: Scope | None = None,
    trees: dict | None = None,
    progress: Callable[[int], None] = lambda p: None,
) -> dict[Scope, dict[str, dict]]:
    """{scope: {span: {metric: value}}} from the records. With `scope`, only that scope's
    records are read and only its totals returned."""
    industries = industry_map()
    trees = region_trees() if trees is None else trees
    where_p = scope_filter(*scope, arrivals=False) if scope else Q()
    where_a = scope_filter(*scope, arrivals=True) if scope else Q()
    totals: dict[Scope, dict[str, dict]] = defaultdict(lambda: {s: _new_totals() for s in SPANS})

    def scopes_of(row):
        return [(ScopeType.CITY, "")] if scope else _scopes(row, industries, trees)

    with transaction.atomic():
        _session_memory()
        project_rows = list(_project_rows(year, month, where_p))
        arrival_rows = list(_arrival_rows(year, month, where_a))
        domestic_rows = list(_domestic_rows(year, month, where_a))
    for row in project_rows:
        row["country"] = row["investor__country"]
        for key in scopes_of(row):
            t = totals[key]
            for span in SPANS:
                t[span]["new_fie_count"] += row[f"n_{span}"]
                t[span]["total_investment_cny_10k"] += row[f"ti_{span}"] or ZERO
                t[span]["contracted_fdi_usd_10k"] += row[f"cf_{span}"] or ZERO
    progress(50)
    for row in arrival_rows:
        for key in scopes_of(row):
            t = totals[key]
            for span in SPANS:
                t[span]["utilized_fdi_usd_10k"] += row[f"u_{span}"] or ZERO
    for row in domestic_rows:
        for key in scopes_of(row):
            t = totals[key]
            for span in SPANS:
                t[span]["domestic_capital_cny_10k"] += row[f"d_{span}"] or ZERO
    progress(85)
    if scope:
        return {scope: totals[(ScopeType.CITY, "")]}
    return dict(totals)


def spending(year: int, month: int, trees: dict | None = None) -> dict[Scope, dict]:
    """Promotion spending (activities starting in the span) for the city and each organiser
    region, this year and the same span last year."""
    windows = period_windows(year, month)
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
    trees = region_trees() if trees is None else trees
    result = defaultdict(lambda: {"ytd": ZERO, "ytd_last_year": ZERO})
    result[(ScopeType.CITY, "")]  # the city always has a row
    for row in rows:
        now, last = row["now"] or ZERO, row["last"] or ZERO
        region = row["organiser_region_id"]
        keys = [(ScopeType.CITY, "")]
        if region is not None:
            keys.append((ScopeType.REGION, str(region)))
            keys += [(ScopeType.REGION_TREE, str(pk)) for pk in trees.get(region, ())]
        for key in keys:
            result[key]["ytd"] += now
            result[key]["ytd_last_year"] += last
    return dict(result)


def records_begin() -> dt.date | None:
    """The first day with a foreign-invested record: the earliest approval of a foreign or
    港澳台 project or capital arrival."""
    firsts = [
        Project.objects.filter(FOREIGN_INVESTED).aggregate(d=Min("approval_date"))["d"],
        CapitalArrival.objects.filter(FOREIGN_INVESTED).aggregate(d=Min("date"))["d"],
    ]
    firsts = [d for d in firsts if d]
    return min(firsts) if firsts else None


def opening_base(year: int, month: int) -> dict[Scope, dict[str, Decimal | int]]:
    """The comparison base a period takes from the opening figures, {scope: {metric: value}}:
    last year's year-to-date opening figures (for the city and each region that has them) when
    that span begins before the records do — the records cannot say what the city achieved
    then. Empty when the records cover the span or nobody entered opening figures for it: the
    base is then the records, as for every other span."""
    from .models import OpeningFigure

    rows = list(OpeningFigure.objects.filter(year=year - 1, month=month))
    if not rows:
        return {}
    begin = records_begin()
    if begin is not None and begin <= dt.date(year - 1, 1, 1):
        return {}
    base = {}
    for f in rows:
        scope = (ScopeType.REGION, str(f.region_id)) if f.region_id else (ScopeType.CITY, "")
        base[scope] = {m: f.value(m, "ytd") for m in OPENING_METRICS}
    return base


def compute_period(
    year: int, month: int, *, progress: Callable[[int], None] = lambda p: None
) -> list[StatsFigure]:
    """Every scope's figures for the period, from the records, as unsaved StatsFigure
    objects; the same span last year from the opening figures where the records do not reach
    back to it (`opening_base`)."""
    trees = region_trees()
    totals = span_totals(year, month, trees=trees, progress=progress)
    totals |= chain_totals(year, month, trees)
    opening = opening_base(year, month)
    spent = spending(year, month, trees)
    scopes = set(totals) | set(spent) | set(opening) | {(ScopeType.CITY, "")}
    empty = {s: _new_totals() for s in SPANS}
    figures = []
    for scope in sorted(scopes):
        spans = totals.get(scope, empty)
        values = {f"{m}_{span}": spans[span][m] for m in METRICS for span in SPANS}
        if scope in opening:
            values |= {f"{m}_ytd_last_year": v for m, v in opening[scope].items()}
            values["base_from_opening"] = True
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
    return figures
