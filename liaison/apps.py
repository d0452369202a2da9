from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "liaison"
    verbose_name = _("Liaison units")

    def ready(self):
        from projects.counts import connect

        from .models import LiaisonAssignment

        # The dashboard's cached "needing a liaison unit" total reads the assignments.
        connect(LiaisonAssignment)
