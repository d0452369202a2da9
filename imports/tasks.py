from celery import shared_task


@shared_task(name="imports.tasks.run_import")
def run_import(job_id: int) -> str:
    """Write one applied import (imports.services.import_run)."""
    from .services import import_run

    return import_run(job_id)
