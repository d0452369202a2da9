"""Merging two investors (bureau and admin): pick, preview, confirm; and undo.

Every relation that points at an investor is declared in `MERGE_RELATIONS` (moved to the
surviving investor) or `NOT_MOVED` (kept where it is, with the reason). A test fails when a
model gains a relation to investors that is in neither list. Relations the pipeline owns are
moved by the mover it registers in `investors.hooks` (so its history records the move); the
rest by a plain update here. The merged-away investor is never deleted: it is archived with
`merged_into` pointing at the survivor, and the `Merge` row remembers which rows moved, so the
merge can be undone."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.errors import DomainError

from . import hooks
from .models import Investor, Merge
from .selectors import can_merge_investors

# (model label, field name): what moves to the surviving investor.
MERGE_RELATIONS: tuple[tuple[str, str], ...] = (
    ("investors.Contact", "investor"),
    ("investors.Interaction", "investor"),
    ("investors.FollowUp", "investor"),
    ("investors.Reminder", "investor"),
    ("investors.Inquiry", "investor"),
    ("investors.PromotionActivity", "investors_met"),
    ("projects.Project", "investor"),
    ("projects.Project", "introducer_enterprise"),
    ("chains.TargetCompany", "investor"),
    ("chains.LocalEnterprise", "investor"),
)
# (model label, field name): relations that stay, and why.
NOT_MOVED: dict[tuple[str, str], str] = {
    ("investors.Investor", "merged_into"): "the archive pointer itself",
    ("investors.Merge", "source"): "the merge record",
    ("investors.Merge", "target"): "the merge record",
}


def _field(label: str, name: str):
    return apps.get_model(label)._meta.get_field(name)


def _ids_pointing_at(label: str, name: str, investor: Investor) -> list[int]:
    model = apps.get_model(label)
    return sorted(model._default_manager.filter(**{name: investor}).values_list("pk", flat=True))


def _move(label: str, name: str, ids: list[int], source: Investor, target: Investor, user):
    if not ids:
        return
    mover = hooks.movers.get((label, name))
    if mover is not None:
        mover(user=user, ids=ids, source=source, target=target)
        return
    model = apps.get_model(label)
    if _field(label, name).many_to_many:
        for obj in model._default_manager.filter(pk__in=ids):
            getattr(obj, name).remove(source)
            getattr(obj, name).add(target)
    else:
        model._default_manager.filter(pk__in=ids).update(**{name: target})


def merge_preview(*, source: Investor, target: Investor) -> list[dict]:
    """What would move from `source` to `target`: one row per declared relation with the
    number of rows (`{"relation", "label", "count"}`)."""
    rows = []
    for label, name in MERGE_RELATIONS:
        if not apps.is_installed(label.split(".")[0]):
            continue
        model = apps.get_model(label)
        rows.append(
            {
                "relation": f"{label}.{name}",
                "label": f"{model._meta.verbose_name_plural} ({_field(label, name).verbose_name})",
                "count": len(_ids_pointing_at(label, name, source)),
            }
        )
    return rows


def _check(user, source: Investor, target: Investor) -> None:
    if not can_merge_investors(user):
        raise PermissionDenied(_("Only the bureau merges investors."))
    if source.pk == target.pk:
        raise DomainError(_("Choose two different investors."), field="target")
    if source.is_archived or target.is_archived:
        raise DomainError(_("An archived investor cannot be merged."), field="target")


@transaction.atomic
def investor_merge(*, user, source: Investor, target: Investor) -> Merge:
    """Move everything that points at `source` to `target`, archive `source` with a pointer
    to `target`. Returns the Merge row (what moved, for undo)."""
    source = Investor.objects.select_for_update().get(pk=source.pk)
    target = Investor.objects.select_for_update().get(pk=target.pk)
    _check(user, source, target)
    moved = {}
    for label, name in MERGE_RELATIONS:
        if not apps.is_installed(label.split(".")[0]):
            continue
        ids = _ids_pointing_at(label, name, source)
        _move(label, name, ids, source, target, user)
        moved[f"{label}.{name}"] = ids
    source.merged_into = target
    source._history_user = user
    source._change_reason = _("Merged into %(name)s") % {"name": target}
    source.save(update_fields=["merged_into", "updated_at"])
    return Merge.objects.create(source=source, target=target, moved=moved, merged_by=user)


@transaction.atomic
def merge_undo(*, user, merge: Merge) -> Merge:
    """Move back exactly the rows the merge moved and restore the archived investor."""
    if not can_merge_investors(user):
        raise PermissionDenied(_("Only the bureau merges investors."))
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise DomainError(_("This merge was already undone."))
    source = Investor.objects.select_for_update().get(pk=merge.source_id)
    target = Investor.objects.select_for_update().get(pk=merge.target_id)
    if target.is_archived:
        raise DomainError(_("Undo the later merge of the surviving investor first."))
    for key, ids in merge.moved.items():
        label, name = key.rsplit(".", 1)
        if not apps.is_installed(label.split(".")[0]):
            continue
        model = apps.get_model(label)
        # Only rows that still point at the survivor go back.
        still = list(
            model._default_manager.filter(pk__in=ids, **{name: target}).values_list("pk", flat=True)
        )
        _move(label, name, sorted(still), target, source, user)
    source.merged_into = None
    source._history_user = user
    source._change_reason = _("Merge undone")
    source.save(update_fields=["merged_into", "updated_at"])
    merge.undone_at = timezone.now()
    merge.undone_by = user
    merge.save(update_fields=["undone_at", "undone_by"])
    return merge
