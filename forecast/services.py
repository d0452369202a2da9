"""Writes of the forecast: a run (today's forecast of a year and the backtest of the year
before, stored per scope and measure) and the contracted contribution schedules."""

import datetime as dt
import time
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.bounds import check_amount, check_planned_date
from config.errors import DomainError
from projects.models import RegionTarget
from reference.models import Region, RegionKind

from . import engine, snapshot
from .models import ContributionSchedule, ForecastResult, ForecastRun, ResultKind, RunStatus

CENT = Decimal("0.01")
COUNT_MEASURES = ("negotiated", "approved", "started")


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2))).quantize(CENT)


def targets_of(year: int, region_ids: list[int]) -> dict:
    """{region id (None for the city): {measure: target or None}}. A region without targets
    for the year is held to the defaults 4 / 2 / 1 and has no capital target (as on the targets
    page); the city's targets are the sum of the regions' rows, none if no region has one."""
    rows = {t.region_id: t for t in RegionTarget.objects.filter(year=year)}
    default = RegionTarget()
    out = {}
    for rid in region_ids:
        t = rows.get(rid, default)
        out[rid] = {m: float(getattr(t, m)) or None for m in COUNT_MEASURES}
        out[rid]["utilized"] = float(t.utilized_fdi_usd_10k) or None if rid in rows else None
    if rows:
        out[None] = {m: float(sum(getattr(t, m) for t in rows.values())) or None for m in
                     COUNT_MEASURES}  # fmt: skip
        out[None]["utilized"] = float(sum(t.utilized_fdi_usd_10k for t in rows.values())) or None
    else:
        out[None] = dict.fromkeys(engine.MEASURES)
    return out


def _year_bounds(year: int) -> tuple[int, int]:
    return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()


def _region_ids() -> list[int]:
    return list(
        Region.objects.exclude(kind=RegionKind.CITY)
        .order_by("sort_order", "code")
        .values_list("pk", flat=True)
    )


def compute(snap: engine.Snapshot, year: int, region_ids: list[int], targets: dict):
    """The engine's forecast of `year` on a snapshot, with the settings' prior strength."""
    start, end = _year_bounds(year)
    return engine.forecast(
        snap,
        start,
        end,
        targets,
        prior_strength=settings.FORECAST_PRIOR_STRENGTH,
        seed=f"forecast:{year}",
        region_ids=region_ids,
    )


def month_ends(year: int, until: dt.date | None = None) -> list[dt.date]:
    """The month-ends of `year` before December (and before `until`)."""
    out = []
    for month in range(1, 12):
        day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
        if until is None or day < until:
            out.append(day)
    return out


def _result(run, kind, as_of, r: engine.ScopeResult, actual=None) -> ForecastResult:
    return ForecastResult(
        run=run,
        kind=kind,
        as_of=as_of,
        region_id=r.region_id,
        measure=r.measure,
        to_date=_dec(r.to_date),
        expected=_dec(r.range.expected),
        p10=_dec(r.range.p10),
        p50=_dec(r.range.p50),
        p90=_dec(r.range.p90),
        target=_dec(r.target),
        prob_meet=None if r.range.prob_meet is None else round(r.range.prob_meet, 4),
        outlook=r.outlook,
        actual=_dec(actual),
        drivers=r.drivers,
    )


@transaction.atomic
def forecast_run(*, year: int | None = None, as_of: dt.date | None = None) -> ForecastRun:
    """Compute and store the forecast of `year` (default: this year) as of `as_of` (default:
    today, at most the year's last day), and the backtest of the year before: the forecast as
    of each of its month-ends from what the history tables held then, beside what came true.
    Running it twice on the same day and data stores the same figures (fixed seeds)."""
    today = timezone.localdate()
    year = year or today.year
    as_of = min(as_of or today, dt.date(year, 12, 31))
    if as_of < dt.date(year, 1, 1):
        raise DomainError(_("A forecast is made during or after its year."), field="year")
    started = time.monotonic()
    region_ids = _region_ids()
    run = ForecastRun.objects.create(
        year=year,
        as_of=as_of,
        backtest_year=year - 1,
        params={
            "prior_strength": settings.FORECAST_PRIOR_STRENGTH,
            "simulations": engine.MC_SIMULATIONS,
        },
    )
    today_snapshot = snapshot.live(as_of)
    rows = [
        _result(run, ResultKind.FORECAST, as_of, r)
        for r in compute(today_snapshot, year, region_ids, targets_of(year, region_ids))
    ]
    rows += _backtest(run, year - 1, region_ids, today_snapshot)
    ForecastResult.objects.bulk_create(rows, batch_size=1000)
    run.status = RunStatus.DONE
    run.finished_at = timezone.now()
    run.seconds = round(time.monotonic() - started, 3)
    run.save(update_fields=["status", "finished_at", "seconds"])
    return run


def _backtest(run, year: int, region_ids: list[int], today) -> list[ForecastResult]:
    """The forecast of `year` as of each of its month-ends, from the history tables, each
    beside the year-end figure that came true (as the records stand today: `today`'s
    snapshot)."""
    targets = targets_of(year, region_ids)
    actual = engine.year_figures(today, *_year_bounds(year))
    cutoffs = month_ends(year)
    out = []
    for cutoff, snap in snapshot.as_known(cutoffs).items():
        for r in compute(snap, year, region_ids, targets):
            r.drivers = []  # the explanation is today's; the backtest keeps the figures
            out.append(
                _result(
                    run, ResultKind.BACKTEST, cutoff, r, actual.get((r.region_id, r.measure), 0)
                )
            )
    return out


@transaction.atomic
def schedule_add(
    *, user, project, date: dt.date, amount_usd_10k: Decimal, note: str = ""
) -> ContributionSchedule:
    """Record one contribution of a project's contracted schedule (bureau, admin, or district
    staff for their regions' projects; the caller passes a project the user may edit)."""
    if project.capital_source not in ("foreign", "hmt"):
        raise DomainError(
            _("Only a foreign-invested project has a foreign capital schedule."), field="project"
        )
    if amount_usd_10k is None or amount_usd_10k <= 0:
        raise DomainError(_("The amount must be more than 0."), field="amount_usd_10k")
    check_amount(
        amount_usd_10k,
        field="amount_usd_10k",
        model_field=ContributionSchedule._meta.get_field("amount_usd_10k"),
    )
    check_planned_date(date, field="date")
    item = ContributionSchedule(
        project=project, date=date, amount_usd_10k=amount_usd_10k, note=note, recorded_by=user
    )
    item._history_user = user
    item.save()
    return item


@transaction.atomic
def schedule_delete(*, user, item: ContributionSchedule, reason: str) -> None:
    if not reason.strip():
        raise DomainError(_("Say why the contribution is removed."), field="reason")
    item._history_user = user
    item._change_reason = reason.strip()
    item.delete()
