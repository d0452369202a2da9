"""What the pipeline does for the investor database, registered in `investors.hooks` when the
projects app is ready (the investor database never imports the pipeline)."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from investors import hooks

from .models import CapitalArrival, Project


@hooks.on_country_changed
def recopy_country(investor, *, user) -> None:
    """Capital arrivals carry their investor's country for the statistics (grouped without a
    join): a new country is copied onto the arrivals of the investor's projects, with a
    history row per arrival changed."""
    from .services import _copy_classification

    for project in Project.objects.filter(investor=investor).select_related("investor"):
        _copy_classification(project, user=user, reason=_("The investor's country changed."))


@hooks.provide_projects_of
def projects_of(user, investor) -> list[dict]:
    """The investor's projects the user may see (invested in or introduced)."""
    qs = (
        Project.objects.for_user(user)
        .filter(Q(investor=investor) | Q(introducer_enterprise=investor))
        .select_related("region")
        .order_by("-updated_at", "-id")
    )
    return [
        {
            "id": p.pk,
            "name": p.name_zh_hans or p.name_en,
            "name_zh_hans": p.name_zh_hans,
            "name_en": p.name_en,
            "url": reverse("projects:detail", args=[p.pk]),
            "stage": p.stage_label,
            "region": p.region,
            "introduced": p.introducer_enterprise_id == investor.pk,
        }
        for p in qs
    ]


@hooks.provide_activity_returns
def activity_returns(activity_ids) -> dict:
    """Per promotion activity: projects credited to it, their contracted foreign capital and
    the capital arrived for them (万美元). Two grouped queries."""
    ids = list(activity_ids)
    result = {
        row["source_activity_id"]: {
            "projects": row["n"],
            "contracted_fdi_usd_10k": row["contracted"] or Decimal("0"),
            "utilized_fdi_usd_10k": Decimal("0"),
        }
        for row in Project.objects.filter(source_activity_id__in=ids)
        .order_by()
        .values("source_activity_id")
        .annotate(n=Count("pk"), contracted=Sum("contracted_fdi_usd_10k"))
    }
    for row in (
        CapitalArrival.objects.filter(project__source_activity_id__in=ids)
        .order_by()
        .values("project__source_activity_id")
        .annotate(total=Sum("amount_usd_10k"))
    ):
        result[row["project__source_activity_id"]]["utilized_fdi_usd_10k"] = row["total"]
    return result


def _project_mover(field: str):
    def move(*, user, ids, source, target):
        from . import services

        reason = _("Investor %(source)s merged into %(target)s (or the merge undone).") % {
            "source": source,
            "target": target,
        }
        for project in Project.objects.filter(pk__in=ids).order_by("pk"):
            # A merge (or its undo) moves records; it enters no figures, so it asks for no
            # reason for unusual ones (projects.services._check_plausible).
            services.project_update(
                user=user,
                project=project,
                data={field: target},
                reason=reason,
                check_plausible=False,
            )

    return move


hooks.register_mover("projects.Project", "investor", _project_mover("investor"))
hooks.register_mover(
    "projects.Project", "introducer_enterprise", _project_mover("introducer_enterprise")
)
