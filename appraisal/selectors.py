"""Reads of the appraisal, scoped by role in one place (DESIGN.md section 6): admins, bureau
staff and the 110 office read every appraisal whole; district staff and liaison-unit staff read
only their own region's (with its zones) or unit's entries (and their own, as a person) until
it is published, then the full ranking. Out-of-scope entries are absent, and answer 404 when
asked for."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.scoping import user_region_ids
from config.i18n import list_join

from .models import (
    Appraisal,
    AppraisalStatus,
    IndicatorScore,
    ListEntry,
    ListKind,
    Objection,
    Reward,
    Score,
    SubjectKind,
)

FROZEN = (AppraisalStatus.NOTICE, AppraisalStatus.FINAL, AppraisalStatus.SUPERSEDED)
CURRENT = (AppraisalStatus.NOTICE, AppraisalStatus.FINAL)


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


def public_lists() -> tuple[Appraisal | None, dict[str, list[ListEntry]]]:
    """The latest year's current appraisal (under notice or final) and its four lists. While
    it is under notice the named persons of the warning list are left out: they are named only
    once the result is final."""
    appraisal = Appraisal.objects.filter(status__in=CURRENT).order_by("-year").first()
    lists = {kind: [] for kind in ListKind.values}
    if appraisal is not None:
        entries = appraisal.entries.order_by("kind", "sort_order", "id")
        if appraisal.status != AppraisalStatus.FINAL:
            entries = entries.filter(after_notice=False)
        for e in entries:
            lists[e.kind].append(e)
    return appraisal, lists


def appraisal_lists(appraisal: Appraisal) -> dict[str, list[ListEntry]]:
    """Every list of an appraisal, the entries named only once it is final included (for the
    staff page, which marks them)."""
    lists = {kind: [] for kind in ListKind.values}
    for e in appraisal.entries.order_by("kind", "sort_order", "id"):
        lists[e.kind].append(e)
    return lists


def notice_open(appraisal: Appraisal, today=None) -> bool:
    """Whether the appraisal is under notice and its period has not ended (objections may be
    filed up to and including the last day)."""
    today = today or timezone.localdate()
    return (
        appraisal.status == AppraisalStatus.NOTICE
        and appraisal.notice_ends_on is not None
        and today <= appraisal.notice_ends_on
    )


def may_object(user) -> bool:
    """District and liaison-unit staff object for their own subjects (regions, unit, self)."""
    return user.is_authenticated and user.role in (Role.DISTRICT, Role.LIAISON)


def objection_subjects(user, appraisal: Appraisal):
    """The entries of an appraisal the user may object to."""
    if not may_object(user):
        return appraisal.scores.none()
    return appraisal.scores.filter(subject_key__in=own_subject_keys(user)).prefetch_related(
        "indicators"
    )


def objections_for(user, appraisal: Appraisal):
    """The objections to an appraisal the user may read: all for the roles that read the whole
    city (admin, bureau, 110 office), those on their own subjects for district and liaison
    staff."""
    qs = appraisal.objections.select_related("filed_by", "answered_by", "revision")
    if not sees_everything(user):
        qs = qs.filter(subject_key__in=own_subject_keys(user))
    return qs.order_by("filed_at", "id")


def objection_get(user, appraisal: Appraisal, pk) -> Objection:
    """One objection in the user's scope, or Objection.DoesNotExist (404)."""
    return objections_for(user, appraisal).get(pk=pk)


def rewards_for(user, appraisal: Appraisal) -> list[Reward]:
    """The introducers' rewards of an appraisal the user may read: like the entries, whole for
    the roles that read the city and once published, else the user's own. As with a score's
    explanation, the records behind a reward (projects, arrivals, contracts) are for the roles
    that read the city and for the introducer themself: `shown_records` is empty otherwise."""
    qs = appraisal.rewards.all()
    if not (sees_everything(user) or appraisal.status in FROZEN):
        qs = qs.filter(subject_key__in=own_subject_keys(user))
    whole, own = sees_everything(user), own_subject_keys(user)
    rewards = list(qs.order_by("sort_order", "id"))
    for r in rewards:
        r.shown_records = r.records if whole or r.subject_key in own else []
    return rewards


def reward_rows(user, appraisal: Appraisal) -> list[dict]:
    """The introducers' rewards as rows for an export (xlsx, PDF) in the active language:
    rank, introducer, basis (its label), basis amount (10k USD), reward (10k CNY), whether the
    cap applied, how it was computed (one line per rate step), and the projects behind it
    ("id name" each; only where the reader may see them). Scoped as `rewards_for`."""
    rows = []
    for order, r in enumerate(rewards_for(user, appraisal), start=1):
        names = {}
        for rec in r.shown_records:
            pk = rec.get("project") if rec.get("type") == "arrival" else rec.get("id")
            names.setdefault(pk, rec.get("label", ""))
        rows.append(
            {
                "rank": order,
                "subject_key": r.subject_key,
                "subject": r.label,
                "basis": r.get_basis_display(),
                "basis_usd_10k": r.basis_usd_10k,
                "amount_cny_10k": r.amount_cny_10k,
                "capped": r.capped,
                "steps": [
                    _("%(base)s × %(rate)s = %(amount)s")
                    % {"base": s["base"], "rate": s["rate"], "amount": s["amount"]}
                    for s in r.steps
                ],
                "projects": [f"{pk} {name}" for pk, name in names.items()],
            }
        )
    return rows


def versions(year: int):
    return Appraisal.objects.filter(year=year).order_by("-version")


def ranking_notes(entries) -> list[str]:
    """What a ranking of one kind says above its table, per indicator: the subjects without a
    target or without data (and what they got instead), an indicator scored against its
    standard because its field was too small or all equal, and the subjects at the top of a
    field for attracting capital at no recorded cost. In the active language."""
    from django.utils.translation import gettext as _

    from .scoring import (
        NO_TARGET,
        RULE_AVERAGE,
        RULE_BEST,
        RULE_FULL,
        RULE_REDISTRIBUTED,
        RULE_STANDARD,
    )

    by_code: dict[str, dict] = {}
    for e in entries:
        for p in e.indicators.all():
            got = by_code.setdefault(p.code, {"name": p.name, "rules": {}, "x": p.explanation})
            key = (p.rule, p.explanation.get("missing", ""))
            got["rules"].setdefault(key, []).append(e.label)

    def names(labels):
        shown = list_join(labels[:10])
        if len(labels) > 10:
            shown += _(" and %(n)s more") % {"n": len(labels) - 10}
        return shown

    what = {
        RULE_REDISTRIBUTED: _("the weight is spread over each one's other indicators"),
        RULE_FULL: _("full marks"),
        RULE_AVERAGE: _("the average of the others"),
    }
    notes = []
    for got in by_code.values():
        for (rule, missing), labels in got["rules"].items():
            args = {"indicator": got["name"], "subjects": names(labels)}
            if rule in what:
                args["what"] = what[rule]
                if missing == NO_TARGET:
                    notes.append(_("No target for %(indicator)s: %(subjects)s (%(what)s).") % args)
                else:
                    notes.append(_("No data for %(indicator)s: %(subjects)s (%(what)s).") % args)
            elif rule == RULE_STANDARD:
                args["standard"] = got["x"].get("standard")
                notes.append(
                    _(
                        "%(indicator)s: too few subjects with data, or all equal, to compare: "
                        "each value is scored against the standard %(standard)s."
                    )
                    % args
                )
            elif rule == RULE_BEST:
                notes.append(
                    _(
                        "%(indicator)s: %(subjects)s attracted capital at no recorded cost: "
                        "the top of the field."
                    )
                    % args
                )
    return notes


def indicators_without_standard(scheme) -> list:
    """The scheme's efficacy indicators with no `standard`: in a field smaller than the
    scheme's `min_field`, or all equal, they have nothing to score against and count as
    missing data. The scheme page lists them."""
    return [
        i for i in scheme.indicators.all() if i.method == "efficacy" and "standard" not in i.params
    ]
