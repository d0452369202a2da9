from celery import shared_task

from .models import SnapshotStatus, StatsSnapshot


@shared_task(name="stats.tasks.compute_fdi_stats")
def compute_fdi_stats(run_id: int) -> str:
    """Compute one period with all breakdowns (late ack, retried with backoff; idempotent)."""
    from .services import stats_run_execute

    run = stats_run_execute(run_id=run_id)
    return f"{run.period} {run.status}"


@shared_task(name="stats.tasks.compute_open_period")
def compute_open_period() -> str:
    """Nightly: recompute the open period (this month in Asia/Shanghai) and every month before
    it that is not published yet, back to the latest published one (at most a year), so a
    closed month's draft takes in what was entered on its last day, and nights the worker
    missed over a month's end are caught up. Recomputing unchanged records writes the same
    figures, so a month computed twice is the same month."""
    from .services import open_period, stats_run_request, stats_runs_fail_stuck

    stats_runs_fail_stuck()
    said = []
    for y, m in months_to_compute(open_period()):
        run = stats_run_request(user=None, year=y, month=m)
        said.append(f"{run.period} queued as run {run.pk}")
    return "; ".join(said)


def months_to_compute(open_period: tuple[int, int], limit: int = 12) -> list[tuple[int, int]]:
    """The open month and the unpublished months before it, oldest first: back to the latest
    published period, or the month before the open one when nothing is published, at most
    `limit` months."""
    published = set(
        StatsSnapshot.objects.filter(status=SnapshotStatus.PUBLISHED).values_list("year", "month")
    )
    year, month = open_period
    months = [(year, month)]
    for _i in range(limit - 1):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        if (year, month) in published:
            break
        months.append((year, month))
        if not published and len(months) == 2:
            break
    return sorted(months)


@shared_task(name="stats.tasks.remind_monthly_reports")
def remind_monthly_reports() -> str:
    """Daily: remind district staff of last month's reports not filed, three days before the
    due day and on it."""
    from .services import monthly_report_reminders

    return f"{monthly_report_reminders()} reminder(s)"
