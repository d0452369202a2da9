"""Fills the pipeline's hooks (projects.hooks): an industry office edits the projects linked
to its chains."""

from django.db.models import Q

from investors import hooks as investor_hooks
from projects import hooks

from .models import LocalEnterprise, ProjectLink, TargetCompany


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


def _link_row_mover(model):
    """Move a merged investor's rows of a chain link to the surviving investor, except where
    the survivor already has a row on that link (one row per link and investor): those stay
    with the archived investor, visible in its record."""

    def move(*, user, ids, source, target):
        taken = set(model.objects.filter(investor=target).values_list("link_id", flat=True))
        model.objects.filter(pk__in=ids).exclude(link_id__in=taken).update(investor=target)

    return move


investor_hooks.register_mover("chains.TargetCompany", "investor", _link_row_mover(TargetCompany))
investor_hooks.register_mover(
    "chains.LocalEnterprise", "investor", _link_row_mover(LocalEnterprise)
)
