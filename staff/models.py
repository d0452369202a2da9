"""Background exports: a whole filtered list written to xlsx by a Celery worker, with its
progress, kept under MEDIA_ROOT for its owner only and deleted after EXPORT_KEEP_HOURS."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    PROJECTS = "projects", _("Projects")
    INVESTORS = "investors", _("Investors")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def _export_path(job, filename):
    return f"exports/{job.token.hex}.xlsx"


class ExportJob(models.Model):
    """One export requested by a user: the list (`kind`) and its filters (`query`, the list
    page's query string), written in the owner's scope and language."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("list"), max_length=12, choices=ExportKind.choices)
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    message = models.TextField(_("message"), blank=True)
    # The stored file's name is random: nothing guessable under MEDIA_ROOT.
    token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    file = models.FileField(_("file"), upload_to=_export_path, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self):
        return f"{self.kind} #{self.pk} {self.status}"

    @property
    def progress(self) -> int:
        """Percent of the rows written (100 when done)."""
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, 100 * self.rows_done // self.rows_total)

    @property
    def filename(self) -> str:
        # The reader's clock (Asia/Shanghai), not the stored UTC.
        stamp = (
            timezone.localtime(self.created_at).strftime("%Y%m%d-%H%M") if self.created_at else ""
        )
        return f"{self.kind}-{stamp}.xlsx"


class MailTest(models.Model):
    """A test e-mail the go-live checklist sent to an administrator, and whether the mail
    server accepted it: the checklist's "e-mail sending tested" is the latest success."""

    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient = models.EmailField(_("recipient"))
    succeeded = models.BooleanField(_("succeeded"), default=False)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("test e-mail")
        verbose_name_plural = _("test e-mails")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d %H:%M} {self.recipient}"
