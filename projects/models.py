"""The project pipeline: projects, their stage moves, capital arrivals, activity log and the
regions' annual targets. Writes go through `projects.services`; reads through
`Project.objects.for_user(user)` (see `projects.selectors`)."""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from config.names import name_text
from config.withdrawal import Withdrawable
from investors.models import SourceGroup
from reference.provinces import Province

from . import workflow

ZERO = Decimal("0")


class Category(models.TextChoices):
    RESOURCE = "resource", _("Resource")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    ADVANTAGE_INDUSTRY = "advantage_industry", _("Advantage industry")
    OTHER = "other", _("Other")


class EnterpriseType(models.TextChoices):
    EQUITY_JV = "equity_jv", _("Equity joint venture")
    CONTRACTUAL_JV = "contractual_jv", _("Contractual joint venture")
    WFOE = "wfoe", _("Wholly foreign-owned enterprise")
    FIE_JOINT_STOCK = "fie_joint_stock", _("Foreign-invested joint-stock company")
    DOMESTIC = "domestic", _("Domestic enterprise")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    DROPPED = "dropped", _("Dropped")


class IntroducerKind(models.TextChoices):
    STAFF = "staff", _("Staff member")
    AGENT = "agent", _("Agent")
    ENTERPRISE = "enterprise", _("Enterprise")


class Tag(models.Model):
    """A free tag: an industry chain (pharma, textile, food processing) or a resource (salt,
    gypsum, pearls)."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["slug"]

    def __str__(self):
        return name_text(self)  # config/names.py: a missing English name is marked


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user):
        from .selectors import scope_projects

        return scope_projects(self, user)

    def editable_by(self, user):
        from .selectors import editable_projects

        return editable_projects(self, user)

    def with_list_relations(self):
        return self.select_related(
            "region", "investor", "industry", "introducer_user", "introducer_agent"
        ).prefetch_related("tags")


class Project(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    investor = models.ForeignKey(
        "investors.Investor",
        verbose_name=_("investor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    industry = models.ForeignKey(
        "reference.IndustrySection",
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    # The GB/T 4754 division, group or class ("27", "271", "2710") under `industry`: what a
    # chain link's classes find its local enterprises by (prefix match, `chains.selectors`).
    industry_class = models.CharField(
        _("industry class (GB/T 4754)"), max_length=4, blank=True, default=""
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="projects")
    capital_source = models.CharField(
        _("capital source"),
        max_length=10,
        choices=SourceGroup.choices,
        default=SourceGroup.FOREIGN,
    )
    enterprise_type = models.CharField(
        _("enterprise type"), max_length=20, choices=EnterpriseType.choices, blank=True
    )
    # The enterprise's 统一社会信用代码 once it is registered (GB 32100-2015, check character
    # validated by projects.services); '' until then, unique when set.
    unified_credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, default=""
    )
    total_investment_cny_10k = models.DecimalField(
        _("total investment (10k CNY)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    contracted_fdi_usd_10k = models.DecimalField(
        _("contracted foreign capital (10k USD)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    # Why figures that rarely hold do hold here (contracted foreign capital above the total
    # investment, a capital source other than the investor's country gives): the user's
    # confirmation, required by projects.services when such figures are entered.
    unusual_reason = models.TextField(_("reason for unusual figures"), blank=True, default="")
    introducer_kind = models.CharField(
        _("introducer kind"), max_length=12, choices=IntroducerKind.choices, blank=True
    )
    introducer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("introducer (staff)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="introduced_projects",
    )
    introducer_agent = models.ForeignKey(
        "investors.Agent",
        verbose_name=_("introducer (agent)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="introduced_projects",
    )
    introducer_enterprise = models.ForeignKey(
        "investors.Investor",
        verbose_name=_("introducer (enterprise)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="introduced_projects",
    )
    source_activity = models.ForeignKey(
        "investors.PromotionActivity",
        verbose_name=_("source activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=workflow.STAGE_CHOICES, default=workflow.FIRST
    )
    intent_date = models.DateField(_("intent date"))
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    groundbreaking_date = models.DateField(_("groundbreaking date"), null=True, blank=True)
    operation_date = models.DateField(_("operation date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    status_reason = models.TextField(_("status reason"), blank=True)
    is_published = models.BooleanField(_("published on the public site"), default=False)
    # The stalled clock, derived by projects.services.last_activity_date (the latest stage
    # date held or logged activity) and stored for the stalled list's index.
    last_activity_on = models.DateField(_("last activity"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["region", "stage"]),
            models.Index(fields=["stage", "-updated_at"]),
            models.Index(fields=["-updated_at", "-id"]),
            # The list's sort keys, so a sorted, filtered page reads an index, not a sort.
            models.Index(fields=["total_investment_cny_10k", "id"]),
            models.Index(fields=["contracted_fdi_usd_10k", "id"]),
            # Sorting by intent date, and covering for the dashboard: this year's funnel (the
            # cohort's later stage dates) and the targets' negotiated count per region are
            # index-only scans of the year's entries.
            models.Index(
                fields=["intent_date", "id"],
                include=[
                    "region",
                    "contract_date",
                    "approval_date",
                    "groundbreaking_date",
                    "operation_date",
                ],
                name="project_intent_covering",
            ),
            # Covering index for the statistics: approvals of a span summed from the index.
            models.Index(
                fields=["approval_date"],
                include=[
                    "capital_source",
                    "total_investment_cny_10k",
                    "contracted_fdi_usd_10k",
                    "region",
                    "industry",
                    "investor",
                    "enterprise_type",
                ],
                name="project_approval_covering",
            ),
            models.Index(fields=["status", "last_activity_on"]),
            # A chain link's local enterprises: the projects whose class starts with one of the
            # link's classes (`LIKE '27%'` needs the pattern operator class).
            models.Index(
                fields=["industry_class"],
                opclasses=["varchar_pattern_ops"],
                condition=~models.Q(industry_class=""),
                name="project_industry_class",
            ),
            # The dashboard at scale: this year's targets count each measure from its date's
            # covering index (intent, approval, groundbreaking); the stalled list and its count
            # read the active projects short of operation by their clock.
            models.Index(
                fields=["groundbreaking_date"],
                include=["capital_source", "region"],
                name="project_started_covering",
            ),
            # Projects needing a liaison unit, oldest contract first (the dashboard's list);
            # covering for the targets' contracted foreign capital of the year's contracts.
            models.Index(
                fields=["contract_date", "id"],
                include=["capital_source", "region", "contracted_fdi_usd_10k"],
                name="project_contract_date",
            ),
            # ... and their count: an index-only scan of the live projects at contract or
            # later (the stages from workflow.index_of("contract") on, as the selector asks).
            models.Index(
                fields=["id"],
                condition=models.Q(
                    stage__in=["contract", "approval", "groundbreaking", "operation"]
                )
                & ~models.Q(status="dropped"),
                name="project_contracted_live",
            ),
            models.Index(
                fields=["last_activity_on", "id"],
                condition=models.Q(status="active") & ~models.Q(stage="operation"),
                name="project_stalled_clock",
            ),
            # The board's column counts: an index-only scan of the projects not dropped (the
            # stage alone, so B-tree deduplication keeps it a few pages per thousand rows).
            models.Index(
                fields=["stage"],
                condition=~models.Q(status="dropped"),
                name="project_board_stage",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_investment_cny_10k__gte=0),
                name="project_total_investment_non_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(contracted_fdi_usd_10k__gte=0),
                name="project_contracted_fdi_non_negative",
            ),
            models.CheckConstraint(
                condition=~models.Q(capital_source="domestic") | models.Q(contracted_fdi_usd_10k=0),
                name="domestic_project_has_no_foreign_capital",
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=workflow.STAGE_CODES),
                name="project_stage_valid",
            ),
            models.UniqueConstraint(
                fields=["unified_credit_code"],
                condition=~models.Q(unified_credit_code=""),
                name="project_credit_code_unique",
            ),
        ]

    def __str__(self):
        return name_text(self)  # config/names.py: a missing English name is marked

    @property
    def is_foreign_invested(self) -> bool:
        return self.capital_source in (SourceGroup.FOREIGN, SourceGroup.HMT)

    @property
    def stage_label(self):
        return workflow.BY_CODE[self.stage].label

    def stage_date(self, code: str | None = None):
        return getattr(self, workflow.date_field(code or self.stage))

    @property
    def next_stage(self):
        return workflow.next_stage(self.stage)

    @property
    def previous_stage(self):
        return workflow.previous_stage(self.stage)

    @property
    def introducer(self):
        return self.introducer_user or self.introducer_agent or self.introducer_enterprise


def evidence_upload_to(instance, filename):
    """Stored under a generated name; the original name is kept in the row."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"evidence/{instance.project_id}/{uuid.uuid4().hex}{suffix}"


class MoveKind(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    CORRECTION = "correction", _("Correction")
    REDATE = "redate", _("Date corrected")


class StageMove(models.Model):
    """One stage move: the stage log, with the real-world date, a note and optional evidence."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="moves"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MoveKind.choices)
    from_stage = models.CharField(_("from stage"), max_length=16, choices=workflow.STAGE_CHOICES)
    to_stage = models.CharField(_("to stage"), max_length=16, choices=workflow.STAGE_CHOICES)
    date = models.DateField(_("date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_upload_to, blank=True, max_length=200
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    moved_at = models.DateTimeField(_("moved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        ordering = ["moved_at", "id"]

    def __str__(self):
        return f"{self.project_id}: {self.from_stage} → {self.to_stage}"


class CheckResult(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed as reported")
    FALSIFIED = "falsified", _("Falsely reported")


class ProjectCheck(Withdrawable):
    """A bureau verification (核查) of what a district reported on a project: confirmed, or
    found falsely reported (虚报). A false finding is a deduction in the region's year-end
    appraisal; the figures follow the project's own records, which the district corrects
    through the workflow. A finding overturned later is withdrawn with a reason, not deleted."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="checks"
    )
    checked_on = models.DateField(_("checked on"))
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices)
    finding = models.TextField(_("finding"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project check")
        verbose_name_plural = _("project checks")
        ordering = ["-checked_on", "-id"]
        indexes = [models.Index(fields=["result", "checked_on"], name="check_result_date")]

    def __str__(self):
        return f"{self.project_id} {self.checked_on} {self.result}"

    @property
    def counts(self) -> bool:
        """A falsified finding that stands (not withdrawn)."""
        return self.result == CheckResult.FALSIFIED and self.withdrawn_at is None


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    EMAIL = "email", _("Email")
    EVENT = "event", _("Event encounter")
    NOTE = "note", _("Note")


class ProjectActivity(models.Model):
    """Follow-up work logged on a project; keeps it from counting as stalled."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="activities"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices)
    summary = models.TextField(_("summary"))
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project activity")
        verbose_name_plural = _("project activities")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class CapitalArrival(models.Model):
    """Foreign capital arrived (外资到位记录; their sum is 实际使用外资). `amount` is in
    ten-thousands of `currency`;
    `amount_usd_10k` is converted per record at `usd_rate` (USD per unit of the currency) and
    stored, so totals are sums of per-record conversions, never one rate over a total."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="capital_arrivals",
    )
    date = models.DateField(_("date"))
    amount = models.DecimalField(
        _("amount (10k, in the currency)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    # Ten significant digits for any currency (config.bounds.check_rate): 0.00006250000 USD
    # per rupiah needs fourteen decimal places.
    usd_rate = models.DecimalField(
        _("rate to USD"),
        max_digits=22,
        decimal_places=14,
        help_text=_("US dollars per unit of the currency"),
    )
    rate_source = models.CharField(_("rate source"), max_length=120, blank=True)
    amount_usd_10k = models.DecimalField(_("amount (10k USD)"), max_digits=14, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The project's classification, copied here and kept in step by the services
    # (projects.services, investors.services) so that the statistics group arrivals without
    # joining every arrival to its project.
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    industry = models.ForeignKey(
        "reference.IndustrySection",
        verbose_name=_("industry"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    capital_source = models.CharField(_("capital source"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    enterprise_type = models.CharField(_("enterprise type"), max_length=20, blank=True)

    # Who recorded, changed or deleted it, when, what it held, and why (a deletion's reason).
    history = HistoricalRecords(excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = _("capital arrival")
        verbose_name_plural = _("capital arrivals")
        ordering = ["-date", "-id"]
        indexes = [
            # Covering index: a period's arrivals are summed by classification from the index.
            models.Index(
                fields=["date"],
                include=[
                    "amount_usd_10k",
                    "region",
                    "industry",
                    "capital_source",
                    "country",
                    "enterprise_type",
                ],
                name="arrival_date_covering",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="arrival_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(usd_rate__gt=0), name="arrival_rate_positive"
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.amount} {self.currency}"


class DomesticArrival(models.Model):
    """Domestic capital from outside the province arrived (到位省外资金) for a domestic project:
    `amount_cny_10k` from `source_province` on `date`. Carries the project's classification,
    kept in step by the services like the foreign capital arrivals', so that the statistics
    group it the same way."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="domestic_arrivals",
    )
    date = models.DateField(_("date"))
    amount_cny_10k = models.DecimalField(
        _("amount (10k CNY)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    source_province = models.CharField(_("source province"), max_length=2, choices=Province.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    industry = models.ForeignKey(
        "reference.IndustrySection",
        verbose_name=_("industry"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    capital_source = models.CharField(_("capital source"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    enterprise_type = models.CharField(_("enterprise type"), max_length=20, blank=True)

    history = HistoricalRecords(excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = _("domestic capital arrival")
        verbose_name_plural = _("domestic capital arrivals")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"], name="domestic_arrival_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cny_10k__gt=0), name="domestic_arrival_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.amount_cny_10k} {self.source_province}"


class RegionTarget(models.Model):
    """A region's targets for a year: the seed's 4 negotiated, 2 approved, 1 started."""

    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    negotiated = models.PositiveSmallIntegerField(_("projects negotiated"), default=4)
    approved = models.PositiveSmallIntegerField(_("FIEs approved"), default=2)
    started = models.PositiveSmallIntegerField(_("FIEs started"), default=1)
    utilized_fdi_usd_10k = models.DecimalField(
        _("utilized foreign capital (10k USD)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    contracted_fdi_usd_10k = models.DecimalField(
        _("contracted foreign capital (10k USD)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Of the foreign-invested projects contracted in the year; 0 = no target."),
    )

    class Meta:
        verbose_name = _("region target")
        verbose_name_plural = _("region targets")
        ordering = ["-year", "region__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="one_target_per_region_year")
        ]

    def __str__(self):
        return f"{self.region} {self.year}"
