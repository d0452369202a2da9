"""Liaison units (联系单位): government departments responsible for introduced projects."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LiaisonUnit(models.Model):
    """A government department that serves the enterprises assigned to it."""

    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(_("code"), max_length=32, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("liaison unit")
        verbose_name_plural = _("liaison units")
        ordering = ["code"]

    def __str__(self):
        return self.name


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
