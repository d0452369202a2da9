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


@hooks.provide_chain_choices
def chain_choices() -> tuple[list, list]:
    """Built per request, in the active language (a name with no translation is shown in
    Chinese, marked so; a group label cannot be marked, so it says the name is missing)."""
    from django.utils.translation import gettext as _

    from config.i18n import localized, localized_or_source

    from .models import Chain, ChainLink

    def option(obj):
        text, missing = localized_or_source(obj, "name")
        return (obj.pk, text, "zh-Hans" if missing else "")

    chains = list(Chain.objects.order_by("sort_order", "pk"))
    links: dict[int, list] = {}
    for link in ChainLink.objects.order_by("sort_order", "pk"):
        links.setdefault(link.chain_id, []).append(option(link))
    groups = [
        (
            localized(chain, "name")
            or _("Chain no. %(id)s (no English name yet)") % {"id": chain.pk},
            links.get(chain.pk, []),
        )
        for chain in chains
    ]
    return [option(c) for c in chains], groups
