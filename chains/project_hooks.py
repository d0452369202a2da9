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


@hooks.provide_target_sections
def target_sections(user, year: int) -> list[dict]:
    """The chains' targets of the year on the targets page, for the roles that read the city."""
    from .selectors import chain_target_progress

    if not user.sees_whole_city:
        return []
    return [{"template": "chains/_progress.html", "progress": chain_target_progress(year)}]
