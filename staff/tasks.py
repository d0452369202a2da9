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


@shared_task(name="staff.tasks.backup_nightly")
def backup_nightly() -> str:
    """Nightly (Celery beat): what `manage.py backup` does (staff.backups.backup_create), on a
    worker that has pg_dump and BACKUP_DIR; retried with backoff like every task."""
    from .backups import backup_create

    return str(backup_create())
