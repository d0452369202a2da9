"""The year-end appraisal (年度考核): a scheme per year (indicators with weight, data source and
scoring method), appraisals computed from the records by a Celery job, and their frozen results.

An appraisal is a draft until an admin submits it for review and publishes it. A published
appraisal never changes: its scores are stored rows, read as they are, never recomputed. A
revision (with its reason) is a new version that supersedes it once published; both stay
readable.

Subjects are named by a key ("region:3", "unit:2", "user:7", "agent:4", "investor:9") and their
labels are frozen with the scores, in both languages."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# A run's states are the statistics runs' (queued, running, succeeded, failed).
from stats.models import RunStatus


def _in_language(zh: str, en: str) -> str:
    """The English text under the English flag (Chinese when there is none), else Chinese."""
    if (get_language() or "").startswith("en"):
        return en or zh
    return zh or en


class SubjectKind(models.TextChoices):
    REGION = "region", _("Regions")
    UNIT = "unit", _("Liaison units")
    PERSON = "person", _("Introducers and individuals")


class Method(models.TextChoices):
    RATIO_CAP = "ratio_cap", _("Completion against the target, capped")
    EFFICACY = "efficacy", _("Efficacy coefficient (best 100, worst 60)")
    TIERS = "tiers", _("Tiers of completion")
    BONUS = "bonus", _("Bonus points per item, capped")
    DEDUCTION = "deduction", _("Deduction per item, capped")


class Scheme(models.Model):
    """A year's appraisal scheme, edited by admins. The thresholds decide the warning list."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    satisfaction_threshold = models.DecimalField(
        _("warning below this average rating"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("3.50"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    on_time_threshold = models.DecimalField(
        _("warning below this on-time rectification rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    commend_top = models.PositiveSmallIntegerField(
        _("ranks commended per list"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    min_field = models.PositiveSmallIntegerField(
        _("efficacy coefficient: fewest subjects with data"),
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=_(
            "With fewer subjects with data, or all their values equal, an efficacy indicator "
            "scores each value against its standard instead."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("appraisal scheme")
        verbose_name_plural = _("appraisal schemes")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)


class Indicator(models.Model):
    """One indicator of a scheme: what it measures (a data source from `appraisal.sources`),
    for which kind of subject, how it is scored and with what weight."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=40)
    subject_kind = models.CharField(
        _("kind of subject"), max_length=10, choices=SubjectKind.choices
    )
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(_("data source"), max_length=40)
    method = models.CharField(_("scoring method"), max_length=10, choices=Method.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["subject_kind", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="one_indicator_code_per_scheme")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return _in_language(self.name_zh_hans, self.name_en)


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a revision")


class Appraisal(models.Model):
    """One computation of a year's scheme, and its results once computed."""

    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="appraisals"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=AppraisalStatus.choices, default=AppraisalStatus.DRAFT
    )
    revision_reason = models.TextField(_("revision reason"), blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("revises"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    run_status = models.CharField(
        _("run"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    message = models.TextField(_("message"), blank=True)
    # The scheme as it was computed (indicators, weights, methods, thresholds), frozen with it.
    scheme_snapshot = models.JSONField(_("scheme as computed"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted for review at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="one_appraisal_per_version"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status="published"),
                name="one_published_appraisal_per_year",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status__in=["draft", "review"]),
                name="one_open_appraisal_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.year} v{self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.status in (AppraisalStatus.PUBLISHED, AppraisalStatus.SUPERSEDED)


class Score(models.Model):
    """A subject's total and rank in an appraisal, with its label frozen in both languages."""

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("appraisal"), on_delete=models.CASCADE, related_name="scores"
    )
    subject_kind = models.CharField(
        _("kind of subject"), max_length=10, choices=SubjectKind.choices
    )
    subject_key = models.CharField(_("subject key"), max_length=40)
    label_zh_hans = models.CharField(_("name (Chinese)"), max_length=200)
    label_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    rank = models.PositiveIntegerField(_("rank"))
    total = models.DecimalField(_("score"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("appraisal score")
        verbose_name_plural = _("appraisal scores")
        ordering = ["subject_kind", "rank", "label_zh_hans", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "subject_kind", "subject_key"], name="one_score_per_subject"
            )
        ]

    def __str__(self):
        return f"{self.appraisal} {self.subject_key} {self.total}"

    @property
    def label(self) -> str:
        return _in_language(self.label_zh_hans, self.label_en)


class IndicatorScore(models.Model):
    """One indicator's part of a subject's score: the value read from the records, the method
    score and the rule that gave it, the weight it carried for this subject (the scheme's, or
    0 and the others' raised when its data was missing), the contribution to the total
    (unrounded) and as shown (cents adding up to the total), and the records behind the
    value."""

    entry = models.ForeignKey(
        Score, verbose_name=_("ranking entry"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=40)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    method = models.CharField(_("scoring method"), max_length=10, choices=Method.choices)
    scheme_weight = models.DecimalField(
        _("weight in the scheme"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    weight = models.DecimalField(_("effective weight"), max_digits=22, decimal_places=10)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    method_score = models.DecimalField(
        _("method score"), max_digits=22, decimal_places=10, null=True, blank=True
    )
    rule = models.CharField(_("rule"), max_length=24, blank=True)
    contribution = models.DecimalField(
        _("contribution (unrounded)"), max_digits=22, decimal_places=10, default=Decimal("0")
    )
    score = models.DecimalField(_("score (as shown)"), max_digits=9, decimal_places=2)
    # {"records": [{"type": "project", "id": 5, "label": "…", "amount": "12.00"}], ...}
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return f"{self.code} {self.score}"

    @property
    def name(self) -> str:
        return _in_language(self.name_zh_hans, self.name_en)


class ListKind(models.TextChoices):
    COMMENDATION = "commendation", _("Commendation list")
    WARNING = "warning", _("Warning list")


class ListEntry(models.Model):
    """An entry of a published appraisal's commendation or warning list, with its reason in
    both languages."""

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("appraisal"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("list"), max_length=12, choices=ListKind.choices)
    subject_kind = models.CharField(
        _("kind of subject"), max_length=10, choices=SubjectKind.choices
    )
    subject_key = models.CharField(_("subject key"), max_length=40)
    label_zh_hans = models.CharField(_("name (Chinese)"), max_length=200)
    label_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    reason_zh_hans = models.TextField(_("reason (Chinese)"))
    reason_en = models.TextField(_("reason (English)"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["kind", "sort_order", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.label_zh_hans}"

    @property
    def label(self) -> str:
        return _in_language(self.label_zh_hans, self.label_en)

    @property
    def reason(self) -> str:
        return _in_language(self.reason_zh_hans, self.reason_en)
