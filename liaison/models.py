"""Liaison units (联系单位): government departments responsible for introduced projects."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from config.names import name_text


class LiaisonUnit(models.Model):
    """A government department that serves the enterprises assigned to it."""

    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(_("code"), max_length=32, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    industries = models.ManyToManyField(
        "reference.IndustrySection",
        verbose_name=_("industries served"),
        blank=True,
        related_name="liaison_units",
        help_text=_("The industries the unit knows best; suggestions favour a fit."),
    )

    class Meta:
        verbose_name = _("liaison unit")
        verbose_name_plural = _("liaison units")
        ordering = ["code"]

    def __str__(self):
        return name_text(self)  # config/names.py: a missing English name is marked


DEFAULT_VISIT_CADENCE_DAYS = 90  # quarterly
MIN_CADENCE_DAYS = 7
MAX_CADENCE_DAYS = 366


class LiaisonAssignment(models.Model):
    """A project's responsible liaison unit and named person (包联). One active assignment per
    project; ending one (end_date) and starting another keeps the record of who served when.
    An assignment entered in error is voided (voided_at, by, reason): it stays on record but
    never gave its unit the project."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="liaison_assignments",
    )
    unit = models.ForeignKey(
        LiaisonUnit,
        verbose_name=_("liaison unit"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    person = models.ForeignKey(
        "accounts.User",
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        related_name="liaison_assignments",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided as entered in error at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("voided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    void_reason = models.TextField(_("reason it was entered in error"), blank=True)
    visit_cadence_days = models.PositiveSmallIntegerField(
        _("visit cadence (days)"),
        default=DEFAULT_VISIT_CADENCE_DAYS,
        validators=[MinValueValidator(MIN_CADENCE_DAYS), MaxValueValidator(MAX_CADENCE_DAYS)],
        help_text=_("The enterprise is flagged when not visited within this many days."),
    )
    # Set by the daily job when the enterprise was first found not visited within the cadence
    # (the unit and the bureau are told once); cleared once it is visited again.
    visit_flagged_on = models.DateField(_("flagged as not visited on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("liaison assignment")
        verbose_name_plural = _("liaison assignments")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(end_date__isnull=True, voided_at__isnull=True),
                name="one_active_assignment_per_project",
            ),
        ]

    def __str__(self):
        return f"{self.project} → {self.unit}"


class FundAllocation(models.Model):
    """Funds allocated to a liaison unit for a year (经费), in 万元, with their purpose: the seed
    asks that the funds for an introduced project go to its responsible unit."""

    unit = models.ForeignKey(
        LiaisonUnit,
        verbose_name=_("liaison unit"),
        on_delete=models.PROTECT,
        related_name="fund_allocations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount_10k = models.DecimalField(_("amount (10,000 CNY)"), max_digits=12, decimal_places=2)
    purpose = models.CharField(_("purpose"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund allocation")
        verbose_name_plural = _("fund allocations")
        ordering = ["-year", "unit", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_10k__gt=0), name="fund_allocation_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.year} {self.unit} {self.amount_10k}"
