from celery import shared_task


@shared_task(name="forecast.tasks.nightly_forecast")
def nightly_forecast() -> str:
    """This year's forecast as of today with last year's backtest (a new run each night; the
    pages read the latest)."""
    from .services import forecast_run

    run = forecast_run()
    return f"{run} {run.status}"
