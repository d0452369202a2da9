"""What the forecast reads: the projects, arrivals and schedules as known on a day.

Today's forecast reads the live tables. The backtest reads the history tables (django-simple-
history) as they stood at the end of each past month-end: a project, an arrival or a scheduled
contribution recorded later, or changed later, is seen as it was then — and a stage date or an
arrival's value date after the day is not known yet. Each history table is read once, in the
order it was written, and replayed up to each cut-off in turn.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

from projects.models import CapitalArrival, Project

from .engine import STAGES, Row, Snapshot
from .models import ContributionSchedule

DATE_FIELDS = ("intent_date", "contract_date", "approval_date", "groundbreaking_date")
PROJECT_FIELDS = (
    "id",
    "region_id",
    "industry_id",
    "total_investment_cny_10k",
    "contracted_fdi_usd_10k",
    "capital_source",
    "status",
    "stage",
    *DATE_FIELDS,
)
STAGE_INDEX = {code: i for i, code in enumerate(STAGES)}
FOREIGN = ("foreign", "hmt")


def _row(values, as_of: int) -> Row | None:
    """A project row as known on `as_of`: stage dates after the day are not known yet, and the
    stage is the furthest one reached by then (the recorded stage at most). A project whose
    intent lies after the day is not known yet either."""
    (pid, region, industry, total, contracted, source, status, stage, *dates) = values
    days = [d.toordinal() if d is not None and d.toordinal() <= as_of else None for d in dates]
    # Operation is not a measure: a project in operation counts as at groundbreaking.
    index = min(STAGE_INDEX.get(stage, 0), len(days) - 1)
    while index > 0 and days[index] is None:
        index -= 1
    if days[0] is None:
        return None
    return Row(
        id=pid,
        region_id=region,
        section_id=industry,
        total_investment=float(total or 0),
        contracted=float(contracted or 0),
        foreign=source in FOREIGN,
        status=status,
        stage=index,
        dates=(*days, None),
    )


def live(as_of: dt.date) -> Snapshot:
    """Today's snapshot from the live tables (three queries)."""
    day = as_of.toordinal()
    rows = []
    for values in Project.objects.order_by().values_list(*PROJECT_FIELDS).iterator(5000):
        row = _row(values, day)
        if row is not None:
            rows.append(row)
    arrivals = [
        (pid, d.toordinal(), float(amount))
        for pid, d, amount in CapitalArrival.objects.filter(date__lte=as_of)
        .order_by()
        .values_list("project_id", "date", "amount_usd_10k")
        .iterator(5000)
    ]
    schedules = [
        (pid, d.toordinal(), float(amount))
        for pid, d, amount in ContributionSchedule.objects.order_by().values_list(
            "project_id", "date", "amount_usd_10k"
        )
    ]
    return Snapshot(day, rows, arrivals, schedules)


def day_end(day: dt.date) -> dt.datetime:
    """The last moment of `day` in the portal's time zone (what was recorded that day counts)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=tz)


def _replay(history_qs, fields: tuple, cutoffs: list[dt.date]):
    """Yield (cutoff, {id: values}) for each cutoff in order: the table's rows as they stood at
    the end of that day, from its history records (a deletion removes the row)."""
    records = (
        history_qs.order_by("history_date", "history_id")
        .values_list("history_date", "history_type", *fields)
        .iterator(5000)
    )
    state: dict = {}
    pending = None
    for cutoff in sorted(cutoffs):
        limit = day_end(cutoff)
        if pending is not None:
            if pending[0] >= limit:
                yield cutoff, dict(state)
                continue
            _apply(state, pending)
            pending = None
        for record in records:
            if record[0] >= limit:
                pending = record
                break
            _apply(state, record)
        yield cutoff, dict(state)


def _apply(state, record):
    _when, kind, pk, *values = record
    if kind == "-":
        state.pop(pk, None)
    else:
        state[pk] = (pk, *values)


def as_known(cutoffs: list[dt.date]) -> dict[dt.date, Snapshot]:
    """The snapshots of past days from the history tables, one per cutoff."""
    projects = dict(_replay(Project.history.all(), PROJECT_FIELDS, cutoffs))
    arrivals = dict(
        _replay(
            CapitalArrival.history.all(), ("id", "project_id", "date", "amount_usd_10k"), cutoffs
        )
    )
    schedules = dict(
        _replay(
            ContributionSchedule.history.all(),
            ("id", "project_id", "date", "amount_usd_10k"),
            cutoffs,
        )
    )
    out = {}
    for cutoff in cutoffs:
        day = cutoff.toordinal()
        rows = [r for values in projects[cutoff].values() if (r := _row(values, day))]
        out[cutoff] = Snapshot(
            day,
            rows,
            [
                (pid, d.toordinal(), float(a))
                for _pk, pid, d, a in arrivals[cutoff].values()
                if d.toordinal() <= day
            ],
            [(pid, d.toordinal(), float(a)) for _pk, pid, d, a in schedules[cutoff].values()],
        )
    return out
