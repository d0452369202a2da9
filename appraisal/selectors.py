"""Reads of the appraisal, scoped by role in one place (DESIGN.md section 6): admins, bureau
staff and the 110 office read every appraisal whole; district staff and liaison-unit staff read
only their own region's (with its zones) or unit's entries (and their own, as a person) until
it is published, then the full ranking. Out-of-scope entries are absent, and answer 404 when
asked for."""

from django.db.models import Prefetch

from accounts.models import Role
from accounts.scoping import user_region_ids

from .models import (
    Appraisal,
    AppraisalStatus,
    IndicatorScore,
    ListEntry,
    ListKind,
    Score,
    SubjectKind,
)

FROZEN = (AppraisalStatus.PUBLISHED, AppraisalStatus.SUPERSEDED)


def sees_everything(user) -> bool:
    return user.is_authenticated and (user.sees_whole_city or user.is_superuser)


def appraisals_for(user):
    if not user.is_authenticated:
        return Appraisal.objects.none()
    return Appraisal.objects.select_related("scheme")


def own_subject_keys(user) -> set[str]:
    """The subjects a user's scope covers before publishing."""
    keys: set[str] = set()
    if user.role == Role.DISTRICT:
        keys |= {f"region:{pk}" for pk in user_region_ids(user) or ()}
    if user.role == Role.LIAISON and user.liaison_unit_id:
        keys.add(f"unit:{user.liaison_unit_id}")
    keys.add(f"user:{user.pk}")
    return keys


def scores_for(user, appraisal: Appraisal):
    """The entries of an appraisal the user may read, with their indicators."""
    qs = appraisal.scores.all()
    if not (sees_everything(user) or appraisal.status in FROZEN):
        qs = qs.filter(subject_key__in=own_subject_keys(user))
    return qs.prefetch_related(
        Prefetch("indicators", queryset=IndicatorScore.objects.order_by("sort_order", "id"))
    ).order_by("subject_kind", "rank", "label_zh_hans", "id")


def explains(user, score: Score) -> bool:
    """Whether the user may open the records behind an entry. After publishing everyone reads
    the whole ranking (scores and indicator values), but the records behind another region's
    or unit's score (its projects, reviews and cases) stay with that scope, as the records
    themselves do."""
    return sees_everything(user) or score.subject_key in own_subject_keys(user)


def score_get(user, appraisal: Appraisal, pk) -> Score:
    """One entry whose records the user may read, or Score.DoesNotExist (404)."""
    qs = scores_for(user, appraisal)
    if not sees_everything(user):
        qs = qs.filter(subject_key__in=own_subject_keys(user))
    return qs.get(pk=pk)


def rankings(user, appraisal: Appraisal) -> dict[str, list[Score]]:
    out = {kind: [] for kind in SubjectKind.values}
    for s in scores_for(user, appraisal):
        out[s.subject_kind].append(s)
    return out


def can_manage(user) -> bool:
    return user.is_authenticated and user.is_admin_role


def published_lists() -> tuple[Appraisal | None, dict[str, list[ListEntry]]]:
    """The latest published appraisal and its commendation and warning lists."""
    appraisal = Appraisal.objects.filter(status=AppraisalStatus.PUBLISHED).order_by("-year").first()
    lists = {ListKind.COMMENDATION: [], ListKind.WARNING: []}
    if appraisal is not None:
        for e in appraisal.entries.order_by("kind", "sort_order", "id"):
            lists[e.kind].append(e)
    return appraisal, lists


def versions(year: int):
    return Appraisal.objects.filter(year=year).order_by("-version")
