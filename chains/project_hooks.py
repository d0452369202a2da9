"""Fills the pipeline's hooks (projects.hooks): an industry office edits the projects linked
to its chains."""

from django.db.models import Q

from projects import hooks

from .models import ProjectLink


@hooks.provide_office_editable
def office_editable(user) -> Q | None:
    if not user.chain_office_id:
        return None
    linked = ProjectLink.objects.filter(chain__office_id=user.chain_office_id).values("project_id")
    return Q(pk__in=linked)
