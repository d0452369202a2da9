from celery import shared_task


@shared_task(name="staff.tasks.run_export")
def run_export(job_id: int) -> str:
    """Write one background export (staff.services.export_job_run)."""
    from .services import export_job_run

    return export_job_run(job_id)


@shared_task(name="staff.tasks.purge_exports")
def purge_exports() -> str:
    """Hourly (Celery beat): delete exports older than EXPORT_KEEP_HOURS and their files."""
    from .services import export_jobs_purge

    return f"{export_jobs_purge()} exports deleted"
