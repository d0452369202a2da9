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
    """Nightly: recompute the open period (this month in Asia/Shanghai) unless published."""
    from .services import open_period, stats_run_request

    year, month = open_period()
    if StatsSnapshot.objects.filter(
        year=year, month=month, status=SnapshotStatus.PUBLISHED
    ).exists():
        return f"{year}-{month:02d} is published"
    run = stats_run_request(user=None, year=year, month=month)
    return f"{run.period} queued as run {run.pk}"
