"""Writes of the statistics: requesting and executing runs, publishing (freezing) a period,
revisions, reference figures."""

import calendar
import datetime as dt
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import language_of
from accounts.models import Role
from accounts.scoping import user_region_ids
from config.errors import DomainError
from config.typography import date_text, month_text
from outbox.services import enqueue
from reference.models import Region, RegionKind

from . import province, reconciliation
from .drift import comparison_snapshots, draft_stale_reason
from .engine import compute_period
from .models import (
    OPENING_METRICS,
    LineKind,
    LineResolution,
    MonthlyReport,
    OpeningFigure,
    ProvinceFigure,
    ProvinceReportSend,
    Reconciliation,
    ReconciliationLine,
    ReconciliationSource,
    ReconciliationStatus,
    ReminderStage,
    ReportChannel,
    ReportReminder,
    RunStatus,
    SnapshotStatus,
    StatsFigure,
    StatsRun,
    StatsSnapshot,
    report_due,
    reports_required,
)

log = logging.getLogger(__name__)


def open_period() -> tuple[int, int]:
    """The period that is still open: this month in Asia/Shanghai."""
    today = timezone.localdate()
    return today.year, today.month


def _require_bureau(user) -> None:
    if user is not None and not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator can do this."))


@transaction.atomic
def stats_run_request(*, user, year: int, month: int, revision_reason: str = "") -> StatsRun:
    """Queue the computation of a period (see `stats_run_create`); the task is sent after
    commit."""
    run = stats_run_create(user=user, year=year, month=month, revision_reason=revision_reason)
    from .tasks import compute_fdi_stats

    enqueue(compute_fdi_stats, run_id=run.pk)
    return run


def stats_run_create(*, user, year: int, month: int, revision_reason: str = "") -> StatsRun:
    """Record a request to compute a period, for a worker (`stats_run_request`) or for the
    caller to execute at once (the command, the demo). A published period changes only
    through a revision, which needs a reason. `user` None is the system (beat, command)."""
    _require_bureau(user)
    stats_runs_fail_stuck()
    if (year, month) > open_period():
        raise DomainError(_("The period has not begun yet."), field="period")
    published = StatsSnapshot.objects.filter(
        year=year, month=month, status=SnapshotStatus.PUBLISHED
    ).exists()
    revision_reason = (revision_reason or "").strip()
    if published and not revision_reason:
        raise DomainError(
            _("This period is published. To recompute it, give a reason for the revision."),
            field="revision_reason",
        )
    if revision_reason and not published:
        raise DomainError(
            _("Only a published period is revised; this one can simply be recomputed."),
            field="revision_reason",
        )
    if revision_reason:
        # A revision is published as it is computed: the same reconciliation rule as a draft.
        _require_reconciled(year, month)
    return StatsRun.objects.create(
        year=year, month=month, revision_reason=revision_reason, requested_by=user
    )


def _progress(run: StatsRun, pct: int) -> None:
    StatsRun.objects.filter(pk=run.pk).update(progress=pct)


def stats_runs_fail_stuck() -> int:
    """Mark runs left "running" longer than STATS_RUN_TIMEOUT_MINUTES as failed (the worker
    died or was killed), so they can be rerun. Returns how many."""
    limit = timezone.now() - timedelta(minutes=settings.STATS_RUN_TIMEOUT_MINUTES)
    return StatsRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=limit).update(
        status=RunStatus.FAILED,
        finished_at=timezone.now(),
        message=_("Stopped: no result after %(minutes)s minutes. Compute the period again.")
        % {"minutes": settings.STATS_RUN_TIMEOUT_MINUTES},
    )


def stats_run_execute(*, run_id: int) -> StatsRun:
    """Compute the run's period from the records and store it: a draft replaced in place, or,
    for a revision, a new published version that supersedes the old one. Idempotent: a
    finished run is left as it is (a task delivered twice stores one version)."""
    run = StatsRun.objects.get(pk=run_id)
    if run.status == RunStatus.SUCCEEDED:
        return run
    # The records are read after this instant: a change recorded later makes the draft stale.
    started = timezone.now()
    run.status, run.progress, run.started_at, run.message = RunStatus.RUNNING, 5, started, ""
    run.save(update_fields=["status", "progress", "started_at", "message"])
    try:
        compared = comparison_snapshots(run.year, run.month)
        figures = compute_period(run.year, run.month, progress=lambda p: _progress(run, p))
        lines = province.compute(run.year, run.month)
        _store(run, figures, compared=compared, computed_at=started, province_lines=lines)
    except DomainError as exc:
        # A refusal (the period was published meanwhile): retrying would not help.
        run.status, run.message, run.finished_at = RunStatus.FAILED, str(exc), timezone.now()
        run.save(update_fields=["status", "message", "finished_at"])
        return run
    except Exception as exc:
        run.status, run.message, run.finished_at = RunStatus.FAILED, str(exc), timezone.now()
        run.save(update_fields=["status", "message", "finished_at"])
        log.exception("statistics run %s failed", run.pk)
        raise
    run.refresh_from_db()
    return run


@transaction.atomic
def _store(
    run: StatsRun, figures, *, compared: list[dict], computed_at, province_lines=()
) -> StatsSnapshot | None:
    """Write the snapshot and mark the run done, in one transaction. The run is re-read and
    locked first: a second delivery of the same task finds it done and stores nothing."""
    run = StatsRun.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.SUCCEEDED:
        return run.snapshot
    period = {"year": run.year, "month": run.month}
    # Two runs of one period queue up here, even when the period has no snapshot to lock yet.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [run.year * 100 + run.month])
    existing = list(StatsSnapshot.objects.select_for_update().filter(**period))
    published = next((s for s in existing if s.status == SnapshotStatus.PUBLISHED), None)
    now = timezone.now()
    if published and not run.revision_reason:
        raise DomainError(_("This period is published; only a revision can change it."))
    if run.revision_reason:
        if published is None:
            raise DomainError(_("Only a published period is revised."))
        published.status = SnapshotStatus.SUPERSEDED
        published.save(update_fields=["status"])
        snapshot = StatsSnapshot.objects.create(
            **period,
            version=max(s.version for s in existing) + 1,
            status=SnapshotStatus.PUBLISHED,
            computed_at=computed_at,
            published_at=now,
            published_by=run.requested_by,
            revision_reason=run.revision_reason,
            compared_with=compared,
        )
    else:
        snapshot = next((s for s in existing if s.status == SnapshotStatus.DRAFT), None)
        if snapshot is None:
            snapshot = StatsSnapshot.objects.create(
                **period,
                version=max((s.version for s in existing), default=0) + 1,
                computed_at=computed_at,
                compared_with=compared,
            )
        else:
            snapshot.computed_at, snapshot.compared_with = computed_at, compared
            snapshot.save(update_fields=["computed_at", "compared_with"])
            snapshot.figures.all().delete()
            snapshot.province_figures.all().delete()
    for f in figures:
        f.snapshot = snapshot
    StatsFigure.objects.bulk_create(figures)
    for line in province_lines:
        line.snapshot = snapshot
    ProvinceFigure.objects.bulk_create(province_lines)
    run.status, run.progress, run.snapshot = RunStatus.SUCCEEDED, 100, snapshot
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "progress", "snapshot", "finished_at"])
    return snapshot


def _require_reconciled(year: int, month: int) -> None:
    """With `STATS_PUBLISH_REQUIRES_RECONCILIATION`, a month is published (a draft, or a
    revision) only once a reconciliation of it with an official list is reviewed."""
    if settings.STATS_PUBLISH_REQUIRES_RECONCILIATION and not (
        Reconciliation.objects.filter(
            year=year, month=month, status=ReconciliationStatus.REVIEWED
        ).exists()
    ):
        raise DomainError(
            _(
                "Reconcile this month's arrivals with the commerce system's or the foreign "
                "exchange bureau's list, and mark the reconciliation reviewed, before "
                "publishing."
            )
        )


@transaction.atomic
def stats_snapshot_publish(*, user, snapshot: StatsSnapshot) -> StatsSnapshot:
    """Freeze a draft: from now on data changes never alter these figures (they are shown
    beside the records' figures instead). Refused when the draft is stale: the records or
    the snapshots it was compared against changed after it was computed."""
    _require_bureau(user)
    snapshot = StatsSnapshot.objects.select_for_update().get(pk=snapshot.pk)
    if snapshot.status != SnapshotStatus.DRAFT:
        raise DomainError(_("Only a draft can be published."))
    if (snapshot.year, snapshot.month) >= open_period():
        raise DomainError(_("The month is not over yet: publish it once it has ended."))
    _require_reconciled(snapshot.year, snapshot.month)
    stale = draft_stale_reason(snapshot)
    if stale:
        raise DomainError(stale)
    snapshot.status = SnapshotStatus.PUBLISHED
    snapshot.published_at = timezone.now()
    snapshot.published_by = user
    snapshot.save(update_fields=["status", "published_at", "published_by"])
    return snapshot


@transaction.atomic
def province_report_mark_sent(
    *, user, snapshot: StatsSnapshot, language: str, note: str = ""
) -> ProvinceReportSend:
    """Record that this version's province tables went to the province (bureau or admin):
    which version, in which language, when and by whom. Only a published version is sent."""
    _require_bureau(user)
    if language not in ("zh-hans", "en"):
        raise DomainError(_("Choose Chinese or English."), field="language")
    province.check_published(snapshot)
    return ProvinceReportSend.objects.create(
        snapshot=snapshot,
        language=language,
        sent_at=timezone.now(),
        sent_by=user,
        note=(note or "").strip(),
    )


@transaction.atomic
def reconciliation_import(
    *, user, year: int, month: int, source: str, file_name: str, content: bytes
) -> Reconciliation:
    """Import an official list of a month's arrivals and match it to the portal's (bureau or
    admin). A second import of the same month and source replaces the lines while the
    reconciliation is open; a reviewed one is kept. Raises DomainError naming the field."""
    _require_bureau(user)
    if source not in ReconciliationSource.values:
        raise DomainError(_("Choose the source of the list."), field="source")
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise DomainError(_("Give the period as YYYY-MM."), field="period")
    rows = reconciliation.parse(file_name or "", content, year=year, month=month)
    existing = (
        Reconciliation.objects.select_for_update()
        .filter(year=year, month=month, source=source)
        .first()
    )
    if existing and existing.status == ReconciliationStatus.REVIEWED:
        raise DomainError(
            _("This month's reconciliation with this source is reviewed already."), field="source"
        )
    rec = existing or Reconciliation(year=year, month=month, source=source)
    rec.file_name = (file_name or "")[:200]
    rec.imported_at, rec.imported_by = timezone.now(), user
    rec.save()
    rec.lines.all().delete()
    lines = reconciliation.match(year, month, rows)
    for line in lines:
        line.reconciliation = rec
    ReconciliationLine.objects.bulk_create(lines)
    return rec


@transaction.atomic
def reconciliation_line_resolve(
    *,
    user,
    line: ReconciliationLine,
    resolution: str,
    note: str,
    project=None,
    usd_rate=None,
) -> ReconciliationLine:
    """Resolve a difference (bureau or admin), the note required either way:
    - `explained`: the records stand, the note says why;
    - `corrected`: the records change through the arrivals' services, with the note as the
      reason in the arrival's history: a differing amount takes the list's amount and date;
      an arrival only in the portal is deleted; a row only in the list is recorded on
      `project` (with `usd_rate` for a currency other than USD).
    Raises DomainError naming the field."""
    from projects import services as project_services

    _require_bureau(user)
    line = (
        ReconciliationLine.objects.select_for_update()
        .select_related("reconciliation")
        .get(pk=line.pk)
    )
    if line.reconciliation.status == ReconciliationStatus.REVIEWED:
        raise DomainError(_("This reconciliation is reviewed: it no longer changes."))
    if line.kind == LineKind.MATCHED:
        raise DomainError(_("A matched line needs no resolution."), field="resolution")
    if resolution not in LineResolution.values:
        raise DomainError(_("Correct the records or explain the difference."), field="resolution")
    note = (note or "").strip()
    if not note:
        raise DomainError(
            _("Say why (kept with the line and in the records' history)."), field="note"
        )
    if resolution == LineResolution.CORRECTED:
        if line.kind == LineKind.AMOUNT_DIFFERS:
            if line.arrival is None:
                raise DomainError(_("The arrival was deleted meanwhile."), field="resolution")
            if line.currency != line.arrival.currency:
                raise DomainError(
                    _(
                        "The list gives another currency: correct the arrival by hand, then "
                        "explain."
                    ),
                    field="resolution",
                )
            project_services.capital_arrival_correct(
                user=user, arrival=line.arrival, amount=line.amount, date=line.date, reason=note
            )
        elif line.kind == LineKind.ONLY_PORTAL:
            if line.arrival is not None:
                project_services.capital_arrival_delete(
                    user=user, arrival=line.arrival, reason=note
                )
                line.arrival = None
        else:
            if project is None:
                raise DomainError(_("Choose the project the arrival belongs to."), field="project")
            line.arrival = project_services.capital_arrival_create(
                user=user,
                project=project,
                date=line.date,
                amount=line.amount,
                currency=line.currency,
                usd_rate=usd_rate,
                rate_source=_("Reconciliation %(period)s") % {"period": line.reconciliation.period},
            )
    line.resolution, line.resolution_note = resolution, note
    line.resolved_at, line.resolved_by = timezone.now(), user
    line.save()
    return line


@transaction.atomic
def reconciliation_review(*, user, reconciliation: Reconciliation) -> Reconciliation:
    """Mark a reconciliation reviewed (bureau or admin) once every difference is resolved;
    the period may then be published (`STATS_PUBLISH_REQUIRES_RECONCILIATION`)."""
    _require_bureau(user)
    rec = Reconciliation.objects.select_for_update().get(pk=reconciliation.pk)
    if rec.status == ReconciliationStatus.REVIEWED:
        raise DomainError(_("This reconciliation is reviewed already."))
    open_lines = sum(1 for line in rec.lines.all() if line.needs_resolution)
    if open_lines:
        raise DomainError(
            _("%(n)s differences are not resolved yet: correct or explain each.")
            % {"n": open_lines}
        )
    rec.status, rec.reviewed_at, rec.reviewed_by = (
        ReconciliationStatus.REVIEWED,
        timezone.now(),
        user,
    )
    rec.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    return rec


@transaction.atomic
def reference_figure_save(*, user, instance):
    """Save a province or national reference figure (bureau or admin)."""
    _require_bureau(user)
    instance.full_clean()
    instance.save()
    return instance


# --- monthly reports ---------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@transaction.atomic
def monthly_report_file(
    *,
    user,
    region,
    year: int,
    month: int,
    summary: str,
    problems: str = "",
    filed_on: dt.date | None = None,
    receipt_note: str = "",
) -> MonthlyReport:
    """File a region's report for a month that has ended. District staff file their own
    regions' reports in the portal (filed today); bureau staff or an administrator record a
    report that arrived otherwise, on the day it arrived (`filed_on`), with how it arrived
    (`receipt_note`), which is required when the due day has passed and the report is
    recorded as arrived by it. Filed once; the report keeps the due day it was filed under."""
    today = timezone.localdate()
    receipt_note = (receipt_note or "").strip()
    if user.is_bureau_or_admin:
        channel = ReportChannel.RECEIVED
        if filed_on is None:
            raise DomainError(_("Give the day the report arrived."), field="filed_on")
    elif user.role == Role.DISTRICT and region.pk in (user_region_ids(user) or set()):
        channel = ReportChannel.PORTAL
        if filed_on not in (None, today):
            raise DomainError(
                _(
                    "A report filed here is filed today; the bureau records reports "
                    "that came by other means."
                ),
                field="filed_on",
            )
        filed_on = today
    else:
        raise PermissionDenied(_("You may not file this region's report."))
    if region.kind == RegionKind.CITY:
        raise DomainError(
            _("The city files no monthly report; its districts, counties and zones do."),
            field="region",
        )
    if not 2000 <= year <= 2100 or not 1 <= month <= 12:
        raise DomainError(_("Choose a month."), field="period")
    if not reports_required(year, month):
        first = "{}-{:02d}".format(*settings.MONTHLY_REPORTS_FROM)
        raise DomainError(
            _("Monthly reports are owed from %(month)s on.") % {"month": first}, field="period"
        )
    month_end = _month_end(year, month)
    if today <= month_end:
        raise DomainError(_("A month's report is filed after the month has ended."), field="period")
    if filed_on > today:
        raise DomainError(_("The date cannot be in the future."), field="filed_on")
    if filed_on <= month_end:
        raise DomainError(
            _("A report cannot arrive before its month has ended (%(date)s).")
            % {"date": date_text(month_end)},
            field="filed_on",
        )
    due = report_due(year, month)
    if channel == ReportChannel.RECEIVED and filed_on <= due < today and not receipt_note:
        raise DomainError(
            _(
                "The due day has passed: to record this report as arrived by it, say how it "
                "arrived (document number, letter, e-mail)."
            ),
            field="receipt_note",
        )
    summary = (summary or "").strip()
    if not summary:
        raise DomainError(_("Write the month's work."), field="summary")
    filed = MonthlyReport.objects.standing().select_for_update()
    if filed.filter(region=region, year=year, month=month).exists():
        raise DomainError(_("This month's report is already filed."), field="period")
    try:
        with transaction.atomic():
            return MonthlyReport.objects.create(
                region=region,
                year=year,
                month=month,
                summary=summary,
                problems=(problems or "").strip(),
                filed_on=filed_on,
                due_on=due,
                channel=channel,
                receipt_note=receipt_note,
                recorded_by=user,
            )
    except IntegrityError as exc:  # filed by someone else a moment ago
        raise DomainError(_("This month's report is already filed."), field="period") from exc


@transaction.atomic
def monthly_report_withdraw(*, user, report: MonthlyReport, reason: str) -> MonthlyReport:
    """Withdraw a report filed in error (the wrong month, the wrong region), with the reason
    (bureau staff or an administrator). It stays readable and no longer counts; the month can
    be filed again, and a report filed after the due day is late."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator withdraw a report."))
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    if report.is_withdrawn:
        raise DomainError(_("This report is already withdrawn."), field="reason")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Withdrawing a report needs a reason."), field="reason")
    report.mark_withdrawn(user=user, reason=reason)
    return report


# Days before the due day on which the regions still owing a month's report are reminded
# (and again on the due day itself).
REPORT_REMINDER_DAYS_BEFORE = 3
# A due-day reminder the job could not send on the day (the worker was down) is still sent on
# its first run within this many days after.
REPORT_REMINDER_CATCH_UP_DAYS = 7


def _reminder_stages(today: dt.date) -> list[tuple[int, int, dt.date, str]]:
    """[(year, month, due, stage)] owed today: `before` from REPORT_REMINDER_DAYS_BEFORE days
    ahead of the due day until the day before it, `due` from the due day until
    REPORT_REMINDER_CATCH_UP_DAYS after it. Whether each person already had it is the
    ReportReminder rows' to say; so a run after days the worker was down sends what those
    days owed, once. Months: this one (an early due day), the last two."""
    months = []
    y, m = today.year, today.month
    for _i in range(3):
        months.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    out = []
    for y, m in reversed(months):
        if not reports_required(y, m):
            continue
        due = report_due(y, m)
        if due - timedelta(days=REPORT_REMINDER_DAYS_BEFORE) <= today < due:
            out.append((y, m, due, ReminderStage.BEFORE))
        elif due <= today <= due + timedelta(days=REPORT_REMINDER_CATCH_UP_DAYS):
            out.append((y, m, due, ReminderStage.DUE))
    return out


def monthly_report_reminders(today: dt.date | None = None) -> int:
    """Daily: REPORT_REMINDER_DAYS_BEFORE days before a month's reports fall due, and on the
    due day, e-mail the district staff of every region that has not filed it (a district's
    staff also answer for its zones), in the portal's language. Each person gets each of the
    two once (a ReportReminder row, written before the mail and removed if it fails: the next
    run tries again); a run after days the worker was down sends what they owed. Returns how
    many people were reminded."""
    from django.contrib.auth import get_user_model

    today = today or timezone.localdate()
    sent = 0
    for year, month, due, stage in _reminder_stages(today):
        filed = set(
            MonthlyReport.objects.standing()
            .filter(year=year, month=month)
            .order_by()
            .values_list("region_id", flat=True)
        )
        owing = {
            r.pk: r for r in Region.objects.exclude(kind=RegionKind.CITY).exclude(pk__in=filed)
        }
        if not owing:
            continue
        had = set(
            ReportReminder.objects.filter(year=year, month=month, stage=stage).values_list(
                "user_id", flat=True
            )
        )
        staff = get_user_model().objects.filter(role=Role.DISTRICT, is_active=True)
        for user in staff.exclude(email="").exclude(pk__in=had).select_related("region"):
            regions = [owing[pk] for pk in sorted(user_region_ids(user) or ()) if pk in owing]
            if not regions:
                continue
            try:
                with transaction.atomic():
                    mark = ReportReminder.objects.create(
                        user=user, year=year, month=month, stage=stage
                    )
            except IntegrityError:  # another run is sending it
                continue
            if _send_report_reminder(user, year, month, due, regions, late=today > due):
                sent += 1
            else:
                mark.delete()
    return sent


def _send_report_reminder(user, year, month, due, regions, *, late: bool) -> bool:
    with translation.override(language_of(user)):
        period = month_text(year, month)
        names = _(", ").join(str(r) for r in regions)
        subject = (
            _("Monthly report %(period)s was due on %(date)s")
            if late
            else _("Monthly report %(period)s due on %(date)s")
        ) % {"period": period, "date": date_text(due)}
        body = _(
            "The monthly report of %(period)s has not been filed yet for: %(regions)s. "
            "It is due on %(date)s; a report filed later counts as late at the year-end "
            "appraisal. File it under Monthly reports in the portal."
        ) % {"period": period, "regions": names, "date": date_text(due)}
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:
        log.warning("monthly report reminder to %s not sent", user.pk, exc_info=True)
        return False
    return True


# --- opening figures ---------------------------------------------------------------------------

OPENING_VALUES = tuple(f"{m}_{span}" for m in OPENING_METRICS for span in ("month", "ytd"))


def _opening_check(year: int, month: int, region, values: dict) -> None:
    if not (1990 <= (year or 0) <= 2100):
        raise DomainError(_("Enter a year between 1990 and 2100."), field="year")
    if not (1 <= (month or 0) <= 12):
        raise DomainError(_("Enter a month from 1 to 12."), field="month")
    if region is not None and region.kind == RegionKind.CITY:
        raise DomainError(
            _("Leave the region empty for the whole city."),
            field="region",
        )
    for name in OPENING_VALUES:
        if values.get(name) is None or values[name] < 0:
            raise DomainError(_("Enter a figure of zero or more."), field=name)
    for m in OPENING_METRICS:
        if values[f"{m}_ytd"] < values[f"{m}_month"]:
            raise DomainError(
                _("The year to date cannot be less than the month."), field=f"{m}_ytd"
            )
        if month == 1 and values[f"{m}_ytd"] != values[f"{m}_month"]:
            raise DomainError(_("In January the year to date is the month."), field=f"{m}_ytd")


@transaction.atomic
def opening_figure_save(
    *, user, year: int, month: int, region=None, values: dict, source: str = ""
) -> OpeningFigure:
    """Enter or correct the figures the city published for a month before the portal, for the
    city (`region` None) or a region (bureau or admin). One row per month and scope: entering
    the same month and scope again corrects it (history kept). `values` holds the four metrics'
    month and year to date (`new_fie_count_month` … `utilized_fdi_usd_10k_ytd`). Refuses a
    negative figure, a year to date below the month (equal in January) and the city itself
    given as a region."""
    _require_bureau(user)
    _opening_check(year, month, region, values)
    figure = (
        OpeningFigure.objects.select_for_update()
        .filter(year=year, month=month, region=region)
        .first()
    ) or OpeningFigure(year=year, month=month, region=region)
    for name in OPENING_VALUES:
        setattr(figure, name, values[name])
    figure.source = (source or "").strip()[:200]
    figure.entered_by = user
    figure._history_user = user
    figure.save()
    return figure


@transaction.atomic
def opening_figure_delete(*, user, figure: OpeningFigure) -> None:
    """Remove an opening figure (bureau or admin); history keeps it."""
    _require_bureau(user)
    figure = OpeningFigure.objects.select_for_update().get(pk=figure.pk)
    figure._history_user = user
    figure.delete()
