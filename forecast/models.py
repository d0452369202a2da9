"""The year-end forecast: each nightly run, its results per scope and measure (today's forecast
and the backtest's month-ends), and the contracted contribution schedules that the capital
forecast reads before the historical lag."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Measure(models.TextChoices):
    NEGOTIATED = "negotiated", _("Projects negotiated")
    APPROVED = "approved", _("FIEs approved")
    STARTED = "started", _("FIEs started")
    UTILIZED = "utilized", _("Utilized foreign capital (10k USD)")


class Outlook(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_TARGET = "no_target", _("No target")


class ResultKind(models.TextChoices):
    FORECAST = "forecast", _("Forecast")
    BACKTEST = "backtest", _("Backtest")


class ForecastRun(models.Model):
    """One computation of a year's forecast as of a day, with the backtest of the year before."""

    year = models.PositiveSmallIntegerField(_("year"))
    as_of = models.DateField(_("as of"))
    backtest_year = models.PositiveSmallIntegerField(_("backtest year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    error = models.TextField(_("error"), blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)

    class Meta:
        verbose_name = _("forecast run")
        verbose_name_plural = _("forecast runs")
        ordering = ["-as_of", "-id"]
        indexes = [models.Index(fields=["year", "status", "-as_of"])]

    def __str__(self):
        return f"{self.year} @ {self.as_of}"


class ForecastResult(models.Model):
    """One measure of one scope (the city, region None; or a region's own projects) forecast
    as of `as_of`: the figure to date, the expected year-end with its 10th-90th percentile
    range, the target and the outlook; `drivers` lists the projects that move it most
    (`[{"project": id, "stage": code, "next_stage": code, "p_next": float, "expected":
    float}]`). A backtest row also holds the year-end figure that came true."""

    run = models.ForeignKey(
        ForecastRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ResultKind.choices, default=ResultKind.FORECAST
    )
    as_of = models.DateField(_("as of"))
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    to_date = models.DecimalField(_("to date"), max_digits=16, decimal_places=2)
    expected = models.DecimalField(_("expected at year-end"), max_digits=16, decimal_places=2)
    p10 = models.DecimalField(_("10th percentile"), max_digits=16, decimal_places=2)
    p50 = models.DecimalField(_("median"), max_digits=16, decimal_places=2)
    p90 = models.DecimalField(_("90th percentile"), max_digits=16, decimal_places=2)
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    prob_meet = models.FloatField(_("probability of meeting the target"), null=True, blank=True)
    outlook = models.CharField(_("outlook"), max_length=10, choices=Outlook.choices)
    actual = models.DecimalField(
        _("actual at year-end"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    drivers = models.JSONField(_("drivers"), default=list, blank=True)

    class Meta:
        verbose_name = _("forecast result")
        verbose_name_plural = _("forecast results")
        ordering = ["run", "kind", "as_of", "region_id", "measure"]
        indexes = [models.Index(fields=["run", "kind", "region"])]

    def __str__(self):
        return f"{self.as_of} {self.region_id or 'city'} {self.measure}"

    @property
    def error(self):
        """Expected minus actual (a backtest row)."""
        if self.actual is None:
            return None
        return self.expected - self.actual

    @property
    def within_range(self):
        if self.actual is None:
            return None
        return self.p10 <= self.actual <= self.p90


class ContributionSchedule(models.Model):
    """One contribution a project's contract schedules (出资计划): the date the investor is due
    to pay in and the amount. The capital forecast counts the contributions due in the rest of
    the year, at the rate the city's schedules have been kept, before the historical lag."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="contribution_schedule",
    )
    date = models.DateField(_("due date"))
    amount_usd_10k = models.DecimalField(
        _("amount (10k USD)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    # What the backtest knew on a past day: the schedule as recorded then.
    history = HistoricalRecords(excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = _("scheduled contribution")
        verbose_name_plural = _("scheduled contributions")
        ordering = ["project", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_usd_10k__gt=0), name="schedule_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.project_id} {self.date} {self.amount_usd_10k}"
