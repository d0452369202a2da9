"""Service to enterprises and its feedback (DESIGN.md section 4): service visits (上门服务),
service requests (problems raised), single-use feedback links, the enterprises' ratings on the
好差评 scale, and the cases of the economic-environment complaint office (经济环境110办公室)
opened by a bad review or a direct complaint, with every step recorded.

Feedback stands above liaison (it reads the units and assignments) and the pipeline; nothing
below imports it."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class ServiceVisit(models.Model):
    """A liaison unit's visit to an enterprise (a project's company): who went, when, why,
    and the problems the enterprise raised."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="service_visits",
    )
    unit = models.ForeignKey(
        "liaison.LiaisonUnit",
        verbose_name=_("liaison unit"),
        on_delete=models.PROTECT,
        related_name="service_visits",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("visiting staff"), related_name="service_visits"
    )
    date = models.DateField(_("date"))
    purpose = models.CharField(_("purpose"), max_length=300)
    problems_raised = models.TextField(_("problems raised"), blank=True)
    contact_name = models.CharField(_("enterprise contact"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # The language the enterprise's contact reads: the feedback link is e-mailed in it.
    contact_language = models.CharField(
        _("contact's language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("service visit")
        verbose_name_plural = _("service visits")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["unit", "-date"]),
            models.Index(fields=["project", "-date"]),
        ]

    def __str__(self):
        return f"{self.date} {self.project}"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")


class ServiceRequest(models.Model):
    """A problem an enterprise needs solved, owned by a unit, with a deadline."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    visit = models.ForeignKey(
        ServiceVisit,
        verbose_name=_("raised at visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    owner_unit = models.ForeignKey(
        "liaison.LiaisonUnit",
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    description = models.TextField(_("problem"))
    raised_on = models.DateField(_("raised on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["deadline", "id"]

    def __str__(self):
        return self.description[:60]


class LinkPurpose(models.TextChoices):
    FEEDBACK = "feedback", _("Service feedback")


class FeedbackLink(models.Model):
    """A signed, single-use link for an enterprise to rate a visit. Only a hash of the token
    is stored; the link dies when used, when it expires, or when a new one replaces it."""

    visit = models.ForeignKey(
        ServiceVisit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="links"
    )
    purpose = models.CharField(
        _("purpose"), max_length=12, choices=LinkPurpose.choices, default=LinkPurpose.FEEDBACK
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback link")
        verbose_name_plural = _("feedback links")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.visit} · {self.issued_at:%Y-%m-%d}"


RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Rating(models.IntegerChoices):
    """The 好差评 scale (国办发〔2019〕51号): 2 and 1 are bad reviews (差评)."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    FAIRLY_SATISFIED = 3, _("Fairly satisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


BAD_REVIEW_MAX = 2


class Review(models.Model):
    """An enterprise's rating of one visit (服务反馈意见表). One per visit, enforced by the
    database, so two submissions racing on one link store exactly one."""

    visit = models.OneToOneField(
        ServiceVisit, verbose_name=_("visit"), on_delete=models.PROTECT, related_name="review"
    )
    link = models.OneToOneField(
        FeedbackLink, verbose_name=_("link"), on_delete=models.PROTECT, related_name="review"
    )
    overall = models.PositiveSmallIntegerField(
        _("overall satisfaction"), choices=Rating.choices, validators=RATING_VALIDATORS
    )
    efficiency = models.PositiveSmallIntegerField(
        _("efficiency"), choices=Rating.choices, validators=RATING_VALIDATORS
    )
    quality = models.PositiveSmallIntegerField(
        _("quality of service"), choices=Rating.choices, validators=RATING_VALIDATORS
    )
    attitude = models.PositiveSmallIntegerField(
        _("attitude"), choices=Rating.choices, validators=RATING_VALIDATORS
    )
    comment = models.TextField(_("comment"), blank=True)
    integrity_concern = models.TextField(_("integrity concern"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # An appeal (提出申诉) the office upholds (复核结论) voids a mistaken or malicious review;
    # the reason is kept.
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason voided"), blank=True)

    class Meta:
        verbose_name = _("service review")
        verbose_name_plural = _("service reviews")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall__gte=1, overall__lte=5)
                & models.Q(efficiency__gte=1, efficiency__lte=5)
                & models.Q(quality__gte=1, quality__lte=5)
                & models.Q(attitude__gte=1, attitude__lte=5),
                name="review_ratings_1_to_5",
            )
        ]

    def __str__(self):
        return f"{self.visit} · {self.overall}"

    @property
    def is_bad(self) -> bool:
        return self.overall <= BAD_REVIEW_MAX


class CaseSource(models.TextChoices):
    BAD_REVIEW = "bad_review", _("Bad review")
    COMPLAINT = "complaint", _("Direct complaint")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned to the unit")
    RECTIFIED = "rectified", _("Rectified")
    EXPLAINED = "explained", _("Explained")
    CALLBACK_DONE = "callback_done", _("Callback done")
    CLOSED = "closed", _("Closed")
    VOIDED = "voided", _("Voided on appeal")


class Rectification(models.TextChoices):
    IMMEDIATE = "immediate", _("Rectified at once (立行立改)")
    WITH_DEADLINE = "deadline", _("Rectified within a deadline (限期整改)")


class AppealStatus(models.TextChoices):
    NONE = "", _("No appeal")
    PENDING = "pending", _("Appeal pending")
    UPHELD = "upheld", _("Appeal upheld")
    REJECTED = "rejected", _("Appeal rejected")


class SubjectCode(models.TextChoices):
    """Subjects the system writes for a case, worded at display time (Case.subject_text)."""

    BAD_REVIEW = "bad_review", _("Bad review of a visit")
    INTEGRITY = "integrity", _("Integrity concern raised in a review")
    COMPLAINT = "complaint", _("Complaint")


class NoteCode(models.TextChoices):
    """Notes the system writes on a case's history, worded at display time."""

    REVIEW = "review", _("Opened by the enterprise's review.")
    PUBLIC_SITE = "public_site", _("Filed on the public site.")
    OFFICE = "office", _("Recorded by the office.")
    OVERDUE = "overdue", _("Not rectified or explained by the due date.")
    UNIT = "unit", _("Assigned to a unit")


def event_labels() -> dict:
    """What each history step is called, in the active language (built per call: the labels
    are lazy)."""
    return {
        "received": pgettext_lazy("case history", "Case received"),
        "assign": pgettext_lazy("case history", "Assigned to the unit"),
        "rectify": pgettext_lazy("case history", "Rectification reported"),
        "explain": pgettext_lazy("case history", "Explanation given"),
        "callback": pgettext_lazy("case history", "Callback recorded"),
        "close": pgettext_lazy("case history", "Case closed"),
        "appeal": pgettext_lazy("case history", "Appeal filed"),
        "decide_appeal": pgettext_lazy("case history", "Review decision made"),
        "overdue": pgettext_lazy("case history", "Overdue"),
    }


def new_case_reference() -> str:
    """A complaint case's public reference: random, like an inquiry's (INQ-…), so a
    complainant's number says nothing about how many cases there are or which came next."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "CMP-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Case(models.Model):
    """A case at the economic-environment complaint office (经济环境110办公室): opened by a
    bad review or a direct complaint, assigned to a unit, rectified or explained, confirmed
    by a callback (回访), closed. The complainant's contact details are for the office only."""

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_case_reference, editable=False
    )
    source = models.CharField(_("source"), max_length=12, choices=CaseSource.choices)
    review = models.OneToOneField(
        Review,
        verbose_name=_("review"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    unit = models.ForeignKey(
        "liaison.LiaisonUnit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    # A subject the system writes is kept as what happened (`subject_code` and its
    # parameters) and worded in the reader's language when shown; `subject` holds the text a
    # person wrote (a complaint's subject), or the submitter's wording for the record.
    subject = models.CharField(_("subject"), max_length=200)
    subject_code = models.CharField(
        _("subject (system)"), max_length=20, choices=SubjectCode.choices, blank=True
    )
    subject_params = models.JSONField(_("subject parameters"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True)
    enterprise_name = models.CharField(_("enterprise"), max_length=200, blank=True)
    complainant_name = models.CharField(_("complainant"), max_length=100, blank=True)
    complainant_phone = models.CharField(_("phone"), max_length=40, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    # A keyed hash of a public complaint's sender address (config.spam): enough to count the
    # complaints from one address in the last hour, not to recover it.
    ip_hash = models.CharField(_("sender address (hash)"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    received_on = models.DateField(_("received on"))
    due_date = models.DateField(_("due date"))
    rectification = models.CharField(
        _("rectification"), max_length=10, choices=Rectification.choices, blank=True
    )
    response = models.TextField(_("unit's response"), blank=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    callback_note = models.TextField(_("callback note"), blank=True)
    callback_confirmed = models.BooleanField(_("enterprise confirmed"), null=True, blank=True)
    callback_on = models.DateField(_("callback on"), null=True, blank=True)
    appeal = models.CharField(
        _("appeal"), max_length=10, choices=AppealStatus.choices, blank=True, default=""
    )
    appeal_reason = models.TextField(_("appeal reason"), blank=True)
    appeal_decision = models.TextField(_("appeal decision"), blank=True)
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint case")
        verbose_name_plural = _("complaint cases")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["unit"])]

    def __str__(self):
        return f"{self.reference} {self.subject_text}"

    @property
    def is_open(self) -> bool:
        return self.status not in (CaseStatus.CLOSED, CaseStatus.VOIDED)

    @property
    def subject_text(self) -> str:
        """The subject in the active language: a system subject worded now from its code and
        parameters, a person's subject as written."""
        if self.subject_code == SubjectCode.BAD_REVIEW:
            import datetime as dt

            from django.utils.translation import gettext

            from config.typography import date_text

            raw = self.subject_params.get("date", "")
            try:
                day = date_text(dt.date.fromisoformat(raw))
            except (TypeError, ValueError):
                day = raw
            return gettext("Bad review of the visit on %(date)s") % {"date": day}
        if self.subject_code:
            return str(SubjectCode(self.subject_code).label)
        return self.subject

    @property
    def enterprise_text(self) -> str:
        """The enterprise: the project's investor in the active language when the case came
        from a visit, else the name the complainant gave."""
        investor = self.project.investor if self.project_id else None
        if investor is not None and self.source == CaseSource.BAD_REVIEW:
            from config.i18n import localized_or_source

            return localized_or_source(investor, "name")[0]
        return self.enterprise_name

    @property
    def overdue_days(self) -> int:
        """Working days past the due date while the case waits for the unit (the due date
        itself counts in working days, reference.workdays); 0 when not overdue."""
        cached = getattr(self, "_overdue_days", None)
        if cached is not None:
            return cached
        if not self.is_overdue:
            return 0
        from django.utils import timezone

        from reference.workdays import working_days_between

        self._overdue_days = working_days_between(self.due_date, timezone.localdate())
        return self._overdue_days

    @property
    def is_overdue(self) -> bool:
        """Still waiting for the unit after the due date."""
        from django.utils import timezone

        return self.status in (CaseStatus.RECEIVED, CaseStatus.ASSIGNED) and (
            self.due_date < timezone.localdate()
        )


class CaseEvent(models.Model):
    """One step of a case: who did what, when, from which status to which, and why."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=14, blank=True)
    to_status = models.CharField(_("to"), max_length=14, blank=True)
    note = models.TextField(_("note"), blank=True)
    # A note the system writes (NoteCode), worded in the reader's language when shown; `note`
    # then stays empty and holds only what a person wrote.
    note_code = models.CharField(
        _("note (system)"), max_length=20, choices=NoteCode.choices, blank=True
    )
    note_params = models.JSONField(_("note parameters"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case} {self.action}"

    @property
    def action_label(self) -> str:
        return str(event_labels().get(self.action, self.action))

    @staticmethod
    def _status_label(code: str) -> str:
        return str(CaseStatus(code).label) if code in CaseStatus.values else code

    @property
    def from_label(self) -> str:
        return self._status_label(self.from_status) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return self._status_label(self.to_status) if self.to_status else ""

    @property
    def note_text(self) -> str:
        """The note in the active language: a system note worded now, then a person's note
        as written."""
        if self.note_code == NoteCode.UNIT:
            from config.i18n import localized_or_source
            from liaison.models import LiaisonUnit

            unit = LiaisonUnit.objects.filter(pk=self.note_params.get("unit")).first()
            system = localized_or_source(unit, "name")[0] if unit else ""
        elif self.note_code:
            system = str(NoteCode(self.note_code).label)
        else:
            system = ""
        return "\n".join(t for t in (system, self.note) if t)


class Ballot(models.Model):
    """An enterprise's yearly ballot for the units and people it finds advanced (先进): one per
    enterprise (the project's company) and year, through a signed single-use link of which
    only a hash is kept."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("enterprise (project)"),
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    voted_at = models.DateTimeField(_("voted at"), null=True, blank=True)
    units = models.ManyToManyField(
        "liaison.LiaisonUnit", verbose_name=_("units voted for"), blank=True, related_name="ballots"
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("people voted for"),
        blank=True,
        related_name="ballot_votes",
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["-year", "project"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"], name="one_ballot_per_enterprise_year"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.project}"


class ReferralStatus(models.TextChoices):
    OUTSTANDING = "outstanding", _("Outstanding")
    ACCEPTED = "accepted", _("Accepted")
    COMPLETED = "completed", _("Completed")


class Referral(models.Model):
    """A unit refers an enterprise's problem (a service request) to another unit that can
    solve it: outstanding → accepted → completed. Both units are told at each step; every
    step is kept in the history."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    from_unit = models.ForeignKey(
        "liaison.LiaisonUnit",
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        related_name="referrals_made",
    )
    to_unit = models.ForeignKey(
        "liaison.LiaisonUnit",
        verbose_name=_("referred to"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    note = models.TextField(_("what is asked"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReferralStatus.choices,
        default=ReferralStatus.OUTSTANDING,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by (person)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("referred at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_unit=models.F("to_unit")),
                name="referral_to_another_unit",
            ),
            models.UniqueConstraint(
                fields=["request", "to_unit"],
                condition=~models.Q(status="completed"),
                name="one_open_referral_per_request_and_unit",
            ),
        ]

    def __str__(self):
        return f"{self.from_unit} → {self.to_unit}: {self.request}"
