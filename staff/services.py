"""Background exports: request one, run it (the Celery task), purge old ones."""

import datetime as dt
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.errors import DomainError
from config.replica import reading_replica
from outbox.services import enqueue

from .exports import EXPORTERS
from .models import ExportJob, ExportKind, ExportStatus, MailTest

log = logging.getLogger(__name__)
ACTIVE = (ExportStatus.QUEUED, ExportStatus.RUNNING)


def export_job_create(*, user, kind: str, query: str = "", language: str | None = None):
    """Queue an export of the list `kind` with the list page's filters `query` (its query
    string), in the user's scope and `language`. Refused: an unknown list, filters the list
    page would refuse, or more than EXPORT_MAX_ACTIVE exports of the user still running."""
    if kind not in ExportKind.values:
        raise DomainError(_("Choose the projects or the investors."), field="kind")
    query = (query or "").lstrip("?")
    if len(query) > ExportJob._meta.get_field("query").max_length:
        raise DomainError(_("These filters are too long."), field="query")
    f, _qs = EXPORTERS[kind].filtered(user, query)
    if f.is_bound and not f.is_valid():
        raise DomainError(_("Invalid filter."), field="query")
    active = ExportJob.objects.filter(owner=user, status__in=ACTIVE).count()
    if active >= settings.EXPORT_MAX_ACTIVE:
        raise DomainError(
            _("You already have %(n)d exports under way; wait for one to finish.") % {"n": active},
            field="kind",
        )
    job = ExportJob.objects.create(
        owner=user,
        kind=kind,
        query=query,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    from .tasks import run_export

    enqueue(run_export, job_id=job.pk)
    return job


def export_job_run(job_id: int) -> str:
    """Write the export: count the rows, write them to a temporary file (progress stored every
    few thousand rows), keep the file under MEDIA_ROOT/exports/ with a random name. Run again
    (a redelivered task) it rewrites the same job; a finished job is left as it is."""
    job = ExportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is None:
        return "gone"
    if job.status == ExportStatus.DONE:
        return "already done"
    if not job.owner.is_active:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, message="owner inactive", finished_at=timezone.now()
        )
        return "owner inactive"
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, rows_done=0)
    exporter = EXPORTERS[job.kind]
    try:
        with translation.override(job.language):
            # The rows are read from the replica when there is one (config/replica.py); the
            # job's progress is written to `default`.
            with reading_replica():
                _f, qs = exporter.filtered(job.owner, job.query)
                total = qs.count()
            ExportJob.objects.filter(pk=job.pk).update(rows_total=total)

            def progress(n):
                ExportJob.objects.filter(pk=job.pk).update(rows_done=n)

            with tempfile.TemporaryFile(suffix=".xlsx") as tmp, reading_replica():
                exporter.write(qs, tmp, progress)
                tmp.seek(0)
                if job.file:
                    job.file.delete(save=False)
                job.file.save(f"{job.token.hex}.xlsx", File(tmp), save=False)
    except Exception as exc:
        log.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED, message=str(exc)[:500], finished_at=timezone.now()
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        file=job.file.name,
        status=ExportStatus.DONE,
        rows_done=total,
        message="",
        finished_at=timezone.now(),
    )
    return f"{total} rows"


def export_jobs_purge(now: dt.datetime | None = None) -> int:
    """Delete exports (and their files) older than EXPORT_KEEP_HOURS. Returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(hours=settings.EXPORT_KEEP_HOURS)
    n = 0
    for job in ExportJob.objects.filter(created_at__lt=cutoff):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        n += 1
    return n


@transaction.atomic
def mail_test_send(*, user) -> MailTest:
    """Send a test e-mail to the acting administrator and record whether the mail server
    accepted it (the go-live checklist). Refuses a user without an e-mail address; a failure
    to send is recorded, not raised."""
    from django.core.exceptions import PermissionDenied
    from django.core.mail import send_mail

    if not user.is_admin_role:
        raise PermissionDenied
    if not user.email:
        raise DomainError(_("Your account has no e-mail address to send the test to."))
    test = MailTest(sent_by=user, recipient=user.email)
    try:
        send_mail(
            _("Test e-mail from the investment promotion portal"),
            _("The portal can send e-mail. This message was sent from the go-live checklist."),
            None,
            [user.email],
        )
        test.succeeded = True
    except Exception as exc:  # the mail server's refusal, whatever its kind, is the answer
        test.error = str(exc)[:2000]
    test.save()
    return test
