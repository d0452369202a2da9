from celery import shared_task


@shared_task(name="appraisal.tasks.run_appraisal")
def run_appraisal(appraisal_id: int) -> str:
    """Compute one appraisal (idempotent: a finished or frozen one is left as it is)."""
    from .services import appraisal_execute

    appraisal = appraisal_execute(appraisal_id=appraisal_id)
    return f"{appraisal} {appraisal.run_status}"
