from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Service feedback")

    def ready(self):
        # Liaison ranks the units it suggests by their open cases, which feedback counts.
        from liaison import hooks

        from .selectors import open_case_counts_by_unit

        hooks.provide_open_case_counts(open_case_counts_by_unit)
