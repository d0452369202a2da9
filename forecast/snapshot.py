"""What the forecast reads: the projects, arrivals and schedules as known on a day.

Today's forecast reads the live tables. The backtest reads the history tables (django-simple-
history) as they stood at the end of each past month-end: a project, an arrival or a scheduled
contribution recorded later, or changed later, is seen as it was then — and a stage date or an
arrival's value date after the day is not known yet. Each history table is read once, in the
order it was written, and replayed up to each cut-off in turn.
"""

import datetime as dt
import operator
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

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
    stage is the furthest one reached by then (the recorded stage at most; operation counts as
    groundbreaking, the last stage a target counts). A project whose intent lies after the day
    is not known yet either. Dates past the stage are not carried (nothing reads them)."""
    (pid, region, industry, total, contracted, source, status, stage, d0, *later) = values
    if d0 is None:
        return None
    first = d0.toordinal()
    if first > as_of:
        return None
    index = min(STAGE_INDEX.get(stage, 0), 3)
    days = [first, None, None, None, None]
    for i in range(1, index + 1):
        d = later[i - 1]
        if d is not None:
            o = d.toordinal()
            if o <= as_of:
                days[i] = o
    while index > 0 and days[index] is None:
        index -= 1
    return Row(
        pid,
        region,
        industry,
        float(total or 0),
        float(contracted or 0),
        source in FOREIGN,
        status,
        index,
        tuple(days),
    )


def _rows(queryset, fields):
    """The queryset's rows as plain tuples, straight from the database cursor (the SQL Django
    compiles for the backend, PostgreSQL or SQLite), without the per-row work of a values
    list: two hundred thousand projects are read per run."""
    sql, params = queryset.values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # The columns as selected (django-modeltranslation may reorder them), in `fields` order.
        names = [c[0] for c in cursor.description]
        pick = operator.itemgetter(*(names.index(f) for f in fields))
        while chunk := cursor.fetchmany(5000):
            yield from map(pick, chunk)


def live(as_of: dt.date) -> Snapshot:
    """Today's snapshot from the live tables (three queries)."""
    day = as_of.toordinal()
    rows = [
        row
        for values in _rows(Project.objects.order_by(), PROJECT_FIELDS)
        if (row := _row(values, day)) is not None
    ]
    arrivals = [
        (pid, d.toordinal(), float(amount))
        for pid, d, amount in _rows(
            CapitalArrival.objects.filter(date__lte=as_of).order_by(),
            ("project_id", "date", "amount_usd_10k"),
        )
    ]
    schedules = [
        (pid, d.toordinal(), float(amount))
        for pid, d, amount in _rows(
            ContributionSchedule.objects.order_by(), ("project_id", "date", "amount_usd_10k")
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
