"""Published figures beside the records: what changed in the records after a snapshot was
computed or published, and by how much the figures now differ.

A snapshot is frozen for what it says; the records keep moving (a correction, a late entry, a
deleted arrival). This module finds the records that moved (from the projects' and the
arrivals' history) and recomputes a scope's figures from the records now, so the page can show
both, the difference and its causes, and offer a revision. Nothing here is ever added to a
figure."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from config.i18n import active_suffix, list_join
from config.numbers import fmt_num
from projects.models import CapitalArrival, DomesticArrival, Project

from .calculations import month_end
from .engine import opening_base, span_totals
from .models import METRICS, OPENING_METRICS, SPANS, SnapshotStatus, StatsFigure, StatsSnapshot

FOREIGN_INVESTED = ("foreign", "hmt")
# The fields of a record that a figure reads.
PROJECT_FIELDS = (
    "approval_date",
    "capital_source",
    "total_investment_cny_10k",
    "contracted_fdi_usd_10k",
    "region_id",
    "industry_id",
    "enterprise_type",
    "investor_id",
)
ARRIVAL_FIELDS = (
    "date",
    "amount_usd_10k",
    "capital_source",
    "region_id",
    "industry_id",
    "country",
    "enterprise_type",
)

DOMESTIC_FIELDS = (
    "date",
    "amount_cny_10k",
    "capital_source",
    "region_id",
    "industry_id",
    "country",
    "enterprise_type",
)


def _history(model):
    """The simple-history manager of a model, if its changes are recorded."""
    return getattr(model, "history", None)


@dataclass
class Change:
    """One record that changed after a moment, as it stood then and as it stands now."""

    kind: str  # "project" or "arrival"
    pk: int
    label: str
    what: str  # "entered", "changed", "deleted"
    before: dict | None
    after: dict | None
    at: dt.datetime
    fields: list[str] = field(default_factory=list)
    project_id: int | None = None  # the project page to open (an arrival's project)
    # The project's name in each language (the project's own or an arrival's), picked when
    # the sentence is written: a Change may be read in another language than it was found in.
    names: dict = field(default_factory=dict)


def _state(row, fields) -> dict | None:
    if row is None or getattr(row, "history_type", "~") == "-":
        return None
    return {f: getattr(row, f) for f in fields}


def _changes(model, fields, since: dt.datetime, kind: str) -> list[Change]:
    """Every record of `model` whose history has a row after `since`: its state at `since`
    and now (None where it did not exist)."""
    manager = _history(model)
    if manager is None:
        return []
    changed_ids = set(
        manager.filter(history_date__gt=since).values_list("id", flat=True).distinct()
    )
    if not changed_ids:
        return []
    rows: dict[int, list] = {}
    for row in manager.filter(id__in=changed_ids).order_by("id", "history_date", "history_id"):
        rows.setdefault(row.id, []).append(row)
    result = []
    for pk, history in rows.items():
        before_rows = [r for r in history if r.history_date <= since]
        before = _state(before_rows[-1], fields) if before_rows else None
        after = _state(history[-1], fields)
        if before == after:
            continue
        what = "entered" if before is None else ("deleted" if after is None else "changed")
        # A project's name as recorded; never a record's own __str__ (a history row's reads
        # "… as of <UTC timestamp>"): the page shows change_sentence.
        label = str(getattr(history[-1], "name", "") or "")
        diff = [f for f in fields if (before or {}).get(f) != (after or {}).get(f)]
        project_id = getattr(history[-1], "project_id", None) if kind != "project" else None
        change = Change(
            kind, pk, label, what, before, after, history[-1].history_date, diff, project_id
        )
        if kind == "project":
            change.names = _names(history[-1])
        result.append(change)
    return result


def _arrivals_entered(since: dt.datetime) -> list[Change]:
    """Arrivals recorded after `since`, for when arrivals keep no history of their own."""
    return [
        Change(
            "arrival",
            a.pk,
            str(a),
            "entered",
            None,
            {f: getattr(a, f) for f in ARRIVAL_FIELDS},
            a.recorded_at,
            list(ARRIVAL_FIELDS),
            a.project_id,
        )
        for a in CapitalArrival.objects.filter(recorded_at__gt=since).order_by("recorded_at")
    ]


def record_changes(since: dt.datetime) -> list[Change]:
    """Projects and arrivals whose figures-relevant fields changed after `since`."""
    changes = _changes(Project, PROJECT_FIELDS, since, "project")
    if _history(CapitalArrival) is not None:
        changes += _changes(CapitalArrival, ARRIVAL_FIELDS, since, "arrival")
    else:
        changes += _arrivals_entered(since)
    changes += _changes(DomesticArrival, DOMESTIC_FIELDS, since, "domestic")
    # A project by its names now (a history row may not carry the translations); a deleted one
    # by its last history row's.
    names = {
        p.pk: _names(p)
        for p in Project.objects.filter(
            pk__in={c.pk if c.kind == "project" else c.project_id for c in changes}
        )
    }
    for c in changes:
        key = c.pk if c.kind == "project" else c.project_id
        c.names = names.get(key) or c.names
    return sorted(changes, key=lambda c: c.at)


def _names(obj) -> dict:
    """A project's (or its history row's) name by language suffix, "" for the source name."""
    found = {"": str(getattr(obj, "name", "") or "")}
    for code, _label in settings.LANGUAGES:
        suffix = code.replace("-", "_")
        found[suffix] = str(getattr(obj, f"name_{suffix}", "") or "")
    return found


def _name(names: dict) -> str:
    return names.get(active_suffix()) or names.get("") or "—"


def _field_names(model, fields) -> str:
    names = []
    for f in fields:
        name = f.removesuffix("_id")
        try:
            names.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            names.append(name.replace("_", " "))
    return list_join(names)


def change_sentence(change: Change) -> str:
    """What happened to a record after publication, as one sentence in the active language,
    its time in local time (Asia/Shanghai): "Project “…” was changed on 2026-12-08 05:28:
    approval date, total investment (10k CNY)." Built per request, never stored."""
    at = date_format(timezone.localtime(change.at), "Y-m-d H:i")
    state = change.after or change.before or {}
    if change.kind == "project":
        model = Project
        record = _("Project “%(name)s”") % {"name": _name(change.names or {"": change.label})}
    else:
        foreign = change.kind == "arrival"
        model = CapitalArrival if foreign else DomesticArrival
        amount = fmt_num(state.get("amount_usd_10k" if foreign else "amount_cny_10k"))
        values = {
            "date": state.get("date").isoformat() if state.get("date") else "—",
            "amount": amount,
            "project": _name(change.names),
        }
        if foreign:
            record = (
                _("The capital arrival of %(date)s on project “%(project)s” (%(amount)s, 10k USD)")
                % values
            )
        else:
            record = (
                _(
                    "The domestic capital arrival of %(date)s on project “%(project)s” "
                    "(%(amount)s, 10k CNY)"
                )
                % values
            )
    if change.what == "entered":
        return _("%(record)s was entered on %(at)s.") % {"record": record, "at": at}
    if change.what == "deleted":
        return _("%(record)s was deleted on %(at)s.") % {"record": record, "at": at}
    return _("%(record)s was changed on %(at)s: %(fields)s.") % {
        "record": record,
        "at": at,
        "fields": _field_names(model, change.fields),
    }


def _counts_by(state: dict | None, kind: str, end: dt.date) -> bool:
    """Whether a record in this state counts in some span of a period ending `end`."""
    if state is None:
        return False
    if kind == "domestic":
        return state.get("capital_source") == "domestic" and state["date"] <= end
    if state.get("capital_source") not in FOREIGN_INVESTED:
        return False
    day = state.get("approval_date" if kind == "project" else "date")
    return day is not None and day <= end


def changes_affecting(snapshot: StatsSnapshot, since: dt.datetime | None = None) -> list[Change]:
    """The records changed after `since` (default: the snapshot's publication) that count,
    before or after the change, in the snapshot's period."""
    since = since or snapshot.published_at or snapshot.computed_at
    end = month_end(snapshot.year, snapshot.month)
    return [
        c
        for c in record_changes(since)
        if _counts_by(c.before, c.kind, end) or _counts_by(c.after, c.kind, end)
    ]


def comparison_snapshots(year: int, month: int) -> list[dict]:
    """The published snapshots a period's figures are compared against: last year's same
    period (growth is computed from the records; its published figure is named beside it)."""
    published = StatsSnapshot.objects.filter(
        year=year - 1, month=month, status=SnapshotStatus.PUBLISHED
    ).first()
    if published is None:
        return []
    return [{"id": published.pk, "period": published.period, "version": published.version}]


def _opening_changed(snapshot: StatsSnapshot) -> bool:
    """Whether an opening figure of last year's same month was entered, corrected or removed
    after the snapshot was computed (its growth base may have moved)."""
    from .models import OpeningFigure

    return OpeningFigure.history.filter(
        year=snapshot.year - 1, month=snapshot.month, history_date__gt=snapshot.computed_at
    ).exists()


def draft_stale_reason(snapshot: StatsSnapshot) -> str | None:
    """Why a draft may not be published as it is (None when it may): the records behind its
    period, or the published snapshots it was compared against, changed after it was
    computed."""
    if changes_affecting(snapshot, since=snapshot.computed_at):
        return _(
            "The records changed after this draft was computed. Compute the period again, "
            "then publish."
        )
    if _opening_changed(snapshot):
        return _(
            "Last year's opening figures changed after this draft was computed. Compute the "
            "period again, then publish."
        )
    if comparison_snapshots(snapshot.year, snapshot.month) != snapshot.compared_with:
        return _(
            "Last year's published figures changed after this draft was computed. Compute "
            "the period again, then publish."
        )
    return None


@dataclass
class DriftRow:
    metric: str
    span: str
    published: Decimal | int
    now: Decimal | int

    @property
    def difference(self):
        return self.now - self.published


def drift(snapshot: StatsSnapshot, figure: StatsFigure | None, scope) -> list[DriftRow]:
    """Where a published scope's figures differ from the records now: every metric and span
    whose value moved."""
    now = span_totals(snapshot.year, snapshot.month, scope=scope)[scope]
    if figure is not None and figure.base_from_opening:
        # Last year's span was the opening figures, not the records: compare like with like.
        base = opening_base(snapshot.year, snapshot.month).get(scope)
        if base:
            # The opening figures hold the four foreign measures; the rest stay the records'.
            now["ytd_last_year"] = {**now["ytd_last_year"], **base}
    rows = []
    for metric in METRICS:
        for span in SPANS:
            published = figure.value(metric, span) if figure else 0
            value = now[span][metric]
            if value != published:
                rows.append(DriftRow(metric, span, published, value))
    return rows


def drifted_periods(limit: int = 12) -> list[tuple[StatsSnapshot, int]]:
    """The published periods (newest `limit`) with records changed after publication that
    count in them, and how many such records: for the dashboard."""
    published = list(
        StatsSnapshot.objects.filter(status=SnapshotStatus.PUBLISHED).order_by("-year", "-month")[
            :limit
        ]
    )
    if not published:
        return []
    changes = record_changes(min(s.published_at for s in published))
    result = []
    for s in published:
        end = month_end(s.year, s.month)
        n = sum(
            1
            for c in changes
            if c.at > s.published_at
            and (_counts_by(c.before, c.kind, end) or _counts_by(c.after, c.kind, end))
        )
        if n:
            result.append((s, n))
    return result


def opening_drift(year: int, month: int, scope) -> list[DriftRow]:
    """Where the records of a period differ from the opening figures entered for the same
    period and scope (the city or one region): the month and the year to date of each metric.
    Empty where no opening figure covers the period — or where they agree."""
    from .models import OpeningFigure, ScopeType

    if scope[0] == ScopeType.CITY:
        where = {"region__isnull": True}
    elif scope[0] == ScopeType.REGION and scope[1].isdigit():
        where = {"region_id": int(scope[1])}
    else:
        return []
    opening = OpeningFigure.objects.filter(year=year, month=month, **where).first()
    if opening is None:
        return []
    now = span_totals(year, month, scope=scope)[scope]
    return [
        DriftRow(metric, span, opening.value(metric, span), now[span][metric])
        for metric in OPENING_METRICS
        for span in ("month", "ytd")
        if now[span][metric] != opening.value(metric, span)
    ]
