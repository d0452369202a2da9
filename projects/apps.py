from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Project pipeline")

    def ready(self):
        # The pipeline's answers to the investor database's hooks (see investors.hooks).
        from . import investor_hooks  # noqa: F401
        from .counts import connect
        from .models import CapitalArrival, Project, ProjectCheck, RegionTarget

        # The records the cached dashboard and board counts read (projects/counts.py).
        connect(Project, CapitalArrival, ProjectCheck, RegionTarget)
