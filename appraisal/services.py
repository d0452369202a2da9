"""Writes of the year-end appraisal: schemes (default, copy of last year's, indicators),
runs, review, publishing (freezing, with the four public lists) into a public-notice period
(公示), objections and their answers, finalising, and revisions. Only admins run, review,
publish, answer objections, finalise and edit schemes; district and liaison-unit staff object
for their own subjects.

The workflow: draft → review → notice (published: frozen, lists public, objections open for
the scheme's working days) → final (after the period, every objection answered). A revision (by
hand, with a reason, or from an upheld objection) is a new version that supersedes the
current one when it is published, and has its own notice period."""

import datetime as dt
import logging
import math
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.mail import in_each_language, language_of, to_users
from config.errors import DomainError
from config.typography import date_text
from outbox.services import enqueue

from . import scoring
from .basis import liaison_person_ratings, regions_falsely_reported
from .engine import compute, scheme_state
from .models import (
    Appraisal,
    AppraisalStatus,
    Indicator,
    IndicatorScore,
    ListEntry,
    ListKind,
    Objection,
    ObjectionDecision,
    Reward,
    RunStatus,
    Scheme,
    Score,
    SubjectKind,
)
from .rewards import clean_sections, clean_tiers, read_rewards, rule_state
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
    scheme.reward_sections = clean_sections(scheme.reward_sections)
    scheme.reward_tiers = clean_tiers(scheme.reward_tiers)
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
        notice_working_days=source.notice_working_days,
        person_warning_min_ratings=source.person_warning_min_ratings,
        person_warning_threshold=source.person_warning_threshold,
        reward_sections=source.reward_sections,
        reward_basis=source.reward_basis,
        reward_rate=source.reward_rate,
        reward_tiers=list(source.reward_tiers or []),
        reward_minimum_usd_10k=source.reward_minimum_usd_10k,
        reward_cap_cny_10k=source.reward_cap_cny_10k,
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

    enqueue(run_appraisal, appraisal_id=appraisal.pk)
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
    published = next((a for a in existing if a.is_current), None)
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
        basis["liaison_people"] = liaison_person_ratings(appraisal.year)
        basis["falsified_regions"] = regions_falsely_reported(appraisal.year)
        rule = rule_state(appraisal.scheme)
        _store(appraisal, results, basis, rule, read_rewards(rule, appraisal.year))
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
def _store(appraisal: Appraisal, results: dict, basis: dict, rule: dict, rewards: list) -> None:
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
    appraisal.rewards.all().delete()
    Reward.objects.bulk_create(
        Reward(appraisal=appraisal, sort_order=order, **row) for order, row in enumerate(rewards)
    )
    appraisal.scheme_snapshot = scheme_state(appraisal.scheme) | {
        "basis": basis,
        "reward_rule": rule,
        "notice_working_days": appraisal.scheme.notice_working_days,
        "person_warning_min_ratings": appraisal.scheme.person_warning_min_ratings,
        "person_warning_threshold": str(appraisal.scheme.person_warning_threshold),
    }
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
def appraisal_publish(*, user, appraisal: Appraisal, on=None) -> Appraisal:
    """Publish an appraisal in review into its public notice (公示): frozen from now on (its
    stored scores are what it says), the lists filled from it and shown on the public site
    marked as under notice, objections open until the end of the scheme's working days
    (`feedback.services.working_days_after`, from today — or from `on`, a past day, for a
    notice recorded after the fact, as the demo does); the version it revises is
    superseded."""
    from feedback.services import working_days_after

    require_admin(user)
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    if appraisal.status != AppraisalStatus.REVIEW:
        raise DomainError(_("Only an appraisal in review is published: submit it first."))
    previous = (
        Appraisal.objects.select_for_update()
        .filter(year=appraisal.year, status__in=[AppraisalStatus.NOTICE, AppraisalStatus.FINAL])
        .first()
    )
    if previous is not None:
        previous.status = AppraisalStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    today = _day(on)
    days = int(
        (appraisal.scheme_snapshot or {}).get(
            "notice_working_days", appraisal.scheme.notice_working_days
        )
    )
    appraisal.status = AppraisalStatus.NOTICE
    appraisal.published_at, appraisal.published_by = _moment(today), user
    appraisal.notice_starts_on = today
    appraisal.notice_ends_on = working_days_after(today, days)
    appraisal.save(
        update_fields=[
            "status",
            "published_at",
            "published_by",
            "notice_starts_on",
            "notice_ends_on",
        ]
    )
    ListEntry.objects.bulk_create(list_entries(appraisal))
    return appraisal


def _day(on) -> dt.date:
    """The day a step happens: today, or a given past day (never a future one)."""
    today = timezone.localdate()
    if on is None:
        return today
    if on > today:
        raise DomainError(_("The day cannot be in the future."), field="date")
    return on


def _moment(day: dt.date) -> dt.datetime:
    """Now, or noon of a past day."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@transaction.atomic
def appraisal_finalise(*, user, appraisal: Appraisal) -> Appraisal:
    """The appraisal under notice becomes final: only after its notice period has ended, with
    every objection answered and no revision (from an upheld objection) still open. Its lists,
    the named persons of the warning list included, and its rewards are final with it."""
    require_admin(user)
    appraisal = Appraisal.objects.select_for_update().get(pk=appraisal.pk)
    if appraisal.status != AppraisalStatus.NOTICE:
        raise DomainError(_("Only an appraisal under public notice is made final."))
    if timezone.localdate() <= appraisal.notice_ends_on:
        raise DomainError(
            _("The public notice runs until %(date)s: it can be made final after that day.")
            % {"date": date_text(appraisal.notice_ends_on)}
        )
    open_count = appraisal.objections.filter(decision="").count()
    if open_count:
        raise DomainError(
            _("%(n)s objection(s) not answered yet: answer every objection first.")
            % {"n": open_count}
        )
    if Appraisal.objects.filter(
        year=appraisal.year, status__in=[AppraisalStatus.DRAFT, AppraisalStatus.REVIEW]
    ).exists():
        raise DomainError(
            _(
                "A revision of this appraisal is open (an upheld objection): publish it, and it "
                "replaces this version after its own notice."
            )
        )
    appraisal.status = AppraisalStatus.FINAL
    appraisal.finalised_at, appraisal.finalised_by = timezone.now(), user
    appraisal.save(update_fields=["status", "finalised_at", "finalised_by"])
    return appraisal


def appraisal_revise(*, user, appraisal: Appraisal, reason: str) -> Appraisal:
    """A revision of the current (under notice or final) appraisal: a new version, computed
    from the records now, with its reason; both stay readable."""
    if not appraisal.is_current:
        raise DomainError(_("Only the published appraisal is revised."))
    if not (reason or "").strip():
        raise DomainError(_("Give a reason for the revision."), field="revision_reason")
    return appraisal_request(user=user, year=appraisal.year, revision_reason=reason)


# --- objections ------------------------------------------------------------------------------


@transaction.atomic
def objection_file(
    *,
    user,
    appraisal: Appraisal,
    subject: str,
    indicator: str = "",
    text: str,
    evidence=None,
    on=None,
) -> Objection:
    """An objection by district or liaison-unit staff to their own subject's entry (or one of
    its indicators) while the appraisal is under notice (today, or `on`, a past day: the demo),
    with its text and an optional evidence file (a PDF or an image, checked by content as a
    stage move's evidence).
    PermissionDenied for a subject outside the user's scope; DomainError naming the field for
    anything else."""
    from projects.evidence import validate_evidence

    from .selectors import may_object, notice_open, own_subject_keys

    subject = (subject or "").strip()
    score = appraisal.scores.filter(subject_key=subject).first() if subject else None
    if score is None:
        raise DomainError(_("Choose an entry of this appraisal."), field="subject")
    if not may_object(user) or subject not in own_subject_keys(user):
        raise PermissionDenied(_("Only staff of the appraised region, unit or person object."))
    day = _day(on)
    if not notice_open(appraisal, day):
        raise DomainError(_("Objections are filed only while the appraisal is under notice."))
    indicator = (indicator or "").strip()
    if indicator and not score.indicators.filter(code=indicator).exists():
        raise DomainError(_("This entry has no such indicator."), field="indicator")
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Say what is wrong and why."), field="text")
    objection = Objection(
        appraisal=appraisal,
        subject_key=score.subject_key,
        subject_kind=score.subject_kind,
        label_zh_hans=score.label_zh_hans,
        label_en=score.label_en,
        indicator=indicator,
        text=text,
        filed_by=user,
        filed_at=_moment(day),
    )
    if evidence:
        _content_type, ext = validate_evidence(evidence)
        objection.evidence_name = evidence.name[:200]
        objection.evidence.save(f"evidence{ext}", evidence, save=False)
    objection.save()
    transaction.on_commit(lambda: _tell_the_admins(objection))
    return objection


def _tell_the_admins(objection: Objection) -> None:
    """E-mail the administrators that an objection waits for their answer (each in their own
    language); the appraisal cannot be made final until it is answered."""
    from accounts.models import Role, User

    admins = (
        User.objects.filter(is_active=True)
        .filter(Q(role=Role.ADMIN) | Q(is_superuser=True))
        .exclude(email="")
    )

    def render():
        subject = _("Objection to the appraisal %(year)s: %(subject)s") % {
            "year": objection.appraisal.year,
            "subject": objection.label,
        }
        body = _(
            "%(who)s objects to the entry %(subject)s%(indicator)s of the year-end appraisal "
            "%(year)s under public notice until %(end)s:\n\n%(text)s\n\nAnswer it in the "
            "portal (appraisal, objections); the result becomes final once every objection is "
            "answered."
        ) % {
            "who": objection.filed_by,
            "subject": objection.label,
            "indicator": _(" (%(indicator)s)") % {"indicator": objection.indicator}
            if objection.indicator
            else "",
            "year": objection.appraisal.year,
            "end": date_text(objection.appraisal.notice_ends_on),
            "text": objection.text,
        }
        return subject, body

    for _language, subject, body, emails in in_each_language(to_users(admins), render):
        send_mail(subject, body, None, emails, fail_silently=True)


def _tell_the_objector(objection: Objection) -> None:
    """E-mail the objector the decision and its reason, in the objector's language."""
    email = objection.filed_by.email
    if not email:
        return
    with translation.override(language_of(objection.filed_by)):
        subject = _("Your objection to the appraisal %(year)s: %(decision)s") % {
            "year": objection.appraisal.year,
            "decision": objection.get_decision_display(),
        }
        body = _(
            "Your objection to the entry %(subject)s was answered: %(decision)s.\n\n"
            "Reason: %(reason)s"
        ) % {
            "subject": objection.label,
            "decision": objection.get_decision_display(),
            "reason": objection.reason,
        }
    send_mail(subject, body, None, [email], fail_silently=True)


@transaction.atomic
def objection_answer(*, user, objection: Objection, decision: str, reason: str) -> Objection:
    """The admin's answer to an objection, with its reason: upheld → a revision of the year's
    appraisal is computed from the records (the open revision if there is one, its reason
    extended), the objection linked to it; both versions stay. Rejected → the reason is shown
    to the objector. An objection is answered once."""
    require_admin(user)
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.is_answered:
        raise DomainError(_("This objection has been answered."), field="decision")
    if decision not in ObjectionDecision.values:
        raise DomainError(_("Uphold or reject the objection."), field="decision")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the decision."), field="reason")
    appraisal = objection.appraisal
    if decision == ObjectionDecision.UPHELD:
        if not appraisal.is_current:
            raise DomainError(
                _(
                    "This version has been replaced: answer the objection by rejecting it with "
                    "a pointer to the revision."
                ),
                field="decision",
            )
        line = _("Objection %(n)s (%(subject)s) upheld: %(reason)s") % {
            "n": objection.pk,
            "subject": objection.label,
            "reason": reason,
        }
        open_ = Appraisal.objects.filter(
            year=appraisal.year, status__in=[AppraisalStatus.DRAFT, AppraisalStatus.REVIEW]
        ).first()
        full = f"{open_.revision_reason}\n{line}" if open_ and open_.revision_reason else line
        objection.revision = appraisal_request(user=user, year=appraisal.year, revision_reason=full)
    objection.decision, objection.reason = decision, reason
    objection.answered_by, objection.answered_at = user, timezone.now()
    objection.save(update_fields=["decision", "reason", "answered_by", "answered_at", "revision"])
    transaction.on_commit(lambda: _tell_the_objector(objection))
    return objection


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
                        _(
                            "Enterprises rated its service %(avg)s on average, below %(min)s "
                            "(%(n)s reviews)"
                        )
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


def _figure(value: Decimal) -> str:
    """A rating with two decimals, or three where the third is not zero (3.50, 3.496)."""
    value = value.normalize()
    if value.as_tuple().exponent < -2:
        return f"{value:f}"
    return f"{value.quantize(Decimal('0.01')):f}"


def _person_warnings(state: dict) -> dict[str, tuple[dict, list[tuple[str, str]]]]:
    """Liaison persons rated by the enterprises they are named for at least the scheme's
    number of times, with an average below its threshold — the exact average (sum ÷ count)
    compared, never a rounded one. The reason shows the average cut (not rounded) to three
    decimals, so that it never reads as equal to the threshold."""
    minimum = int(state.get("person_warning_min_ratings", 3))
    threshold = Decimal(state.get("person_warning_threshold", "3.5"))
    out = {}
    for key, r in state.get("basis", {}).get("liaison_people", {}).items():
        if r["count"] < minimum or Fraction(r["sum"], r["count"]) >= Fraction(threshold):
            continue
        shown = _figure(
            (Decimal(r["sum"]) / Decimal(r["count"])).quantize(
                Decimal("0.001"), rounding="ROUND_DOWN"
            )
        )
        out[key] = (
            r,
            [
                _both(
                    lambda r=r, shown=shown: (
                        _(
                            "As liaison person, rated %(avg)s on average by the enterprises "
                            "served, below %(min)s (%(n)s ratings)"
                        )
                        % {"avg": shown, "min": _figure(threshold), "n": r["count"]}
                    )
                )
            ],
        )
    return out


def _ordinal_reason(rank: int, n: int, kind: str) -> tuple[str, str]:
    return _both(
        lambda: (
            _("Ranked %(rank)s of %(n)s %(kind)s in the year-end appraisal")
            % {"rank": rank, "n": n, "kind": _kind_name(kind)}
        )
    )


def list_entries(appraisal: Appraisal) -> list[ListEntry]:
    """The four public lists, from the appraisal's stored results only, each entry with its
    reason in words (no scores) in both languages:

    - advanced regions (先进地区), by the appraisal score: the top `commend_top` ranks with a
      positive score, within the top third of the field (at least rank 1), without a standing
      false finding in the year;
    - advanced units and individuals (先进单位、先进个人), by the enterprises' votes: the units
      and staff members ranked within `commend_top` by votes (ties share a rank), with at least
      one vote, not on the warning list. Enterprises and agents (foreign ones included) who
      introduced projects are never listed here: they are rewarded as introducers;
    - introducers to be rewarded (引资奖励对象), by the scheme's reward rule;
    - the warning list: units below the satisfaction or on-time threshold, and liaison persons
      rated below the person threshold (named publicly only once the result is final).

    A subject on the warning list is not commended in the same year."""
    state = appraisal.scheme_snapshot or {}
    basis = state.get("basis", {})
    top = int(state.get("commend_top", appraisal.scheme.commend_top))
    warned = _warnings(state)
    warned_people = _person_warnings(state)
    falsified = basis.get("falsified_regions", {})
    entries: list[ListEntry] = []

    def add(kind, subject_kind, key, zh, en, reasons, after_notice=False):
        entries.append(
            ListEntry(
                appraisal=appraisal,
                kind=kind,
                subject_kind=subject_kind,
                subject_key=key,
                label_zh_hans=zh,
                label_en=en,
                reason_zh_hans="；".join(r[0] for r in reasons),
                reason_en="; ".join(r[1] for r in reasons),
                sort_order=len(entries),
                after_notice=after_notice,
            )
        )

    regions = list(appraisal.scores.filter(subject_kind=SubjectKind.REGION))
    third = max(1, math.ceil(len(regions) / 3))
    for s in sorted(regions, key=lambda s: (s.rank, s.label_zh_hans)):
        if s.rank > min(top, third) or s.total <= 0 or s.subject_key in falsified:
            continue
        add(
            ListKind.REGIONS,
            SubjectKind.REGION,
            s.subject_key,
            s.label_zh_hans,
            s.label_en,
            [_ordinal_reason(s.rank, len(regions), SubjectKind.REGION)],
        )
    for kind, group, noun in (
        (SubjectKind.UNIT, "units", "unit"),
        (SubjectKind.PERSON, "people", "person"),
    ):
        rows = {
            k: r
            for k, r in basis.get(group, {}).items()
            if r["votes"] > 0
            and k.startswith("unit:" if noun == "unit" else "user:")
            and k not in warned
            and k not in warned_people
        }
        ranks = scoring.competition_ranks({k: Decimal(r["votes"]) for k, r in rows.items()})
        for key, r in sorted(rows.items(), key=lambda kv: (ranks[kv[0]], kv[1]["label_zh_hans"])):
            if ranks[key] > top:
                continue
            add(
                ListKind.ADVANCED,
                kind,
                key,
                r["label_zh_hans"],
                r["label_en"],
                [
                    _both(
                        lambda rank=ranks[key], n=r["votes"]: (
                            ngettext(
                                "Voted for by enterprises: rank %(rank)s by votes (%(n)s vote)",
                                "Voted for by enterprises: rank %(rank)s by votes (%(n)s votes)",
                                n,
                            )
                            % {"rank": rank, "n": n}
                        )
                    )
                ],
            )
    for reward in appraisal.rewards.order_by("sort_order", "id"):
        add(
            ListKind.REWARDS,
            SubjectKind.PERSON,
            reward.subject_key,
            reward.label_zh_hans,
            reward.label_en,
            [
                _both(
                    lambda r=reward: (
                        _(
                            "Introduced %(n)s project(s) counted by the reward rule: %(basis)s, "
                            "%(amount)s (10k USD)"
                        )
                        % {
                            "n": len(r.projects),
                            "basis": r.get_basis_display().lower(),
                            "amount": r.basis_usd_10k,
                        }
                    )
                )
            ],
        )
    for key, (r, reasons) in warned.items():
        add(ListKind.WARNING, SubjectKind.UNIT, key, r["label_zh_hans"], r["label_en"], reasons)
    for key, (r, reasons) in warned_people.items():
        add(
            ListKind.WARNING,
            SubjectKind.PERSON,
            key,
            r["label_zh_hans"],
            r["label_en"],
            reasons,
            after_notice=True,
        )
    return entries
