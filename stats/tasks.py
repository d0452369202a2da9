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
    """Nightly: recompute the open period (this month in Asia/Shanghai) and, until it is
    published, last month too, so its draft takes in what was entered on its last day."""
    from .services import open_period, stats_run_request, stats_runs_fail_stuck

    stats_runs_fail_stuck()
    year, month = open_period()
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    said = []
    for y, m in (previous, (year, month)):
        if StatsSnapshot.objects.filter(year=y, month=m, status=SnapshotStatus.PUBLISHED).exists():
            said.append(f"{y}-{m:02d} is published")
        else:
            run = stats_run_request(user=None, year=y, month=m)
            said.append(f"{run.period} queued as run {run.pk}")
    return "; ".join(said)


@shared_task(name="stats.tasks.remind_monthly_reports")
def remind_monthly_reports() -> str:
    """Daily: remind district staff of last month's reports not filed, three days before the
    due day and on it."""
    from .services import monthly_report_reminders

    return f"{monthly_report_reminders()} reminder(s)"
