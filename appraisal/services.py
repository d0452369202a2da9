"""Writes of the year-end appraisal: schemes (default, copy of last year's, indicators),
runs, review, publishing (freezing, with the commendation and warning lists) and revisions.
Only admins run, review and publish appraisals and edit schemes."""

import logging
import math
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.errors import DomainError

from . import scoring
from .engine import compute, scheme_state
from .models import (
    Appraisal,
    AppraisalStatus,
    Indicator,
    IndicatorScore,
    ListEntry,
    ListKind,
    RunStatus,
    Scheme,
    Score,
    SubjectKind,
)
from .sources import DEFAULT_INDICATORS, SOURCES

log = logging.getLogger(__name__)
EARLIEST_YEAR = 2000
LANGS = ("zh-hans", "en")


def require_admin(user) -> None:
    if user is not None and not (user.is_authenticated and user.is_admin_role):
        raise PermissionDenied(_("Only an administrator can do this."))


def check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError(_("Give the year as four digits."), field="year") from None
    if not EARLIEST_YEAR <= year <= timezone.localdate().year:
        raise DomainError(
            _("The year must be between %(first)s and this year.") % {"first": EARLIEST_YEAR},
            field="year",
        )
    return year


# --- schemes ---------------------------------------------------------------------------------


def indicator_check(indicator: Indicator) -> None:
    """An indicator's source must exist and measure its kind of subject; its parameters must
    suit its method (normalised in place). DomainError naming the field otherwise."""
    source = SOURCES.get(indicator.source)
    if source is None:
        raise DomainError(_("Unknown data source."), field="source")
    if source.kind != indicator.subject_kind:
        raise DomainError(_("This data source measures another kind of subject."), field="source")
    if indicator.method not in scoring.WEIGHTED + scoring.POINTS:
        raise DomainError(_("Unknown scoring method."), field="method")
    if indicator.method in (scoring.RATIO_CAP, scoring.TIERS) and not source.has_target:
        raise DomainError(
            _("This data source has no target: score it by efficacy, bonus or deduction."),
            field="method",
        )
    try:
        indicator.params = scoring.clean_params(indicator.method, indicator.params)
    except ValueError as exc:
        raise DomainError(str(exc), field="params") from None
    if indicator.method in scoring.POINTS:
        indicator.weight = Decimal("0")


def weights_check(indicators) -> None:
    """The weighted indicators of each kind of subject add up to 100 (bonus and deduction
    carry no weight)."""
    for kind, label in SubjectKind.choices:
        weights = [
            Decimal(i.weight)
            for i in indicators
            if i.subject_kind == kind and i.method in scoring.WEIGHTED
        ]
        if weights and sum(weights) != 100:
            raise DomainError(
                _("The weights of %(kind)s add up to %(sum)s, not 100.")
                % {"kind": label, "sum": scoring.q2(sum(weights))},
                field="weight",
            )


@transaction.atomic
def scheme_save(*, user, scheme: Scheme, indicators: list[Indicator]) -> Scheme:
    """Save a scheme and replace its indicators, all checked. A scheme with a published
    appraisal still changes only future runs (a published appraisal keeps the scheme it was
    computed with)."""
    require_admin(user)
    codes = set()
    for ind in indicators:
        indicator_check(ind)
        if ind.code in codes:
            raise DomainError(_("Two indicators have the same code."), field="code")
        codes.add(ind.code)
    weights_check(indicators)
    scheme.full_clean(exclude=["year"] if scheme.pk else None)
    scheme.save()
    scheme.indicators.all().delete()
    for order, ind in enumerate(indicators):
        ind.pk, ind.scheme, ind.sort_order = None, scheme, order
        ind.full_clean(exclude=["scheme"])
    Indicator.objects.bulk_create(indicators)
    return scheme


def _default_indicators() -> list[Indicator]:
    return [
        Indicator(
            code=code,
            subject_kind=kind,
            name_zh_hans=zh,
            name_en=en,
            weight=Decimal(weight),
            source=source,
            method=method,
            params=dict(params),
        )
        for code, kind, zh, en, weight, source, method, params in DEFAULT_INDICATORS
    ]


def scheme_create(*, user, year) -> Scheme:
    """A new year's scheme: a copy of the latest earlier year's, or the default scheme."""
    require_admin(user)
    year = check_year(year)
    if Scheme.objects.filter(year=year).exists():
        raise DomainError(_("This year already has a scheme."), field="year")
    previous = Scheme.objects.filter(year__lt=year).order_by("-year").first()
    if previous is not None:
        return scheme_copy(user=user, source=previous, year=year)
    return scheme_save(user=user, scheme=Scheme(year=year), indicators=_default_indicators())


def scheme_copy(*, user, source: Scheme, year) -> Scheme:
    """Start a year's scheme from another's: thresholds and every indicator."""
    require_admin(user)
    year = check_year(year)
    if Scheme.objects.filter(year=year).exists():
        raise DomainError(_("This year already has a scheme."), field="year")
    scheme = Scheme(
        year=year,
        satisfaction_threshold=source.satisfaction_threshold,
        on_time_threshold=source.on_time_threshold,
        commend_top=source.commend_top,
        min_field=source.min_field,
        notes=source.notes,
    )
    copies = [
        Indicator(
            code=i.code,
            subject_kind=i.subject_kind,
            name_zh_hans=i.name_zh_hans,
            name_en=i.name_en,
            weight=i.weight,
            source=i.source,
            method=i.method,
            params=dict(i.params),
        )
        for i in source.indicators.all()
    ]
    return scheme_save(user=user, scheme=scheme, indicators=copies)


# --- runs ------------------------------------------------------------------------------------


@transaction.atomic
def appraisal_request(*, user, year, revision_reason: str = "") -> Appraisal:
    """Run a year's appraisal (see `appraisal_create`); the Celery task is sent after commit."""
    appraisal = appraisal_create(user=user, year=year, revision_reason=revision_reason)
    from .tasks import run_appraisal

    transaction.on_commit(lambda: run_appraisal.delay(appraisal.pk))
    return appraisal


def appraisal_create(*, user, year, revision_reason: str = "") -> Appraisal:
    """A draft to compute: the year's open draft (or one in review, back to draft) computed
    again, or a new version. A published year changes only through a revision with a reason,
    which is a new version; the published one stays until the revision is published."""
    require_admin(user)
    year = check_year(year)
    scheme = Scheme.objects.filter(year=year).first()
    if scheme is None:
        raise DomainError(
            _("This year has no appraisal scheme yet: create it first."), field="year"
        )
    if not scheme.indicators.exists():
        raise DomainError(_("The year's scheme has no indicators."), field="year")
    reason = (revision_reason or "").strip()
    existing = list(Appraisal.objects.select_for_update().filter(year=year))
    published = next((a for a in existing if a.status == AppraisalStatus.PUBLISHED), None)
    open_ = next(
        (a for a in existing if a.status in (AppraisalStatus.DRAFT, AppraisalStatus.REVIEW)),
        None,
    )
    if published and not open_ and not reason:
        raise DomainError(
            _("This year's appraisal is published. To change it, give a reason for the revision."),
            field="revision_reason",
        )
    if reason and not published:
        raise DomainError(
            _("Only a published appraisal is revised; this one can simply be run again."),
            field="revision_reason",
        )
    if open_ is not None:
        limit = timezone.now() - timedelta(minutes=settings.STATS_RUN_TIMEOUT_MINUTES)
        stuck = open_.started_at is None or open_.started_at < limit
        if open_.run_status == RunStatus.RUNNING and not stuck:
            raise DomainError(_("This appraisal is being computed; wait for it to finish."))
        open_.status, open_.run_status, open_.progress, open_.message = (
            AppraisalStatus.DRAFT,
            RunStatus.QUEUED,
            0,
            "",
        )
        open_.scheme, open_.requested_by, open_.submitted_at = scheme, user, None
        if reason:
            open_.revision_reason = reason
        open_.save()
        return open_
    return Appraisal.objects.create(
        year=year,
        scheme=scheme,
        version=max((a.version for a in existing), default=0) + 1,
        revision_reason=reason,
        supersedes=published,
        requested_by=user,
    )


def _progress(appraisal: Appraisal, pct: int) -> None:
    Appraisal.objects.filter(pk=appraisal.pk).update(progress=pct)


def appraisal_execute(*, appraisal_id: int) -> Appraisal:
    """Compute a queued draft from the records and store its scores (replacing the draft's
    earlier ones). A frozen or finished appraisal is left as it is (a task delivered twice
    stores one result)."""
    appraisal = Appraisal.objects.select_related("scheme").get(pk=appraisal_id)
    if appraisal.is_frozen or appraisal.run_status == RunStatus.SUCCEEDED:
        return appraisal
    Appraisal.objects.filter(pk=appraisal.pk).update(
        run_status=RunStatus.RUNNING, progress=5, message="", started_at=timezone.now()
    )
    try:
        results, basis = compute(
            appraisal.scheme, appraisal.year, progress=lambda p: _progress(appraisal, p)
        )
        _store(appraisal, results, basis)
    except Exception as exc:
        Appraisal.objects.filter(pk=appraisal.pk).update(
            run_status=RunStatus.FAILED, message=str(exc)[:500]
        )
        log.exception("appraisal %s failed", appraisal.pk)
        if not isinstance(exc, DomainError):
            raise
    appraisal.refresh_from_db()
    return appraisal


@transaction.atomic
def _store(appraisal: Appraisal, results: dict, basis: dict) -> None:
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    if appraisal.is_frozen or appraisal.status != AppraisalStatus.DRAFT:
        raise DomainError(_("Only a draft is computed."))
    if appraisal.run_status == RunStatus.SUCCEEDED:
        return
    appraisal.scores.all().delete()
    all_scores, all_parts = [], []
    for rows in results.values():
        for score, parts in rows:
            score.appraisal = appraisal
            all_scores.append(score)
            all_parts.append(parts)
    Score.objects.bulk_create(all_scores)
    if connection.vendor != "postgresql" and any(s.pk is None for s in all_scores):
        pks = dict(appraisal.scores.values_list("subject_key", "pk"))
        for s in all_scores:
            s.pk = pks[s.subject_key]
    indicator_rows = []
    for score, parts in zip(all_scores, all_parts, strict=True):
        for p in parts:
            p.entry = score
            indicator_rows.append(p)
    IndicatorScore.objects.bulk_create(indicator_rows, batch_size=1000)
    appraisal.scheme_snapshot = scheme_state(appraisal.scheme) | {"basis": basis}
    appraisal.run_status, appraisal.progress = RunStatus.SUCCEEDED, 100
    appraisal.computed_at = timezone.now()
    appraisal.save(update_fields=["scheme_snapshot", "run_status", "progress", "computed_at"])


@transaction.atomic
def appraisal_submit(*, user, appraisal: Appraisal) -> Appraisal:
    """A computed draft goes to review: its results are final unless it is run again."""
    require_admin(user)
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    if appraisal.status != AppraisalStatus.DRAFT:
        raise DomainError(_("Only a draft is submitted for review."))
    if appraisal.run_status != RunStatus.SUCCEEDED:
        raise DomainError(_("The appraisal has not been computed yet."))
    appraisal.status, appraisal.submitted_at = AppraisalStatus.REVIEW, timezone.now()
    appraisal.save(update_fields=["status", "submitted_at"])
    return appraisal


@transaction.atomic
def appraisal_publish(*, user, appraisal: Appraisal) -> Appraisal:
    """Publish an appraisal in review: frozen from now on (its stored scores are what it
    says), the commendation and warning lists filled from it, and the version it revises
    superseded."""
    require_admin(user)
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    if appraisal.status != AppraisalStatus.REVIEW:
        raise DomainError(_("Only an appraisal in review is published: submit it first."))
    previous = (
        Appraisal.objects.select_for_update()
        .filter(year=appraisal.year, status=AppraisalStatus.PUBLISHED)
        .first()
    )
    if previous is not None:
        previous.status = AppraisalStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    appraisal.status = AppraisalStatus.PUBLISHED
    appraisal.published_at, appraisal.published_by = timezone.now(), user
    appraisal.save(update_fields=["status", "published_at", "published_by"])
    ListEntry.objects.bulk_create(list_entries(appraisal))
    return appraisal


def appraisal_revise(*, user, appraisal: Appraisal, reason: str) -> Appraisal:
    """A revision of a published appraisal: a new version, computed from the records now, with
    its reason; both stay readable."""
    if appraisal.status != AppraisalStatus.PUBLISHED:
        raise DomainError(_("Only the published appraisal is revised."))
    if not (reason or "").strip():
        raise DomainError(_("Give a reason for the revision."), field="revision_reason")
    return appraisal_request(user=user, year=appraisal.year, revision_reason=reason)


# --- lists -----------------------------------------------------------------------------------


def _both(fn) -> tuple[str, str]:
    """A text in Chinese and in English."""
    out = []
    for lang in LANGS:
        with translation.override(lang):
            out.append(str(fn()))
    return out[0], out[1]


def _kind_name(kind: str) -> str:
    return {
        SubjectKind.REGION: _("regions"),
        SubjectKind.UNIT: _("liaison units"),
        SubjectKind.PERSON: _("introducers and individuals"),
    }[kind]


def _warnings(state: dict) -> dict[str, tuple[dict, list[tuple[str, str]]]]:
    """Units whose average rating or on-time rectification fell below the scheme's
    thresholds: {key: (basis row, [(reason zh, reason en)])}."""
    satisfaction = Decimal(state.get("satisfaction_threshold", "0"))
    on_time = Decimal(state.get("on_time_threshold", "0"))
    out = {}
    for key, r in state.get("basis", {}).get("units", {}).items():
        reasons = []
        if r["average"] is not None and Decimal(r["average"]) < satisfaction:
            reasons.append(
                _both(
                    lambda r=r: (
                        _("Average rating %(avg)s, below %(min)s (%(n)s reviews)")
                        % {"avg": r["average"], "min": satisfaction, "n": r["reviews"]}
                    )
                )
            )
        if r["on_time"] is not None and Decimal(r["on_time"]) < on_time:
            reasons.append(
                _both(
                    lambda r=r: (
                        _("%(rate)s%% of cases rectified on time, below %(min)s%% (%(n)s cases)")
                        % {"rate": scoring.q2(r["on_time"]), "min": on_time, "n": r["cases"]}
                    )
                )
            )
        if reasons:
            out[key] = (r, reasons)
    return out


def list_entries(appraisal: Appraisal) -> list[ListEntry]:
    """From the appraisal's stored results only:

    - the commendation list: of each kind, the top `commend_top` ranks with a positive score,
      within the top third of the field (at least rank 1) and not on the warning list; and
      the units and people most voted for by enterprises (whatever their rank);
    - the warning list: units whose average rating or on-time rectification fell below the
      scheme's thresholds.

    Each entry has its reasons in both languages."""
    state = appraisal.scheme_snapshot or {}
    basis = state.get("basis", {})
    top = int(state.get("commend_top", appraisal.scheme.commend_top))
    warned = _warnings(state)
    commended: dict[str, dict] = {}

    def commend(kind, key, zh, en, reason):
        entry = commended.setdefault(key, {"kind": kind, "zh": zh, "en": en, "reasons": []})
        entry["reasons"].append(reason)

    counts = {
        kind: appraisal.scores.filter(subject_kind=kind).count() for kind in SubjectKind.values
    }
    for s in appraisal.scores.filter(rank__lte=top, total__gt=0).order_by(
        "subject_kind", "rank", "label_zh_hans"
    ):
        if s.subject_key in warned or s.rank > max(1, math.ceil(counts[s.subject_kind] / 3)):
            continue
        commend(
            s.subject_kind,
            s.subject_key,
            s.label_zh_hans,
            s.label_en,
            _both(
                lambda s=s: (
                    _("Ranked %(rank)s of %(n)s %(kind)s with %(score)s points")
                    % {
                        "rank": s.rank,
                        "n": counts[s.subject_kind],
                        "kind": _kind_name(s.subject_kind),
                        "score": s.total,
                    }
                )
            ),
        )
    for kind, group in ((SubjectKind.UNIT, "units"), (SubjectKind.PERSON, "people")):
        rows = basis.get(group, {})
        most = max((r["votes"] for r in rows.values()), default=0)
        for key, r in rows.items():
            if most and r["votes"] == most:
                commend(
                    kind,
                    key,
                    r["label_zh_hans"],
                    r["label_en"],
                    _both(lambda n=most: _("Most enterprise votes (%(n)s)") % {"n": n}),
                )
    entries = [
        ListEntry(
            appraisal=appraisal,
            kind=ListKind.COMMENDATION,
            subject_kind=e["kind"],
            subject_key=key,
            label_zh_hans=e["zh"],
            label_en=e["en"],
            reason_zh_hans="；".join(r[0] for r in e["reasons"]),
            reason_en="; ".join(r[1] for r in e["reasons"]),
            sort_order=order,
        )
        for order, (key, e) in enumerate(commended.items())
    ]
    entries += [
        ListEntry(
            appraisal=appraisal,
            kind=ListKind.WARNING,
            subject_kind=SubjectKind.UNIT,
            subject_key=key,
            label_zh_hans=r["label_zh_hans"],
            label_en=r["label_en"],
            reason_zh_hans="；".join(x[0] for x in reasons),
            reason_en="; ".join(x[1] for x in reasons),
            sort_order=order,
        )
        for order, (key, (r, reasons)) in enumerate(warned.items())
    ]
    return entries
