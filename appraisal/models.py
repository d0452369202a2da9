"""The year-end appraisal (年度考核): a scheme per year (indicators with weight, data source and
scoring method), appraisals computed from the records by a Celery job, and their frozen results.

An appraisal is a draft until an admin submits it for review and publishes it. A published
appraisal never changes: its scores are stored rows, read as they are, never recomputed. A
revision (with its reason) is a new version that supersedes it once published; both stay
readable.

Subjects are named by a key ("region:3", "unit:2", "user:7", "agent:4", "investor:9") and their
labels are frozen with the scores, in both languages."""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.names import Bilingual
from config.text import has_han

# A run's states are the statistics runs' (queued, running, succeeded, failed).
from stats.models import RunStatus


def _in_language(zh: str, en: str) -> str:
    """The name alone in the active language (`config.names.Bilingual.text`): English under
    the English flag, the Chinese when there is none. Staff pages show the frozen names with
    `{{ obj|name:"label" }}`, which marks a missing English name (lang="zh-Hans")."""
    return Bilingual(zh, en).text


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


class RewardBasis(models.TextChoices):
    ARRIVED = "arrived", _("Foreign capital arrived in the year")
    CONTRACTED = "contracted", _("Foreign capital contracted in the year")


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
    # Public notice (公示): how long those appraised may object before the result is final.
    notice_working_days = models.PositiveSmallIntegerField(
        _("public notice period (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    # Liaison persons on the warning list (服务差的个人上网公布): at least this many ratings by
    # the enterprises of the projects they are named for, averaging below the threshold.
    person_warning_min_ratings = models.PositiveSmallIntegerField(
        _("liaison person warned from this many ratings"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    person_warning_threshold = models.DecimalField(
        _("liaison person warned below this average rating"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("3.500"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    # The introducers' reward (重奖引资人): which projects count, on what basis, how much.
    reward_sections = models.CharField(
        _("reward: industry sections counted (GB/T 4754 letters)"),
        max_length=60,
        default="B,C,D",
        help_text=_(
            "Comma-separated section letters; industry (mining, manufacturing, utilities) is "
            "B, C and D."
        ),
    )
    reward_basis = models.CharField(
        _("reward: basis"), max_length=12, choices=RewardBasis.choices, default=RewardBasis.ARRIVED
    )
    reward_rate = models.DecimalField(
        _("reward: 10k CNY per 10k USD"),
        max_digits=8,
        decimal_places=4,
        default=Decimal("0.0100"),
        validators=[MinValueValidator(0)],
    )
    reward_tiers = models.JSONField(
        _("reward: higher rates above thresholds"),
        default=list,
        blank=True,
        help_text=_(
            'JSON, e.g. [["500", "0.02"], ["1000", "0.03"]]: above 500 (10k USD) the '
            "rate is 0.02, above 1000 it is 0.03 (each on the part above)."
        ),
    )
    reward_minimum_usd_10k = models.DecimalField(
        _("reward: minimum basis (10k USD)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(0)],
    )
    reward_cap_cny_10k = models.DecimalField(
        _("reward: cap per person (10k CNY)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal("50"),
        validators=[MinValueValidator(0)],
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
    NOTICE = "notice", _("Under public notice")
    FINAL = "final", _("Final")
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
    notice_starts_on = models.DateField(_("public notice from"), null=True, blank=True)
    notice_ends_on = models.DateField(_("public notice until"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("final since"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
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
                condition=models.Q(status__in=["notice", "final"]),
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
        return self.status in (
            AppraisalStatus.NOTICE,
            AppraisalStatus.FINAL,
            AppraisalStatus.SUPERSEDED,
        )

    @property
    def is_current(self) -> bool:
        """Published and not superseded: under notice or final."""
        return self.status in (AppraisalStatus.NOTICE, AppraisalStatus.FINAL)


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
    """The public lists, each resting on one thing: the appraisal score (advanced regions),
    the enterprises' votes (advanced units and individuals), the reward rule (introducers to be
    rewarded), the scheme's warning thresholds (the warning list)."""

    REGIONS = "regions", _("Advanced regions")
    ADVANCED = "advanced", _("Advanced units and individuals")
    REWARDS = "rewards", _("Introducers to be rewarded")
    WARNING = "warning", _("Warning list")


class ListEntry(models.Model):
    """An entry of a published appraisal's commendation or warning list, with its reason in
    both languages."""

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("appraisal"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("list"), max_length=12, choices=ListKind.choices)
    # Named persons on the warning list are shown publicly only once the notice has ended.
    after_notice = models.BooleanField(_("public once final"), default=False)
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
    def label_lang(self) -> str:
        """ "zh-Hans" when the name shown is the Chinese one on a page in another language
        (a person or unit without an English name), for the page to mark it."""
        english = (get_language() or "").startswith("en")
        return "zh-Hans" if english and has_han(self.label) else ""

    @property
    def reason(self) -> str:
        return _in_language(self.reason_zh_hans, self.reason_en)


class ObjectionDecision(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Rejected")


def objection_upload_to(instance, filename):
    """Stored under a generated name; the original name is kept in the row."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"appraisal-objections/{instance.appraisal_id}/{uuid.uuid4().hex}{suffix}"


class Objection(models.Model):
    """An objection (异议) to an entry of an appraisal under public notice, or to one of its
    indicators, filed by staff of the subject with text and evidence, and the admin's answer:
    upheld (a revision is computed, with the reason; both versions stay) or rejected (the reason
    is shown to the objector)."""

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("appraisal"), on_delete=models.CASCADE, related_name="objections"
    )
    subject_key = models.CharField(_("subject key"), max_length=40)
    subject_kind = models.CharField(
        _("kind of subject"), max_length=10, choices=SubjectKind.choices
    )
    label_zh_hans = models.CharField(_("name (Chinese)"), max_length=200)
    label_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    indicator = models.SlugField(_("indicator"), max_length=40, blank=True)
    text = models.TextField(_("objection"))
    evidence = models.FileField(
        _("evidence"), upload_to=objection_upload_to, blank=True, max_length=200
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    decision = models.CharField(
        _("decision"), max_length=10, choices=ObjectionDecision.choices, blank=True
    )
    reason = models.TextField(_("reason for the decision"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    revision = models.ForeignKey(
        Appraisal,
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="upheld_objections",
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["filed_at", "id"]

    def __str__(self):
        return f"{self.appraisal} {self.subject_key} {self.indicator}"

    @property
    def label(self) -> str:
        return _in_language(self.label_zh_hans, self.label_en)

    @property
    def is_answered(self) -> bool:
        return bool(self.decision)


class Reward(models.Model):
    """An introducer's reward (重奖引资人) in an appraisal, by the scheme's reward rule, with
    the projects and arrivals behind it and the steps of the computation. Frozen with the
    appraisal; final with it."""

    appraisal = models.ForeignKey(
        Appraisal, verbose_name=_("appraisal"), on_delete=models.CASCADE, related_name="rewards"
    )
    subject_key = models.CharField(_("subject key"), max_length=40)
    label_zh_hans = models.CharField(_("name (Chinese)"), max_length=200)
    label_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    basis = models.CharField(_("basis"), max_length=12, choices=RewardBasis.choices)
    basis_usd_10k = models.DecimalField(_("basis (10k USD)"), max_digits=14, decimal_places=2)
    amount_cny_10k = models.DecimalField(_("reward (10k CNY)"), max_digits=12, decimal_places=2)
    capped = models.BooleanField(_("capped"), default=False)
    # [{"from": "0", "to": "500", "rate": "0.01", "amount": "5.00"}, …]
    steps = models.JSONField(_("computation"), default=list, blank=True)
    # [{"type": "arrival"|"project", "id": …, "project": …, "label": …, "date": …, "amount": …}]
    records = models.JSONField(_("records"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("introducer's reward")
        verbose_name_plural = _("introducers' rewards")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appraisal", "subject_key"], name="one_reward_per_subject"
            )
        ]

    def __str__(self):
        return f"{self.appraisal} {self.subject_key} {self.amount_cny_10k}"

    @property
    def label(self) -> str:
        return _in_language(self.label_zh_hans, self.label_en)

    @property
    def projects(self) -> list[int]:
        """The ids of the projects behind the reward, in order."""
        seen = []
        for r in self.records:
            pk = r.get("project") if r.get("type") == "arrival" else r.get("id")
            if pk is not None and pk not in seen:
                seen.append(pk)
        return seen
