"""FDI statistics: computed snapshots per period (year, month) with their figures per scope,
the runs that compute them, and hand-entered province and national reference figures.

A period's snapshot is a draft until bureau or admin publish (freeze) it. A published snapshot
never changes: a revision, with its reason, computes a new version, and both stay readable.
Snapshots are what was computed or published; they are never a base that later figures add to
(every figure is computed from the records)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from config.numbers import round_half_up
from config.withdrawal import Withdrawable
from reference.workdays import next_working_day

ZERO = Decimal("0")
METRICS = (
    "new_fie_count",
    "total_investment_cny_10k",
    "contracted_fdi_usd_10k",
    "utilized_fdi_usd_10k",
    "domestic_capital_cny_10k",
)
# The four measures the city published before the portal (opening figures, OpeningFigure):
# domestic capital was not among them.
OPENING_METRICS = METRICS[:4]
SPANS = ("month", "ytd", "ytd_last_year", "cumulative")


class ScopeType(models.TextChoices):
    CITY = "city", _("Whole city")
    REGION = "region", _("Region")
    REGION_TREE = "region_tree", _("Region with its zones")
    INDUSTRY = "industry", _("Industry section")
    THREE_INDUSTRY = "three_industry", _("Three industries")
    SOURCE_GROUP = "source_group", _("Capital source group")
    COUNTRY = "country", _("Source country")
    ENTERPRISE_TYPE = "enterprise_type", _("Enterprise type")
    CHAIN = "chain", _("Industrial chain")


class SnapshotStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a revision")


class StatsSnapshot(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=SnapshotStatus.choices, default=SnapshotStatus.DRAFT
    )
    computed_at = models.DateTimeField(_("computed at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision_reason = models.TextField(_("revision reason"), blank=True)
    # Every figure is computed from the records; the published snapshots this one was compared
    # against (last year's same period, for growth) are named here by id, period and version,
    # as they stood when it was computed: [{"id": 7, "period": "2025-11", "version": 1}].
    compared_with = models.JSONField(_("compared with"), default=list, blank=True)

    class Meta:
        verbose_name = _("statistics snapshot")
        verbose_name_plural = _("statistics snapshots")
        ordering = ["-year", "-month", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "version"], name="one_snapshot_per_period_version"
            ),
            models.UniqueConstraint(
                fields=["year", "month"],
                condition=models.Q(status="draft"),
                name="one_draft_per_period",
            ),
            models.UniqueConstraint(
                fields=["year", "month"],
                condition=models.Q(status="published"),
                name="one_published_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.period} v{self.version}"

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"


def _amount(label):
    return models.DecimalField(label, max_digits=16, decimal_places=2, default=ZERO)


class StatsFigure(models.Model):
    """One scope's figures in a snapshot: each metric for the month, the year to date, the same
    span last year and cumulatively since records began."""

    snapshot = models.ForeignKey(
        StatsSnapshot,
        verbose_name=_("snapshot"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    scope_type = models.CharField(_("scope type"), max_length=16, choices=ScopeType.choices)
    scope_key = models.CharField(_("scope key"), max_length=20, blank=True)
    new_fie_count_month = models.PositiveIntegerField(_("new FIEs, month"), default=0)
    new_fie_count_ytd = models.PositiveIntegerField(_("new FIEs, year to date"), default=0)
    new_fie_count_ytd_last_year = models.PositiveIntegerField(
        _("new FIEs, same span last year"), default=0
    )
    new_fie_count_cumulative = models.PositiveIntegerField(_("new FIEs, cumulative"), default=0)
    total_investment_cny_10k_month = _amount(_("total investment, month"))
    total_investment_cny_10k_ytd = _amount(_("total investment, year to date"))
    total_investment_cny_10k_ytd_last_year = _amount(_("total investment, same span last year"))
    total_investment_cny_10k_cumulative = _amount(_("total investment, cumulative"))
    contracted_fdi_usd_10k_month = _amount(_("contracted foreign capital, month"))
    contracted_fdi_usd_10k_ytd = _amount(_("contracted foreign capital, year to date"))
    contracted_fdi_usd_10k_ytd_last_year = _amount(
        _("contracted foreign capital, same span last year")
    )
    contracted_fdi_usd_10k_cumulative = _amount(_("contracted foreign capital, cumulative"))
    utilized_fdi_usd_10k_month = _amount(_("utilized foreign capital, month"))
    utilized_fdi_usd_10k_ytd = _amount(_("utilized foreign capital, year to date"))
    utilized_fdi_usd_10k_ytd_last_year = _amount(_("utilized foreign capital, same span last year"))
    utilized_fdi_usd_10k_cumulative = _amount(_("utilized foreign capital, cumulative"))
    # 到位省外资金: domestic capital from outside the province arrived on domestic projects.
    domestic_capital_cny_10k_month = _amount(_("domestic capital from outside the province, month"))
    domestic_capital_cny_10k_ytd = _amount(
        _("domestic capital from outside the province, year to date")
    )
    domestic_capital_cny_10k_ytd_last_year = _amount(
        _("domestic capital from outside the province, same span last year")
    )
    domestic_capital_cny_10k_cumulative = _amount(
        _("domestic capital from outside the province, cumulative")
    )
    promotion_spending_cny_10k_ytd = models.DecimalField(
        _("promotion spending, year to date (10k CNY)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    promotion_spending_cny_10k_ytd_last_year = models.DecimalField(
        _("promotion spending, same span last year (10k CNY)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )

    # True when the same span last year is the opening figures (published before the portal,
    # `OpeningFigure`) because the records begin after that span starts (engine.opening_base).
    base_from_opening = models.BooleanField(_("growth against opening figures"), default=False)

    class Meta:
        verbose_name = _("statistics figure")
        verbose_name_plural = _("statistics figures")
        ordering = ["scope_type", "scope_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "scope_type", "scope_key"], name="one_figure_per_scope"
            )
        ]

    def __str__(self):
        return f"{self.snapshot} {self.scope_type}:{self.scope_key}"

    def value(self, metric: str, span: str):
        return getattr(self, f"{metric}_{span}")

    def yoy_pct(self, metric: str):
        from .calculations import yoy_pct

        return yoy_pct(self.value(metric, "ytd"), self.value(metric, "ytd_last_year"))

    @property
    def has_investment(self) -> bool:
        """Whether any record counts in any metric and span (promotion spending aside)."""
        return any(self.value(m, s) for m in METRICS for s in SPANS)

    @property
    def has_spending(self) -> bool:
        return bool(
            self.promotion_spending_cny_10k_ytd or self.promotion_spending_cny_10k_ytd_last_year
        )

    @property
    def input_output_ratio(self):
        """Utilized foreign capital (10k USD) per 10k CNY of promotion spending, this year."""
        spent = self.promotion_spending_cny_10k_ytd
        if not spent:
            return None
        return round_half_up(self.utilized_fdi_usd_10k_ytd / spent, 2)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class StatsRun(models.Model):
    """One request to compute a period (a nightly run, a button, the API or the command)."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    revision_reason = models.TextField(_("revision reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.ForeignKey(
        StatsSnapshot,
        verbose_name=_("snapshot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistics run")
        verbose_name_plural = _("statistics runs")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.period} {self.status}"

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"


class ReferenceScope(models.TextChoices):
    PROVINCE = "province", _("Province")
    NATION = "nation", _("Nation")


class ReferenceFigure(models.Model):
    """Province or national figures for January to `month` of `year`, entered by hand with
    their own stated growth, for comparison in the bulletin."""

    scope = models.CharField(_("scope"), max_length=10, choices=ReferenceScope.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("up to month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    new_fie_count = models.PositiveIntegerField(_("new FIEs"))
    new_fie_count_yoy_pct = models.DecimalField(
        _("new FIEs, stated growth (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    contracted_fdi_usd_10k = models.DecimalField(
        _("contracted foreign capital (10k USD)"), max_digits=16, decimal_places=2
    )
    contracted_fdi_yoy_pct = models.DecimalField(
        _("contracted foreign capital, stated growth (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    utilized_fdi_usd_10k = models.DecimalField(
        _("utilized foreign capital (10k USD)"), max_digits=16, decimal_places=2
    )
    utilized_fdi_yoy_pct = models.DecimalField(
        _("utilized foreign capital, stated growth (%)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    cumulative_as_of = models.DateField(_("cumulative figures as of"), null=True, blank=True)
    cumulative_fie_count = models.PositiveIntegerField(_("cumulative FIEs"), null=True, blank=True)
    cumulative_contracted_fdi_usd_10k = models.DecimalField(
        _("cumulative contracted foreign capital (10k USD)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
    )
    cumulative_utilized_fdi_usd_10k = models.DecimalField(
        _("cumulative utilized foreign capital (10k USD)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("reference figure")
        verbose_name_plural = _("reference figures")
        ordering = ["-year", "-month", "scope"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "year", "month"], name="one_reference_per_scope_period"
            )
        ]

    def __str__(self):
        return f"{self.get_scope_display()} {self.year}-{self.month:02d}"


class ReportChannel(models.TextChoices):
    PORTAL = "portal", _("Filed in the portal")
    RECEIVED = "received", _("Received by the bureau (document, mail)")


def report_due(year: int, month: int) -> dt.date:
    """The day a month's report is due under the current setting: MONTHLY_REPORT_DUE_DAY of
    the next month, or the next working day when that day is a weekend or a public holiday
    (the official calendar, `reference.workdays`; a make-up Saturday is a working day). A
    filed report keeps the due day it was filed under (`due_on`)."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return next_working_day(dt.date(year, month, settings.MONTHLY_REPORT_DUE_DAY))


def reports_required(year: int, month: int) -> bool:
    """Whether a region owes a report for the month: from MONTHLY_REPORTS_FROM on (the month
    the districts began reporting in the portal); months before it are never owed."""
    return (year, month) >= settings.MONTHLY_REPORTS_FROM


class MonthlyReportQuerySet(models.QuerySet):
    def standing(self):
        """Reports that count: not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class MonthlyReport(Withdrawable):
    """A region's monthly report on its investment promotion (招商引资工作月报): the month's
    work and its problems, in words. The figures of the month are not typed in: they are the
    pipeline's records, read by the statistics. A report is filed once, by the region's own
    staff in the portal or recorded by the bureau on the day it arrived otherwise; one not
    filed by its due day counts against the region at the year-end appraisal. A report filed
    in error (the wrong month) is withdrawn by the bureau with a reason, kept, and no longer
    counts; the month can then be filed again."""

    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="monthly_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    summary = models.TextField(_("work of the month"))
    problems = models.TextField(_("problems and requests"), blank=True)
    filed_on = models.DateField(_("filed on"))
    due_on = models.DateField(_("due on"))
    channel = models.CharField(
        _("channel"), max_length=10, choices=ReportChannel.choices, default=ReportChannel.PORTAL
    )
    receipt_note = models.CharField(
        _("receipt"),
        max_length=200,
        blank=True,
        help_text=_("How the report arrived (document number, letter, e-mail)."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = MonthlyReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-year", "-month", "region_id", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "month"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_report_per_region_month",
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="report_month_1_12"
            ),
        ]

    def __str__(self):
        return f"{self.region} {self.year}-{self.month:02d}"

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def due(self) -> dt.date:
        return self.due_on

    @property
    def on_time(self) -> bool:
        return self.filed_on <= self.due_on


class ReminderStage(models.TextChoices):
    BEFORE = "before", _("Before the due day")
    DUE = "due", _("On the due day")


class ReportReminder(models.Model):
    """A monthly-report reminder sent to one person: the record that it is owed once. The
    daily job writes the row before it sends (a second run, or one catching up after days
    the worker was down, finds it and sends nothing) and removes it when the mail fails, so
    the next run tries again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    stage = models.CharField(_("stage"), max_length=8, choices=ReminderStage.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("monthly report reminder")
        verbose_name_plural = _("monthly report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "year", "month", "stage"], name="one_report_reminder_per_stage"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.year}-{self.month:02d} {self.stage}"


class OpeningFigure(models.Model):
    """A month's figures as the city published them before the portal (原系统公布数), for the
    city (`region` empty) or one region: the four metrics for the month and the year to date.

    They are never added to the records' figures: the engine reads them only as the
    comparison base (the same span last year) of a period whose base span begins before the
    records do (`stats.engine.opening_base`); the drift view shows where they differ from the
    records of the same span."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the whole city."),
    )
    new_fie_count_month = models.PositiveIntegerField(_("new FIEs, month"), default=0)
    new_fie_count_ytd = models.PositiveIntegerField(_("new FIEs, year to date"), default=0)
    total_investment_cny_10k_month = _amount(_("total investment, month"))
    total_investment_cny_10k_ytd = _amount(_("total investment, year to date"))
    contracted_fdi_usd_10k_month = _amount(_("contracted foreign capital, month"))
    contracted_fdi_usd_10k_ytd = _amount(_("contracted foreign capital, year to date"))
    utilized_fdi_usd_10k_month = _amount(_("utilized foreign capital, month"))
    utilized_fdi_usd_10k_ytd = _amount(_("utilized foreign capital, year to date"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("opening figure")
        verbose_name_plural = _("opening figures")
        ordering = ["-year", "-month", "region_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month"],
                condition=models.Q(region__isnull=True),
                name="one_opening_figure_per_city_month",
            ),
            models.UniqueConstraint(
                fields=["year", "month", "region"],
                condition=models.Q(region__isnull=False),
                name="one_opening_figure_per_region_month",
            ),
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d} {self.region or '-'}"

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def value(self, metric: str, span: str):
        return getattr(self, f"{metric}_{span}")


class ProvinceFigure(models.Model):
    """One line of the province's monthly tables (外资统计月报) in a snapshot: an indicator
    (`stats.province.INDICATORS`) of one table (the city: '', else a region's id) for the
    month, the same month last year, January to the month and the same span last year. Computed
    from the records with the snapshot and frozen with it; the tables are read from here."""

    snapshot = models.ForeignKey(
        StatsSnapshot,
        verbose_name=_("snapshot"),
        on_delete=models.CASCADE,
        related_name="province_figures",
    )
    scope_key = models.CharField(_("scope key"), max_length=20, blank=True)
    indicator = models.CharField(_("indicator"), max_length=40)
    month = _amount(_("month"))
    month_last_year = _amount(_("same month last year"))
    ytd = _amount(_("year to date"))
    ytd_last_year = _amount(_("same span last year"))

    class Meta:
        verbose_name = _("province table figure")
        verbose_name_plural = _("province table figures")
        ordering = ["scope_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "scope_key", "indicator"], name="one_province_figure"
            )
        ]

    def __str__(self):
        return f"{self.snapshot} {self.scope_key}:{self.indicator}"


class ProvinceReportSend(models.Model):
    """The record that a version's province tables went to the province: which version, in
    which language, when and by whom."""

    snapshot = models.ForeignKey(
        StatsSnapshot,
        verbose_name=_("snapshot"),
        on_delete=models.PROTECT,
        related_name="province_sends",
    )
    language = models.CharField(_("language"), max_length=8)
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("province report sent")
        verbose_name_plural = _("province reports sent")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.snapshot} {self.sent_at:%Y-%m-%d}"


class ReconciliationSource(models.TextChoices):
    COMMERCE = "commerce", _("Commerce ministry's FDI system")
    SAFE = "safe", _("Foreign exchange bureau")


class ReconciliationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REVIEWED = "reviewed", _("Reviewed")


class Reconciliation(models.Model):
    """A month's arrivals checked against an official list (the commerce system's or the
    foreign-exchange bureau's): imported, matched line by line, each difference resolved,
    then reviewed. A period is published only once a reconciliation of it is reviewed (when
    `STATS_PUBLISH_REQUIRES_RECONCILIATION` is on)."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    source = models.CharField(_("source"), max_length=10, choices=ReconciliationSource.choices)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReconciliationStatus.choices,
        default=ReconciliationStatus.OPEN,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reconciliation")
        verbose_name_plural = _("reconciliations")
        ordering = ["-year", "-month", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "source"], name="one_reconciliation_per_source"
            )
        ]

    def __str__(self):
        return f"{self.period} {self.source}"

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"


class LineKind(models.TextChoices):
    MATCHED = "matched", _("Matched")
    ONLY_LIST = "only_list", _("Only in the official list")
    ONLY_PORTAL = "only_portal", _("Only in the portal")
    AMOUNT_DIFFERS = "differs", _("Amounts differ")


class LineResolution(models.TextChoices):
    CORRECTED = "corrected", _("Corrected in the records")
    EXPLAINED = "explained", _("Explained")


class ReconciliationLine(models.Model):
    """One line of a reconciliation: an official list's row, a portal arrival, or both, and
    how they compare; a difference carries its resolution (who, when, why)."""

    reconciliation = models.ForeignKey(
        Reconciliation,
        verbose_name=_("reconciliation"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LineKind.choices)
    row_number = models.PositiveIntegerField(_("row in the file"), null=True, blank=True)
    enterprise_name = models.CharField(_("enterprise name"), max_length=200, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    amount = models.DecimalField(
        _("amount (10k, in the currency)"), max_digits=14, decimal_places=2, null=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    date = models.DateField(_("date"), null=True)
    arrival = models.ForeignKey(
        "projects.CapitalArrival",
        verbose_name=_("capital arrival"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The portal's side as it stood when matched (the arrival may be corrected or deleted).
    portal_amount = models.DecimalField(
        _("portal amount"), max_digits=14, decimal_places=2, null=True
    )
    portal_currency = models.CharField(_("portal currency"), max_length=3, blank=True)
    portal_date = models.DateField(_("portal date"), null=True)
    portal_project = models.CharField(_("portal project"), max_length=200, blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=10, choices=LineResolution.choices, blank=True
    )
    resolution_note = models.TextField(_("resolution note"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reconciliation line")
        verbose_name_plural = _("reconciliation lines")
        ordering = ["kind", "id"]

    def __str__(self):
        return f"{self.reconciliation} {self.kind}"

    @property
    def needs_resolution(self) -> bool:
        return self.kind != LineKind.MATCHED and not self.resolution
