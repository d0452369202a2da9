from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "chains"
    verbose_name = _("Industrial chains")

    def ready(self):
        # The pipeline asks this hook which projects an industry office may edit
        # (projects never imports chains).
        from . import project_hooks  # noqa: F401
