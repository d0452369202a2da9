import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from imports.kinds import KINDS
from imports.services import import_check
from imports.tables import template_xlsx


def filled(kind: str, rows: list[dict], language: str = "en") -> SimpleUploadedFile:
    """The kind's template in `language`, downloaded and filled in with `rows` (by field)."""
    spec = KINDS[kind]
    with translation.override(language):
        wb = load_workbook(io.BytesIO(template_xlsx(spec)))
    ws = wb.worksheets[0]
    for row in rows:
        ws.append([row.get(c.key, "") for c in spec.columns])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(f"{kind}.xlsx", out.getvalue())


def check(user, kind, rows, language="en"):
    with translation.override(language):
        return import_check(user=user, kind=kind, uploaded=filled(kind, rows, language))


def errors_of(job):
    return {r["row"]: [(e["column"], e["message"]) for e in r["errors"]] for r in job.rows}


def apply(user, job, capture, only_valid=True):
    from imports.services import import_apply

    with capture(execute=True):
        import_apply(user=user, job=job, only_valid=only_valid, site="portal.example")
    job.refresh_from_db()
    return job


def reimport_changes_nothing(user, kind, rows, capture):
    """The same (valid) rows again: every one already there, nothing written."""
    job = check(user, kind, rows)
    assert (job.valid, job.invalid, job.unchanged) == (0, 0, len(rows)), errors_of(job)
    job = apply(user, job, capture, only_valid=False)
    assert job.written == 0
