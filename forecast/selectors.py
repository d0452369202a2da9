"""Reads of the forecast, scoped: admin, bureau and the 110 office read every scope; district
staff their regions' (the city's forecast is not theirs); liaison staff none."""

from django.http import Http404

from accounts.models import Role
from projects.models import Project
from projects.selectors import user_region_ids
from reference.models import Region, RegionKind

from .models import ForecastResult, ForecastRun, ResultKind, RunStatus


def readable_region_ids(user) -> set[int] | None:
    """None: every scope (the city too); a set: only these regions; empty: nothing."""
    if not user.is_authenticated:
        return set()
    if user.sees_whole_city:
        return None
    if user.role == Role.DISTRICT:
        return user_region_ids(user)
    return set()


def may_read_forecast(user) -> bool:
    ids = readable_region_ids(user)
    return ids is None or bool(ids)


def parse_scope(text: str) -> int | None:
    """`city` → None, `region:<id>` → the id; anything else is a ValueError."""
    if text == "city":
        return None
    kind, _sep, key = text.partition(":")
    if kind != "region" or not key.isdigit():
        raise ValueError(text)
    return int(key)


def check_scope(user, region_id: int | None) -> None:
    """A scope outside the user's, or a region that does not exist, is a 404."""
    ids = readable_region_ids(user)
    if ids is not None and region_id not in ids:
        raise Http404
    if region_id is not None and not Region.objects.filter(pk=region_id).exists():
        raise Http404


def default_scope(user) -> int | None:
    ids = readable_region_ids(user)
    if ids is None:
        return None
    region = user.region_id if user.region_id in ids else min(ids, default=None)
    return region


def scopes_for(user) -> list[Region | None]:
    """The scopes the user may choose: None (the city) first for the whole-city roles, then
    the regions in their order."""
    ids = readable_region_ids(user)
    regions = Region.objects.exclude(kind=RegionKind.CITY).order_by("sort_order", "code")
    if ids is not None:
        return list(regions.filter(pk__in=ids))
    return [None, *regions]


def latest_run(year: int | None = None) -> ForecastRun | None:
    """The newest finished run of `year` (any year when None)."""
    runs = ForecastRun.objects.filter(status=RunStatus.DONE)
    if year is not None:
        runs = runs.filter(year=year)
    return runs.order_by("-as_of", "-id").first()


def run_years() -> list[int]:
    return list(
        ForecastRun.objects.filter(status=RunStatus.DONE)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def scope_results(run: ForecastRun, region_id: int | None) -> dict:
    """`forecast`: the scope's rows in measure order; `backtest`: its month-end rows."""
    rows = list(run.results.filter(region_id=region_id).order_by("as_of", "id"))
    order = {m: i for i, m in enumerate(("negotiated", "approved", "started", "utilized"))}
    return {
        "forecast": sorted(
            (r for r in rows if r.kind == ResultKind.FORECAST), key=lambda r: order[r.measure]
        ),
        "backtest": [r for r in rows if r.kind == ResultKind.BACKTEST],
    }


def driver_names(user, results: list[ForecastResult]) -> dict[int, Project]:
    """The projects named by the results' drivers that the user may see (one query)."""
    ids = {d["project"] for r in results for d in r.drivers}
    return {p.pk: p for p in Project.objects.for_user(user).filter(pk__in=ids)}


def region_summary(user, run: ForecastRun | None) -> list[ForecastResult]:
    """Today's forecast rows of every region (and the city) the user may read: the targets
    page and the dashboard show them beside the progress."""
    if run is None:
        return []
    ids = readable_region_ids(user)
    rows = run.results.filter(kind=ResultKind.FORECAST).select_related("region")
    if ids is not None:
        rows = rows.filter(region_id__in=ids)
    return list(rows.order_by("region__sort_order", "region__code", "id"))
