"""The demo's forecast: one run of this year as of today, so the dashboard, the targets page and
the forecast page show one without waiting for the night."""

from django.utils import timezone

from .models import ForecastRun
from .services import forecast_run


def seed_forecast(**_kwargs) -> None:
    if not ForecastRun.objects.filter(as_of=timezone.localdate()).exists():
        forecast_run()
