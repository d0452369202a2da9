"""Writes of the service-feedback loop: visits and service requests (liaison staff), signed
single-use feedback links, the enterprise's review, and the 110 office's cases (opened by a
bad review or a direct complaint) through their workflow. Every write is atomic, takes the
acting user (None: the enterprise or the public) and leaves a record."""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import in_each_language
from accounts.models import Role, User
from config import spam
from config.bounds import check_planned_date, check_real_date
from config.errors import DomainError
from config.i18n import localized_or_source
from config.text import check_no_bidi
from config.typography import colon, date_text
from liaison.selectors import assignments_in_force
from outbox.services import enqueue
from outbox.tasks import send_mail as outbox_send_mail
from projects.models import Project
from reference.workdays import add_working_days

from . import workflow
from .models import (
    BAD_REVIEW_MAX,
    AppealStatus,
    Ballot,
    Case,
    CaseEvent,
    CaseSource,
    CaseStatus,
    FeedbackLink,
    LinkPurpose,
    NoteCode,
    Rectification,
    Referral,
    ReferralStatus,
    RequestStatus,
    Review,
    ServiceRequest,
    ServiceVisit,
    SubjectCode,
)

MAX_RESENDS = 3


# --- who may act ---------------------------------------------------------------------------


def is_office(user) -> bool:
    """The complaint office (and admins, who may stand in for it)."""
    return user is not None and (user.role == Role.OFFICE110 or user.is_admin_role)


def _unit_of(user):
    return user.liaison_unit_id if user.role == Role.LIAISON else None


def may_act_for_unit(user, unit_id) -> bool:
    """Whether `user` acts for the unit `unit_id`: the bureau and admins for any unit, liaison
    staff for their own. Who may add a request to a visit, resolve a request or refer it; the
    pages ask it before showing a form or reading its input."""
    return user.is_bureau_or_admin or (unit_id is not None and _unit_of(user) == unit_id)


def _require_visit_writer(user, project, unit) -> None:
    """Liaison staff log visits for projects assigned to their own unit; bureau and admin for
    any unit."""
    if user.is_bureau_or_admin:
        return
    if _unit_of(user) and _unit_of(user) == unit.pk:
        if assignments_in_force().filter(project=project, unit=unit).exists():
            return
        raise DomainError(_("This project is not assigned to your unit."), field="project")
    raise PermissionDenied(_("Only the project's liaison unit or the bureau record visits."))


def _today() -> dt.date:
    return timezone.localdate()


def _mail_each_language(addresses_languages, render) -> list[str]:
    """E-mail each recipient in their own language: `addresses_languages` are (address,
    language) pairs; `render()` returns (subject, body) and is called once per language under
    translation.override, so every gettext inside it is worded for that group. One queued
    mail per language (outbox.services.enqueue, sent after commit). Returns the addresses."""
    sent: set[str] = set()
    for _language, subject, body, addresses in in_each_language(addresses_languages, render):
        enqueue(outbox_send_mail, subject=subject, body=body, recipients=addresses)
        sent.update(addresses)
    return sorted(sent)


def _staff_mail(users, render) -> list[str]:
    """`_mail_each_language` for the active users of a queryset with an address."""
    return _mail_each_language(
        users.filter(is_active=True).exclude(email="").values_list("email", "preferred_language"),
        render,
    )


# --- working days --------------------------------------------------------------------------


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` in the official calendar (weekends and
    public holidays off, make-up workdays on): `reference.workdays.add_working_days`, kept
    under this name for the callers of the feedback app."""
    return add_working_days(start, days)


# --- visits and requests -------------------------------------------------------------------


@transaction.atomic
def service_visit_create(
    *,
    user,
    project,
    unit,
    date: dt.date,
    purpose: str,
    problems_raised: str = "",
    staff=(),
    contact_name: str = "",
    contact_email: str = "",
    contact_language: str = "",
) -> ServiceVisit:
    """Record a visit to an enterprise. The visitor counts among the visiting staff."""
    _require_visit_writer(user, project, unit)
    check_real_date(date, field="date")
    if not (purpose or "").strip():
        raise DomainError(_("Say what the visit was for."), field="purpose")
    visit = ServiceVisit.objects.create(
        project=project,
        unit=unit,
        date=date,
        purpose=purpose.strip(),
        problems_raised=(problems_raised or "").strip(),
        contact_name=contact_name,
        contact_email=contact_email,
        contact_language=contact_language
        if contact_language in dict(settings.LANGUAGES)
        else settings.LANGUAGE_CODE,
        created_by=user,
    )
    members = {u.pk for u in staff} | ({user.pk} if _unit_of(user) == unit.pk else set())
    bad = [u for u in staff if u.role == Role.LIAISON and u.liaison_unit_id != unit.pk]
    if bad:
        raise DomainError(_("Visiting staff must belong to the unit."), field="staff")
    visit.staff.set(members)
    return visit


@transaction.atomic
def service_request_create(
    *, user, project, owner_unit, description: str, deadline: dt.date, visit=None
) -> ServiceRequest:
    """A problem the enterprise needs solved, owned by a unit, due by `deadline`."""
    _require_visit_writer(user, project, visit.unit if visit else owner_unit)
    if not (description or "").strip():
        raise DomainError(_("Describe the problem."), field="description")
    if deadline < _today():
        raise DomainError(_("The deadline cannot be in the past."), field="deadline")
    check_planned_date(deadline, field="deadline", years_ahead=5)
    return ServiceRequest.objects.create(
        project=project,
        visit=visit,
        owner_unit=owner_unit,
        description=description.strip(),
        raised_on=visit.date if visit else _today(),
        deadline=deadline,
        created_by=user,
    )


@transaction.atomic
def service_request_resolve(*, user, request: ServiceRequest, resolution: str) -> ServiceRequest:
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if not may_act_for_unit(user, request.owner_unit_id):
        raise PermissionDenied(_("Only the owner unit or the bureau resolve a request."))
    if request.status == RequestStatus.RESOLVED:
        raise DomainError(_("The request is already resolved."))
    if not (resolution or "").strip():
        raise DomainError(_("Say how the problem was solved."), field="resolution")
    request.status, request.resolution, request.resolved_on = (
        RequestStatus.RESOLVED,
        resolution.strip(),
        _today(),
    )
    request.save(update_fields=["status", "resolution", "resolved_on"])
    return request


# --- feedback links ------------------------------------------------------------------------


class LinkInvalid(Exception):
    """A feedback link that cannot be used; `reason` is one of: tampered, unknown, expired,
    used, replaced."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _salt(purpose: str) -> str:
    return f"feedback.link.{purpose}"


@transaction.atomic
def feedback_link_issue(*, user, visit: ServiceVisit, url_for=None) -> tuple[FeedbackLink, str]:
    """A new signed link for the enterprise to rate `visit`; any earlier link is voided.
    At most MAX_RESENDS new links after the first. Returns the link and its token (shown
    once: only its hash is kept). With `url_for` (token → the link's full address) and a
    contact e-mail on the visit, the link is also e-mailed to the contact, in the contact's
    language, after commit."""
    visit = ServiceVisit.objects.select_for_update().get(pk=visit.pk)
    _require_visit_writer(user, visit.project, visit.unit)
    if Review.objects.filter(visit=visit).exists():
        raise DomainError(_("This visit has been rated already."))
    issued = FeedbackLink.objects.filter(visit=visit).count()
    if issued > MAX_RESENDS:
        raise DomainError(
            _("A visit's link can be resent at most %(n)s times.") % {"n": MAX_RESENDS}
        )
    now = timezone.now()
    FeedbackLink.objects.filter(visit=visit, used_at__isnull=True, voided_at__isnull=True).update(
        voided_at=now
    )
    token = signing.dumps(
        {"v": visit.pk, "n": secrets.token_urlsafe(16)},
        salt=_salt(LinkPurpose.FEEDBACK),
        compress=True,
    )
    link = FeedbackLink.objects.create(
        visit=visit,
        purpose=LinkPurpose.FEEDBACK,
        token_hash=_hash(token),
        issued_by=user,
        expires_at=now + dt.timedelta(days=settings.FEEDBACK_LINK_DAYS),
    )
    if url_for is not None and visit.contact_email:
        _feedback_link_mail(visit, link, url_for(token))
    return link, token


def feedback_form_language(visit: ServiceVisit) -> str:
    """The language the visit's feedback link opens in: the contact's (the form, the review
    and any case it opens take it), not that of the staff member who issues it."""
    return visit.contact_language or settings.LANGUAGE_CODE


def _feedback_link_mail(visit: ServiceVisit, link: FeedbackLink, url: str) -> None:
    def render():
        unit = localized_or_source(visit.unit, "name")[0]
        subject = _("Please rate our service visit of %(date)s") % {"date": date_text(visit.date)}
        body = _(
            "Dear %(name)s,\n\n%(unit)s visited your enterprise on %(date)s. Please tell us "
            "how satisfied you are with the service through this link (it works once, until "
            "%(expires)s):\n\n%(url)s\n\nA rating of 1 or 2 goes to the economic-environment "
            "complaint office (110), which follows it up with you."
        ) % {
            "name": visit.contact_name or _("Sir or Madam"),
            "unit": unit,
            "date": date_text(visit.date),
            "expires": date_text(link.expires_at),
            "url": url,
        }
        return subject, body

    _mail_each_language([(visit.contact_email, visit.contact_language)], render)


def feedback_link_check(token: str, *, lock: bool = False) -> FeedbackLink:
    """The usable link of `token`, or LinkInvalid saying why not (nothing is written)."""
    try:
        payload = signing.loads(token, salt=_salt(LinkPurpose.FEEDBACK))
    except signing.BadSignature:
        raise LinkInvalid("tampered") from None
    qs = FeedbackLink.objects.select_related("visit__project", "visit__unit")
    if lock:
        qs = qs.select_for_update(of=("self",))
    link = qs.filter(token_hash=_hash(token)).first()
    if link is None or not hmac.compare_digest(link.token_hash, _hash(token)):
        raise LinkInvalid("unknown")
    if not isinstance(payload, dict) or payload.get("v") != link.visit_id:
        raise LinkInvalid("tampered")
    if link.used_at:
        raise LinkInvalid("used")
    if link.voided_at:
        raise LinkInvalid("replaced")
    if link.expires_at <= timezone.now():
        raise LinkInvalid("expired")
    return link


def feedback_submit(
    *,
    token: str,
    overall: int,
    efficiency: int,
    quality: int,
    attitude: int,
    comment: str = "",
    integrity_concern: str = "",
    language: str = "zh-hans",
) -> Review:
    """Store the enterprise's review of a visit through its link, once. A bad overall rating
    (2 or 1) opens a case at the 110 office. Raises LinkInvalid (nothing stored) for a
    used, replaced, expired or tampered link, including the loser of two racing submits."""
    for name, value in (
        ("overall", overall),
        ("efficiency", efficiency),
        ("quality", quality),
        ("attitude", attitude),
    ):
        if value not in (1, 2, 3, 4, 5):
            raise DomainError(_("Choose a rating from 1 to 5."), field=name)
    # 好差评: a dissatisfied rating (2 or 1) says why, so the office can act on it.
    if (
        min(overall, efficiency, quality, attitude) <= BAD_REVIEW_MAX
        and not (comment or "").strip()
    ):
        raise DomainError(
            _("Say why you are dissatisfied: a rating of 1 or 2 needs a reason."),
            field="comment",
        )
    try:
        with transaction.atomic():
            link = feedback_link_check(token, lock=True)
            now = timezone.now()
            review = Review.objects.create(
                visit=link.visit,
                link=link,
                overall=overall,
                efficiency=efficiency,
                quality=quality,
                attitude=attitude,
                comment=(comment or "").strip(),
                integrity_concern=(integrity_concern or "").strip(),
                language=language,
            )
            link.used_at = now
            link.save(update_fields=["used_at"])
            if review.is_bad or review.integrity_concern:
                _case_open_from_review(review)
    except IntegrityError:
        # The other submission won the race (one review per visit, one per link).
        raise LinkInvalid("used") from None
    return review


# --- cases ---------------------------------------------------------------------------------


def _event(case, action, *, actor=None, from_status="", note="", code="", params=None):
    """One history row. `code` (NoteCode) and `params` say what the system noted, worded in
    the reader's language when shown; `note` is what a person wrote."""
    CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=from_status,
        to_status=case.status,
        note=note,
        note_code=code,
        note_params=params or {},
        actor=actor,
    )


def _notify_subjects() -> dict:
    """The case mails' subjects, in the active language (called per recipient language)."""
    return {
        "new_case": _("New case for your unit"),
        "new_complaint": _("New complaint received"),
        "not_confirmed": _("The enterprise did not confirm: the case is back with your unit"),
        "overdue": _("Case overdue"),
    }


def _notify(case: Case, kind: str) -> None:
    """E-mail the case's unit staff and the office, each in their own language, after
    commit. `kind`: a key of `_notify_subjects`."""
    from django.db.models import Q

    who = Q(role=Role.OFFICE110)
    if case.unit_id:
        who |= Q(role=Role.LIAISON, liaison_unit_id=case.unit_id)

    def render():
        subject = _notify_subjects()[kind]
        body = (
            f"{subject}\n{case.reference} {case.subject_text}\n"
            + colon(_("Due"))
            + date_text(case.due_date)
        )
        return subject, body

    _staff_mail(User.objects.filter(who), render)


def _due(start: dt.date) -> dt.date:
    return working_days_after(start, settings.FEEDBACK_CASE_WORKING_DAYS)


def _case_open_from_review(review: Review) -> Case:
    visit = review.visit
    today = _today()
    case = Case.objects.create(
        source=CaseSource.BAD_REVIEW,
        review=review,
        project=visit.project,
        unit=visit.unit,
        subject=_("Bad review of the visit on %(date)s") % {"date": date_text(visit.date)}
        if review.is_bad
        else _("Integrity concern raised in a review"),
        subject_code=SubjectCode.BAD_REVIEW if review.is_bad else SubjectCode.INTEGRITY,
        subject_params={"date": visit.date.isoformat()} if review.is_bad else {},
        description="\n".join(t for t in (review.comment, review.integrity_concern) if t),
        # The enterprise is the project's investor (the company), not the project.
        enterprise_name=_enterprise_name(visit.project),
        language=review.language,
        received_on=today,
        due_date=_due(today),
    )
    _event(case, "received", code=NoteCode.REVIEW)
    # A review names its unit: the case goes to it at once.
    case.status = CaseStatus.ASSIGNED
    case.save(update_fields=["status"])
    _event(
        case,
        "assign",
        from_status=CaseStatus.RECEIVED,
        code=NoteCode.UNIT,
        params={"unit": visit.unit_id},
    )
    _notify(case, "new_case")
    return case


def _enterprise_name(project) -> str:
    """The enterprise's name for the record (its Chinese name, as registered): the project's
    investor, or the project when it has none."""
    investor = project.investor if project is not None else None
    if investor is not None:
        return (getattr(investor, "name_zh_hans", "") or investor.name or "")[:200]
    return str(project or "")[:200]


@transaction.atomic
def complaint_submit(
    *,
    subject: str,
    description: str,
    enterprise_name: str = "",
    complainant_name: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    language: str = "zh-hans",
    ip: str = "",
    website: str = "",
    started_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """A complaint filed on the public site: a case the office receives (and assigns).
    The spam defences of the inquiry form (config.spam) refuse it, storing nothing, when the
    honeypot `website` is filled, when it came back sooner than COMPLAINT_MIN_FILL_SECONDS
    after `started_at` (None counts as too fast), or when `ip` sent
    COMPLAINT_RATE_LIMIT_PER_HOUR complaints in the last hour."""
    now = now or timezone.now()
    address = spam.ip_hash(ip)
    spam.check_submission(
        honeypot=website,
        started_at=started_at,
        recent_from_address=Case.objects.filter(
            source=CaseSource.COMPLAINT,
            ip_hash=address,
            created_at__gte=now - dt.timedelta(hours=1),
        ).count(),
        min_seconds=settings.COMPLAINT_MIN_FILL_SECONDS,
        per_hour=settings.COMPLAINT_RATE_LIMIT_PER_HOUR,
        now=now,
    )
    if not (subject or "").strip():
        raise DomainError(_("Give the complaint a subject."), field="subject")
    if not (description or "").strip():
        raise DomainError(_("Describe what happened."), field="description")
    if not (complainant_phone or complainant_email):
        raise DomainError(
            _("Leave a phone number or an e-mail address so the office can reply."),
            field="complainant_email",
        )
    check_no_bidi("enterprise_name", enterprise_name)
    check_no_bidi("complainant_name", complainant_name)
    today = _today()
    case = Case.objects.create(
        source=CaseSource.COMPLAINT,
        subject=subject.strip()[:200],
        description=description.strip(),
        enterprise_name=enterprise_name.strip()[:200],
        complainant_name=complainant_name.strip()[:100],
        complainant_phone=complainant_phone.strip()[:40],
        complainant_email=complainant_email.strip(),
        language=language,
        ip_hash=address,
        received_on=today,
        due_date=_due(today),
    )
    _event(case, "received", code=NoteCode.PUBLIC_SITE)
    _notify(case, "new_complaint")
    return case


@transaction.atomic
def complaint_record(
    *,
    user,
    received_on: dt.date,
    subject: str,
    description: str,
    enterprise_name: str = "",
    complainant_name: str = "",
    complainant_phone: str = "",
    complainant_email: str = "",
    unit=None,
) -> Case:
    """A complaint the office received by phone, letter or in person, recorded by its staff
    with the day it came in (the deadline runs from then); assigned to `unit` when given."""
    if not is_office(user):
        raise PermissionDenied(_("Only the complaint office can do this."))
    check_real_date(received_on, field="received_on")
    case = Case.objects.create(
        source=CaseSource.COMPLAINT,
        subject=(subject or "").strip()[:200] or _("Complaint"),
        subject_code="" if (subject or "").strip() else SubjectCode.COMPLAINT,
        description=(description or "").strip(),
        enterprise_name=enterprise_name,
        complainant_name=complainant_name,
        complainant_phone=complainant_phone,
        complainant_email=complainant_email,
        # The language the office wrote it in: the page marks the person's text with it.
        language=translation.get_language() or settings.LANGUAGE_CODE,
        received_on=received_on,
        due_date=_due(received_on),
    )
    _event(case, "received", actor=user, code=NoteCode.OFFICE)
    if unit is not None:
        case.unit, case.status = unit, CaseStatus.ASSIGNED
        case.save(update_fields=["unit", "status"])
        _event(
            case,
            "assign",
            actor=user,
            from_status=CaseStatus.RECEIVED,
            code=NoteCode.UNIT,
            params={"unit": unit.pk},
        )
        _notify(case, "new_case")
    return case


def _require(user, case: Case, action: workflow.Action) -> None:
    if action.actor == "office" and not is_office(user):
        raise PermissionDenied(_("Only the complaint office can do this."))
    if action.actor == "unit" and not (
        is_office(user) or (_unit_of(user) and _unit_of(user) == case.unit_id)
    ):
        raise PermissionDenied(_("Only the case's unit can do this."))
    if case.status not in action.sources:
        raise DomainError(
            _("A case that is “%(status)s” cannot take this step.")
            % {"status": case.get_status_display()},
            field="action",
        )


@transaction.atomic
def case_act(
    *,
    user,
    case: Case,
    action: str,
    note: str = "",
    unit=None,
    project=None,
    rectification: str = "",
    confirmed: bool | None = None,
    upheld: bool | None = None,
) -> Case:
    """Take one step of the case workflow (feedback.workflow). Raises DomainError naming the
    field for a refused step; nothing changes then. Every step writes a CaseEvent."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    step = workflow.ACTIONS.get(action)
    if step is None:
        raise DomainError(_("Unknown action."), field="action")
    _require(user, case, step)
    note = (note or "").strip()
    before = case.status
    today = _today()
    if action == "assign":
        if unit is None:
            raise DomainError(_("Choose the unit."), field="unit")
        case.unit, case.project = unit, project or case.project
        case.due_date = max(case.due_date, _due(today))
    elif action in ("rectify", "explain"):
        if not note:
            raise DomainError(_("Describe what was done."), field="note")
        if action == "rectify" and rectification not in Rectification.values:
            raise DomainError(
                _("Say whether it was rectified at once or within a deadline."),
                field="rectification",
            )
        case.rectification = rectification if action == "rectify" else ""
        case.response, case.responded_on = note, today
    elif action == "callback":
        if confirmed is None:
            raise DomainError(_("Say whether the enterprise confirmed."), field="confirmed")
        case.callback_note, case.callback_confirmed, case.callback_on = note, confirmed, today
        if not confirmed:
            # Not resolved in the enterprise's eyes: back to the unit, with a new deadline.
            case.status = CaseStatus.ASSIGNED
            case.due_date = _due(today)
            case.overdue_since = None
            case.save()
            _event(case, action, actor=user, from_status=before, note=note)
            _notify(case, "not_confirmed")
            return case
    elif action == "close":
        case.closed_on = today
    elif action == "appeal":
        if case.source != CaseSource.BAD_REVIEW:
            raise DomainError(_("Only a case opened by a review can be appealed."), field="action")
        if case.appeal == AppealStatus.PENDING:
            raise DomainError(_("An appeal is already pending."), field="action")
        if not note:
            raise DomainError(_("Give the reason for the appeal."), field="note")
        case.appeal, case.appeal_reason = AppealStatus.PENDING, note
    elif action == "decide_appeal":
        if case.appeal != AppealStatus.PENDING:
            raise DomainError(_("There is no pending appeal."), field="action")
        if upheld is None:
            raise DomainError(_("Uphold or reject the appeal."), field="upheld")
        if not note:
            raise DomainError(_("Give the reason for the decision."), field="note")
        case.appeal_decision = note
        if upheld:
            case.appeal = AppealStatus.UPHELD
            case.status, case.closed_on = CaseStatus.VOIDED, today
            review = Review.objects.select_for_update().get(pk=case.review_id)
            review.voided_at, review.void_reason = timezone.now(), note
            review.save(update_fields=["voided_at", "void_reason"])
        else:
            case.appeal = AppealStatus.REJECTED
    if step.target:
        case.status = step.target
    case.save()
    if action == "assign":
        _event(
            case,
            action,
            actor=user,
            from_status=before,
            note=note,
            code=NoteCode.UNIT,
            params={"unit": case.unit_id},
        )
        _notify(case, "new_case")
    else:
        _event(case, action, actor=user, from_status=before, note=note)
    return case


# --- votes ----------------------------------------------------------------------------------

MAX_VOTES = 3


def _ballot_salt() -> str:
    return "feedback.ballot"


@transaction.atomic
def ballots_issue(*, user, year: int, base_url: str) -> list[tuple[Ballot, str]]:
    """One ballot link for each enterprise (a project at contract or later) that has none for
    `year` yet (admin). Returns (ballot, url) pairs: the links are shown once, to hand out."""
    if not user.is_admin_role:
        raise PermissionDenied(_("Only an administrator issues ballots."))
    if not 2000 <= year <= _today().year:
        raise DomainError(_("Choose this year or an earlier one."), field="year")
    have = Ballot.objects.filter(year=year).values("project_id")
    projects = Project.objects.filter(contract_date__isnull=False).exclude(pk__in=have)
    expires = timezone.now() + dt.timedelta(days=settings.FEEDBACK_BALLOT_DAYS)
    issued = []
    for project in projects.order_by("pk"):
        token = signing.dumps(
            {"p": project.pk, "y": year, "n": secrets.token_urlsafe(12)}, salt=_ballot_salt()
        )
        ballot = Ballot.objects.create(
            project=project, year=year, token_hash=_hash(token), issued_by=user, expires_at=expires
        )
        issued.append((ballot, base_url.rstrip("/") + "/" + token + "/"))
    return issued


def ballot_check(token: str, *, lock: bool = False) -> Ballot:
    try:
        payload = signing.loads(token, salt=_ballot_salt())
    except signing.BadSignature:
        raise LinkInvalid("tampered") from None
    qs = Ballot.objects.select_related("project")
    if lock:
        qs = qs.select_for_update(of=("self",))
    ballot = qs.filter(token_hash=_hash(token)).first()
    if ballot is None or payload.get("p") != ballot.project_id or payload.get("y") != ballot.year:
        raise LinkInvalid("unknown")
    if ballot.voted_at:
        raise LinkInvalid("used")
    if ballot.expires_at <= timezone.now():
        raise LinkInvalid("expired")
    return ballot


def ballot_candidates():
    """Who can be voted for: active liaison units and their staff."""
    from liaison.models import LiaisonUnit

    units = LiaisonUnit.objects.filter(is_active=True)
    people = User.objects.filter(is_active=True, role=Role.LIAISON, liaison_unit__in=units)
    return units, people


@transaction.atomic
def ballot_cast(*, token: str, units, people) -> Ballot:
    """Record an enterprise's votes: up to three units and three people, once."""
    ballot = ballot_check(token, lock=True)
    units, people = list(units), list(people)
    if len(units) > MAX_VOTES:
        raise DomainError(_("Vote for at most three units."), field="units")
    if len(people) > MAX_VOTES:
        raise DomainError(_("Vote for at most three people."), field="people")
    if not units and not people:
        raise DomainError(_("Choose at least one unit or person."), field="units")
    valid_units, valid_people = ballot_candidates()
    if {u.pk for u in units} - set(valid_units.values_list("pk", flat=True)) or {
        p.pk for p in people
    } - set(valid_people.values_list("pk", flat=True)):
        raise DomainError(_("Choose from the lists."), field="units")
    ballot.units.set(units)
    ballot.people.set(people)
    ballot.voted_at = timezone.now()
    ballot.save(update_fields=["voted_at"])
    return ballot


# --- daily jobs ----------------------------------------------------------------------------


@transaction.atomic
def cases_flag_overdue(today: dt.date | None = None) -> int:
    """Flag the cases whose unit has not rectified or explained by the due date, and notify
    the unit and the office once per case (the flag is the marker: a second run, or one
    catching up after days the worker was down, finds it set). A case is overdue since the day
    after its due date, whichever day the job notices it. Returns how many were newly
    flagged."""
    today = today or _today()
    cases = list(
        Case.objects.select_for_update().filter(
            status__in=workflow.AWAITING_UNIT, due_date__lt=today, overdue_since__isnull=True
        )
    )
    for case in cases:
        case.overdue_since = case.due_date + dt.timedelta(days=1)
        case.save(update_fields=["overdue_since"])
        _event(case, "overdue", code=NoteCode.OVERDUE)
        _notify(case, "overdue")
    return len(cases)


@transaction.atomic
def visits_remind_unrated(now: dt.datetime | None = None) -> int:
    """Once a visit's link has been open FEEDBACK_REMINDER_DAYS without a rating, remind the
    visiting staff to follow up with the enterprise (the link itself is not kept, only its
    hash: they resend it if it is lost). Once per visit. Returns how many visits."""
    now = now or timezone.now()
    links = (
        FeedbackLink.objects.select_for_update(of=("self",))
        .filter(
            used_at__isnull=True,
            voided_at__isnull=True,
            expires_at__gt=now,
            issued_at__lte=now - dt.timedelta(days=settings.FEEDBACK_REMINDER_DAYS),
            visit__reminder_sent_at__isnull=True,
        )
        .select_related("visit__project")
    )
    sent = 0
    for link in links:
        visit = link.visit
        ServiceVisit.objects.filter(pk=visit.pk).update(reminder_sent_at=now)
        people = [u for u in visit.staff.all() if u.email] or (
            [visit.created_by] if visit.created_by.email else []
        )

        def render(visit=visit, link=link):
            subject = _("Not rated yet: the visit to %(project)s on %(date)s") % {
                "project": localized_or_source(visit.project, "name")[0],
                "date": date_text(visit.date),
            }
            body = _(
                "The enterprise has not rated the visit. Remind it; the link is open until "
                "%(date)s, and a lost link can be resent from the visit's page."
            ) % {"date": date_text(link.expires_at)}
            return subject, body

        _mail_each_language([(u.email, u.preferred_language) for u in people], render)
        sent += 1
    return sent


# --- notifications to units ------------------------------------------------------------------


def _mail(render, *, unit_ids=(), bureau: bool = False, office: bool = False):
    """E-mail the staff of `unit_ids` (and the bureau, the office), each in their own
    language (`render()` gives the subject and body in the active one), after commit."""
    from django.db.models import Q

    who = Q(role=Role.LIAISON, liaison_unit_id__in=list(unit_ids))
    if bureau:
        who |= Q(role=Role.BUREAU)
    if office:
        who |= Q(role=Role.OFFICE110)
    return _staff_mail(User.objects.filter(who), render)


# --- visit cadence ---------------------------------------------------------------------------


def visits_flag_due(today: dt.date | None = None) -> int:
    """Daily: flag the assignments whose enterprise was not visited within the cadence (from
    the visit records, feedback.selectors.visits_due), tell the unit and the bureau once per
    flag, and clear the flags of enterprises visited since. Returns how many newly flagged."""
    from liaison.services import assignments_mark_visit_flags

    from .selectors import visits_due

    today = today or _today()
    due = {a.pk: a for a in visits_due(today=today)}
    with transaction.atomic():
        new = assignments_mark_visit_flags(flagged_ids=due.keys(), today=today)
        for a in new:
            row = due[a.pk]

            def render(a=a, row=row):
                project = localized_or_source(a.project, "name")[0]
                subject = _("Not visited within %(days)s days: %(project)s") % {
                    "days": a.visit_cadence_days,
                    "project": project,
                }
                body = _(
                    "%(unit)s last visited %(project)s on %(last)s; a visit was due by %(due)s."
                ) % {
                    "unit": localized_or_source(a.unit, "name")[0],
                    "project": project,
                    "last": date_text(row.last_visit) if row.last_visit else "—",
                    "due": date_text(row.visit_due_on),
                }
                return subject, body

            _mail(render, unit_ids=[a.unit_id], bureau=True)
    return len(new)


# --- referrals -------------------------------------------------------------------------------


def _referral_subjects() -> dict:
    return {
        "created": _("A problem was referred to your unit"),
        "accepted": _("Your referral was accepted"),
        "completed": _("Your referral was completed"),
    }


def _referral_notify(referral: Referral, kind: str) -> None:
    """Tell both units, each person in their own language. `kind`: created, accepted,
    completed."""

    def render():
        subject = _referral_subjects()[kind]
        units = " → ".join(
            localized_or_source(u, "name")[0] for u in (referral.from_unit, referral.to_unit)
        )
        return subject, f"{subject}\n{units}\n{referral.request}\n{referral.note}"

    _mail(render, unit_ids=[referral.from_unit_id, referral.to_unit_id])


@transaction.atomic
def referral_create(*, user, request: ServiceRequest, to_unit, note: str) -> Referral:
    """Refer an enterprise's problem to another unit (staff of the request's owner unit, or
    the bureau). Both units are told."""
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if not may_act_for_unit(user, request.owner_unit_id):
        raise PermissionDenied(_("Only the unit that owns the request refers it."))
    if request.status == RequestStatus.RESOLVED:
        raise DomainError(_("The request is already resolved."), field="request")
    if to_unit is None or not to_unit.is_active:
        raise DomainError(_("Choose the unit."), field="to_unit")
    if to_unit.pk == request.owner_unit_id:
        raise DomainError(_("Refer the problem to another unit."), field="to_unit")
    if not (note or "").strip():
        raise DomainError(_("Say what the other unit is asked to do."), field="note")
    if (
        Referral.objects.filter(request=request, to_unit=to_unit)
        .exclude(status=ReferralStatus.COMPLETED)
        .exists()
    ):
        raise DomainError(_("This problem is already referred to that unit."), field="to_unit")
    referral = Referral(
        request=request,
        from_unit_id=request.owner_unit_id,
        to_unit=to_unit,
        note=note.strip(),
        created_by=user,
    )
    referral._history_user = user
    referral.save()
    _referral_notify(referral, "created")
    return referral


REFERRAL_STEPS = {
    "accept": (ReferralStatus.OUTSTANDING, ReferralStatus.ACCEPTED),
    "complete": (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED),
}


@transaction.atomic
def referral_act(*, user, referral: Referral, action: str, outcome: str = "") -> Referral:
    """The receiving unit accepts a referral, then completes it saying what it did. Both units
    are told at each step; the history keeps who did what when."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if action not in REFERRAL_STEPS:
        raise DomainError(_("Unknown action."), field="action")
    if not (user.is_bureau_or_admin or _unit_of(user) == referral.to_unit_id):
        raise PermissionDenied(_("Only the unit the problem was referred to can do this."))
    source, target = REFERRAL_STEPS[action]
    if referral.status != source:
        raise DomainError(
            _("A referral that is “%(status)s” cannot take this step.")
            % {"status": referral.get_status_display()},
            field="action",
        )
    now = timezone.now()
    if action == "accept":
        referral.accepted_at = now
        kind = "accepted"
    else:
        if not (outcome or "").strip():
            raise DomainError(_("Say what was done."), field="outcome")
        referral.completed_at, referral.outcome = now, outcome.strip()
        kind = "completed"
    referral.status = target
    referral._history_user = user
    referral.save()
    _referral_notify(referral, kind)
    return referral
