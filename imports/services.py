"""Imports: check a file (the dry run: nothing is written), then apply it in the background.

Every row is read cell by cell (a date, a number within its column's bounds, a region or an
industry from the reference lists …), then against the rules across its cells (stage dates in
order, the stage gates of projects/workflow.py), then against the other rows (the same key twice
is an error) and the database (a key already there: the row is left as it is — so the same file
imported twice changes nothing). Then the services' own refusals, writing nothing: the project
rows the batch writes are checked by projects.services.project_create_batch(write=False), in a
file of any size; the rows written one by one (projects reaching groundbreaking, the other
kinds) are written through the services inside a savepoint that is rolled back when there are at
most IMPORT_TRIAL_ROWS of them — above that, they get those refusals at the apply, on their rows
(the job's `services_checked` is false and the page says so).

The apply writes the project rows up to approval a batch at a time (project_create_batch: the
same checks, moves and history as the services one by one), and every other row in its own
savepoint through the owning app's service, as the job's owner; it marks what it wrote: an
`ImportedRecord` (job → who and which file, row, key) and, on the records that keep history,
the change reason "import #id: file".
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.errors import DomainError
from outbox.services import enqueue

from .kinds import (
    KINDS,
    PROJECT,
    CellError,
    Kind,
    Lookups,
    file_keys,
    project_batch_row,
    read_cell,
    row_exists,
    row_key,
    row_rules,
    write_row,
)
from .models import ImportedRecord, ImportJob, ImportKind, ImportStatus
from .selectors import can_import, can_import_kind
from .tables import _norm, header_keys, read_upload

log = logging.getLogger(__name__)

# A service's field that is not a column of the file, to the column it comes from.
FIELD_ALIASES = {
    "introducer_user": "introducer",
    "introducer_agent": "introducer",
    "introducer_enterprise": "introducer",
    "to": "liaison_unit",
    "owner_region": "owner_region",
    "start_date": "start_date",
}
PROGRESS_EVERY = 100
# Project rows are written a batch at a time (projects.services.project_create_batch): one
# transaction, a few statements and one progress update per BATCH_ROWS rows.
BATCH_ROWS = 500


class _Rollback(Exception):
    pass


def _error(kind: Kind, field: str | None, message) -> dict:
    """One error of a row, its column named in the active language."""
    field = FIELD_ALIASES.get(field, field)
    if field not in kind.by_key and field == "person" and "liaison_person" in kind.by_key:
        field = "liaison_person"
    column = kind.by_key.get(field)
    return {
        "field": field if column else "",
        "column": str(column.label) if column else "",
        "message": str(message),
    }


def _read_row(kind: Kind, raw: dict, lookups: Lookups) -> tuple[dict, list[dict]]:
    values, errors = {}, []
    for c in kind.columns:
        try:
            values[c.key] = read_cell(c, raw.get(c.key, ""), lookups)
        except CellError as exc:
            values[c.key] = None
            errors.append(_error(kind, c.key, exc.message))
    if not errors:
        errors = [_error(kind, f, m) for f, m in row_rules(kind, values)]
    return values, errors


def _refusal(kind: Kind, exc) -> dict:
    if isinstance(exc, DomainError):
        return _error(kind, exc.field, exc.message)
    return _error(kind, None, str(exc) or _("Not allowed."))


def _trial(kind: Kind, values: dict, *, user, lookups) -> list[dict]:
    """Write the row through the services and roll it back: the services' refusals."""
    try:
        with transaction.atomic():
            write_row(kind, values, user=user, reason="", lookups=lookups, invite=None)
            raise _Rollback
    except _Rollback:
        return []
    except (DomainError, PermissionDenied) as exc:
        return [_refusal(kind, exc)]


@transaction.atomic
def import_check(*, user, kind: str, uploaded, language: str | None = None) -> ImportJob:
    """The dry run: read and check every row of `uploaded` as `kind`; store the result as a
    job (status "checked") for the page and the API. Writes no record. Raises PermissionDenied
    for a role that may not import, DomainError on `kind` or `file`."""
    if not can_import(user):
        raise PermissionDenied(_("Only bureau staff or an administrator import records."))
    spec = KINDS.get(kind)
    if spec is None:
        raise DomainError(_("Choose what the file holds."), field="kind")
    if not can_import_kind(user, kind):
        raise DomainError(_("Only an administrator imports staff users."), field="kind")
    if not uploaded:
        raise DomainError(_("Choose a file."), field="file")
    headers, data = read_upload(uploaded)
    by_header = header_keys(spec)
    keys = [by_header.get(_norm(h)) for h in headers]
    missing = [str(c.label) for c in spec.columns if c.required and c.key not in keys]
    if missing:
        raise DomainError(
            _("The first row must name the columns; missing: %(cols)s.")
            % {"cols": ", ".join(missing)},
            field="file",
        )
    lookups = Lookups()
    trial = len(data) <= settings.IMPORT_TRIAL_ROWS
    seen: dict[str, int] = {}
    rows = []
    projects = []  # (row, values) of the new project rows, checked together below
    for n, cells in enumerate(data, start=2):
        raw = {k: v for k, v in zip(keys, cells, strict=False) if k}
        values, errors = _read_row(spec, raw, lookups)
        state = "invalid" if errors else "new"
        if not errors:
            key = row_key(spec, values)
            first = next((seen[k] for k in file_keys(spec, values, key) if k in seen), None)
            if first is not None:
                key_column = spec.columns[0].key
                errors.append(
                    _error(spec, key_column, _("The same record is in row %(n)d.") % {"n": first})
                )
                state = "invalid"
            else:
                seen.update(dict.fromkeys(file_keys(spec, values, key), n))
                if row_exists(spec, values, key, lookups):
                    state = "exists"
                elif spec is PROJECT:
                    projects.append((n - 2, values))
                elif trial:
                    errors = _trial(spec, values, user=user, lookups=lookups)
                    state = "invalid" if errors else "new"
        rows.append({"row": n, "values": raw, "errors": errors, "state": state})
    services_checked = trial
    if projects:
        services_checked = _check_projects(rows, projects, user=user, lookups=lookups)
    return ImportJob.objects.create(
        owner=user,
        kind=kind,
        filename=(getattr(uploaded, "name", "") or "")[:200],
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        rows=rows,
        valid=sum(r["state"] == "new" for r in rows),
        invalid=sum(r["state"] == "invalid" for r in rows),
        unchanged=sum(r["state"] == "exists" for r in rows),
        services_checked=services_checked,
    )


def _check_projects(rows: list[dict], projects: list[tuple], *, user, lookups) -> bool:
    """The services' checks of the new project rows of a file of any size, writing nothing:
    the rows the batch writes are checked by projects.services.project_create_batch with
    `write=False` (the same checks, in memory); those reaching groundbreaking (written one by
    one, their liaison assignment first) are tried through the services in a rolled-back
    savepoint when there are at most IMPORT_TRIAL_ROWS of them. Sets the rows' errors and
    states; returns whether every row was checked."""
    from projects.services import project_create_batch

    batch, batched, one_by_one = [], [], []
    for i, values in projects:
        try:
            batch_row = project_batch_row(values, lookups)
        except DomainError as exc:
            rows[i]["errors"] = [_refusal(PROJECT, exc)]
            continue
        if batch_row is None:
            one_by_one.append((i, values))
        else:
            batch.append(batch_row)
            batched.append(i)
    results = project_create_batch(user=user, rows=batch, reason="", write=False)
    for i, result in zip(batched, results, strict=True):
        if isinstance(result, Exception):
            rows[i]["errors"] = [_refusal(PROJECT, result)]
    checked = len(one_by_one) <= settings.IMPORT_TRIAL_ROWS
    if checked:
        for i, values in one_by_one:
            rows[i]["errors"] = _trial(PROJECT, values, user=user, lookups=lookups)
    for i, _values in projects:
        rows[i]["state"] = "invalid" if rows[i]["errors"] else "new"
    return checked


@transaction.atomic
def import_apply(
    *, user, job: ImportJob, only_valid: bool = False, site: str = "", use_https: bool = True
) -> ImportJob:
    """Queue the writing of a checked job (its owner only): every row when none has an error,
    else only the valid ones when `only_valid`. The rows already there are left as they are.
    `site` is where the invitations of imported staff link to."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.owner_id != user.pk:
        raise PermissionDenied(_("This import is someone else's."))
    if job.status != ImportStatus.CHECKED:
        raise DomainError(_("This file has already been imported."), field="only_valid")
    if job.invalid and not only_valid:
        raise DomainError(
            _("Some rows have errors: correct the file, or import only the valid rows."),
            field="only_valid",
        )
    job.status = ImportStatus.QUEUED
    job.only_valid = only_valid
    job.rows_total = job.valid
    job.applied_at = timezone.now()
    job.site = site[:200]
    job.use_https = use_https
    job.save(
        update_fields=[
            "status", "only_valid", "rows_total", "applied_at", "site", "use_https",
        ]
    )  # fmt: skip
    from .tasks import run_import

    enqueue(run_import, job_id=job.pk)
    return job


def _mark(job: ImportJob, key: str, row: int, records: list) -> None:
    """Record what the row wrote: the key (so a re-import finds it), and the reason on the
    history rows the services left without one."""
    record = ImportedRecord(job=job, kind=job.kind, key=key[:300], object_id=records[0].pk, row=row)
    if job.kind == ImportKind.PROJECTS:
        # The code is the only key of a project: a second import writing it at the same moment
        # fails here (the unique key) and its row is left as "exists".
        record.save()
        _mark_history(job, records)
        return
    # A natural key (the record itself is looked for first): one statement, INSERT … ON
    # CONFLICT UPDATE, so a key whose record was deleted by hand points to the new record.
    ImportedRecord.objects.bulk_create(
        [record],
        update_conflicts=True,
        unique_fields=["kind", "key"],
        update_fields=["job", "object_id", "row"],
    )
    _mark_history(job, records)


def _mark_history(job: ImportJob, records: list) -> None:
    for record in records:
        history = getattr(record, "history", None)
        if history is not None:
            history.filter(
                Q(history_change_reason__isnull=True) | Q(history_change_reason="")
            ).update(history_change_reason=job.reason)


def import_run(job_id: int) -> str:
    """Write the job's new rows (the Celery task's body), each in its own savepoint within a
    transaction per PROGRESS_EVERY rows, as the job's owner and in the job's language; store
    the progress with each of those transactions.
    Idempotent: a rerun skips the rows written (their keys are there now)."""
    job = ImportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is None:
        return "gone"
    if job.status in (ImportStatus.DONE, ImportStatus.CHECKED):
        return f"nothing to do ({job.status})"
    spec = KINDS[job.kind]
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    invite = {
        "language": job.language,
        "domain": job.site or settings.IMPORT_INVITE_DOMAIN,
        "use_https": job.use_https,
    }
    lookups = Lookups()
    rows = job.rows
    done = written = failed = 0
    todo = [row for row in rows if row["state"] == "new"]
    chunk = BATCH_ROWS if spec is PROJECT else PROGRESS_EVERY
    try:
        with translation.override(job.language):
            # A transaction per chunk (projects: written as a batch; the other kinds: each row
            # in its own savepoint): one commit per chunk, not per row; the progress is stored
            # with each chunk.
            for start in range(0, len(todo), chunk):
                with transaction.atomic():
                    part = todo[start : start + chunk]
                    if spec is PROJECT:
                        _apply_projects(job, part, lookups, invite)
                    else:
                        for row in part:
                            row["state"], row["errors"] = _apply_row(
                                job, spec, row, lookups, invite
                            )
                    for row in part:
                        written += row["state"] == "written"
                        failed += row["state"] == "failed"
                        done += 1
                    ImportJob.objects.filter(pk=job.pk).update(
                        rows_done=done, written=written, failed=failed
                    )
    except Exception as exc:
        log.exception("import %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, message=str(exc)[:2000]
        )
        raise
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        rows=rows,
        rows_done=done,
        written=written,
        failed=failed,
        finished_at=timezone.now(),
    )
    return f"{written} written, {failed} failed"


def _apply_row(job, spec, row, lookups, invite) -> tuple[str, list]:
    try:
        with transaction.atomic():
            values, errors = _read_row(spec, row["values"], lookups)
            if errors:
                return "failed", errors
            key = row_key(spec, values)
            if row_exists(spec, values, key, lookups):
                return "exists", []
            records = write_row(
                spec, values, user=job.owner, reason=job.reason, lookups=lookups, invite=invite
            )
            _mark(job, key, row["row"], records)
    except (DomainError, PermissionDenied) as exc:
        return "failed", [_refusal(spec, exc)]
    except IntegrityError:
        # Another import wrote the same project code meanwhile (the register's unique key).
        return "exists", []
    return "written", []


def _apply_projects(job, part: list[dict], lookups, invite) -> None:
    """Write a chunk of project rows: those up to approval as one batch
    (projects.services.project_create_batch, the same checks as the services one by one),
    those reaching groundbreaking one by one (_apply_row); set each row's state and errors.
    When another import wrote one of the codes meanwhile (the register's unique key), the
    chunk is written again row by row, each finding its key."""
    try:
        with transaction.atomic():
            _apply_project_batch(job, part, lookups, invite)
    except IntegrityError:
        for row in part:
            row["state"], row["errors"] = _apply_row(job, PROJECT, row, lookups, invite)


def _apply_project_batch(job, part: list[dict], lookups, invite) -> None:
    from projects.services import project_create_batch

    batch, where = [], []
    for row in part:
        values, errors = _read_row(PROJECT, row["values"], lookups)
        if errors:
            row["state"], row["errors"] = "failed", errors
            continue
        key = row_key(PROJECT, values)
        if row_exists(PROJECT, values, key, lookups):
            row["state"], row["errors"] = "exists", []
            continue
        try:
            batch_row = project_batch_row(values, lookups)
        except DomainError as exc:
            row["state"], row["errors"] = "failed", [_refusal(PROJECT, exc)]
            continue
        if batch_row is None:
            row["state"], row["errors"] = _apply_row(job, PROJECT, row, lookups, invite)
            continue
        batch.append(batch_row)
        where.append((row, key))
    results = project_create_batch(user=job.owner, rows=batch, reason=job.reason)
    records = []
    for (row, key), result in zip(where, results, strict=True):
        if isinstance(result, Exception):
            row["state"], row["errors"] = "failed", [_refusal(PROJECT, result)]
            continue
        row["state"], row["errors"] = "written", []
        records.append(
            ImportedRecord(
                job=job, kind=job.kind, key=key[:300], object_id=result.pk, row=row["row"]
            )
        )
    ImportedRecord.objects.bulk_create(records)
