"""Spreadsheet imports: one job per uploaded file (its checked rows, the dry run), applied in
the background with its progress; and the register of what each import wrote, by key, so that
the same file imported again changes nothing and every imported record says where it came
from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    PROJECTS = "projects", _("Projects")
    ARRIVALS = "arrivals", _("Capital arrivals")
    TARGETS = "targets", _("Targets")
    ASSIGNMENTS = "assignments", _("Liaison assignments")
    VISITS = "visits", _("Service visits")
    INVESTORS = "investors", _("Investors")
    CONTACTS = "contacts", _("Contacts")
    USERS = "users", _("Staff users")


class ImportStatus(models.TextChoices):
    CHECKED = "checked", _("Checked (dry run)")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One uploaded file of one kind. `rows` holds every data row as checked by the dry run:
    `{"row": n, "values": {...}, "errors": [{"field", "column", "message"}], "state"}` with
    state "new" (would be written), "exists" (its key is already there: left as it is) or
    "invalid"; after the apply, "written" or "failed" (an error the services raised)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ImportKind.choices)
    filename = models.CharField(_("file"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKED
    )
    rows = models.JSONField(_("rows"), default=list)
    valid = models.PositiveIntegerField(_("valid rows"), default=0)
    invalid = models.PositiveIntegerField(_("rows with errors"), default=0)
    unchanged = models.PositiveIntegerField(_("rows already imported"), default=0)
    # Whether the dry run made the services' own checks on every new row (a file of more than
    # IMPORT_TRIAL_ROWS rows written one by one gets them at the apply; the page says so).
    services_checked = models.BooleanField(_("checked by the services"), default=True)
    only_valid = models.BooleanField(_("only the valid rows"), default=False)
    rows_total = models.PositiveIntegerField(_("rows to write"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    written = models.PositiveIntegerField(_("records written"), default=0)
    failed = models.PositiveIntegerField(_("rows failed"), default=0)
    message = models.TextField(_("message"), blank=True)
    # Where the invitations of imported staff users link to (the site the import was
    # applied on).
    site = models.CharField(_("site"), max_length=200, blank=True)
    use_https = models.BooleanField(_("HTTPS"), default=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self):
        return f"{self.kind} #{self.pk} {self.filename}"

    @property
    def progress(self) -> int:
        """Percent of the rows to write that are done (100 when done)."""
        if self.status == ImportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, 100 * self.rows_done // self.rows_total)

    @property
    def reason(self) -> str:
        """The change reason written on every record this import creates (not translated: it
        is stored, and names the file and the job)."""
        return f"import #{self.pk}: {self.filename}"[:100]


class ImportedRecord(models.Model):
    """A record an import wrote: which job (so who and which file), which row, and the kind's
    key (a project's code in the bureau's spreadsheets, a user's username …). The key is
    unique per kind: a second import of the same key finds it here and writes nothing."""

    job = models.ForeignKey(
        ImportJob, verbose_name=_("import"), on_delete=models.PROTECT, related_name="records"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ImportKind.choices)
    key = models.CharField(_("key"), max_length=300)
    object_id = models.PositiveBigIntegerField(_("record"))
    row = models.PositiveIntegerField(_("row"))
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="one_import_per_kind_and_key")
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.kind} {self.key} → {self.object_id}"
