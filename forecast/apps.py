from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastConfig(AppConfig):
    name = "forecast"
    verbose_name = _("Year-end forecast")

    def ready(self):
        # The targets page (projects, below) shows the forecast through its hook.
        from . import project_hooks  # noqa: F401
