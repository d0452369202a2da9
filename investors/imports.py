"""xlsx / csv import of investors and contacts: parse, check every row with the same services
that write them (in a savepoint that is rolled back), show a preview with an error per row,
then write on confirmation — the whole file in one transaction when every row is valid, or
only the valid rows when the user chooses so. Nothing is written before the confirmation.

Columns (first row, the field names below; order free):
- investors: name_zh_hans, name_en, country (ISO 3166-1 alpha-2 or English name), industry
  (GB/T 4754 section letter), size, website, channel, owner_region (GB/T 2260 code), notes
- contacts: investor (id, or the exact Chinese or English name), name, title, email, phone,
  languages, preferred_channel
"""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from config.errors import DomainError
from reference.countries import countries
from reference.models import IndustrySection, Region

from . import services
from .models import ImportBatch, Investor
from .names import name_key
from .selectors import can_create_investors

INVESTOR_COLUMNS = (
    "name_zh_hans", "name_en", "country", "industry", "size", "website", "channel",
    "owner_region", "notes",
)  # fmt: skip
CONTACT_COLUMNS = (
    "investor", "name", "title", "email", "phone", "languages", "preferred_channel",
)  # fmt: skip
COLUMNS = {"investors": INVESTOR_COLUMNS, "contacts": CONTACT_COLUMNS}
MAX_ROWS = 5000


class _Rollback(Exception):
    pass


def read_table(uploaded) -> list[dict]:
    """Rows of an uploaded xlsx or csv file as dicts keyed by the header row (lower-cased)."""
    name = (uploaded.name or "").lower()
    content = uploaded.read()
    if name.endswith(".csv"):
        text = content.decode("utf-8-sig", errors="replace")
        rows = list(csv.reader(io.StringIO(text)))
    elif name.endswith(".xlsx"):
        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise DomainError(_("The file is not a readable xlsx workbook."), field="file") from exc
        rows = [list(r) for r in wb.active.iter_rows(values_only=True)]
    else:
        raise DomainError(_("Upload an xlsx or csv file."), field="file")
    if not rows:
        raise DomainError(_("The file is empty."), field="file")
    header = [str(h or "").strip().lower() for h in rows[0]]
    out = []
    for r in rows[1:]:
        if not any(v not in (None, "") for v in r):
            continue
        out.append(
            {h: ("" if v is None else str(v).strip()) for h, v in zip(header, r, strict=False) if h}
        )
    if len(out) > MAX_ROWS:
        raise DomainError(_("At most %(n)s rows per file.") % {"n": MAX_ROWS}, field="file")
    return out


def _country(value: str) -> str:
    value = (value or "").strip()
    if value.upper() in countries:
        return value.upper()
    code = countries.by_name(value) if value else ""
    return code or value


def _investor_data(row: dict) -> dict:
    data = {c: row.get(c, "") for c in INVESTOR_COLUMNS}
    data["country"] = _country(data["country"])
    data["industry"] = (
        IndustrySection.objects.filter(code=data["industry"].upper()).first()
        if data["industry"]
        else None
    )
    if row.get("industry") and data["industry"] is None:
        raise DomainError(_("Unknown industry section."), field="industry")
    region = Region.objects.filter(code=data["owner_region"]).first()
    if region is None:
        raise DomainError(_("Unknown region code."), field="owner_region")
    data["owner_region"] = region
    data["channel"] = data["channel"] or "other"
    return data


def _find_investor(value: str) -> Investor:
    qs = Investor.objects.current()
    inv = qs.filter(pk=int(value)).first() if value.isdigit() else None
    inv = inv or qs.filter(name_zh_hans=value).first() or qs.filter(name_en=value).first()
    if inv is None:
        raise DomainError(_("No investor with this id or name."), field="investor")
    return inv


def _write_row(kind: str, row: dict, user):
    if kind == "investors":
        return services.investor_create(user=user, data=_investor_data(row))
    data = {c: row.get(c, "") for c in CONTACT_COLUMNS if c != "investor"}
    return services.contact_create(
        user=user, investor=_find_investor(row.get("investor", "")), data=data
    )


def _error_text(exc) -> str:
    if isinstance(exc, DomainError):
        return f"{exc.field}: {exc.message}" if exc.field else str(exc.message)
    if isinstance(exc, PermissionDenied):
        return str(exc) or _("Not allowed.")
    return str(exc)


def check_rows(kind: str, rows: list[dict], user) -> list[dict]:
    """[{line, values, error}] — each row tried through the service and rolled back."""
    seen_keys = set()
    checked = []
    for i, row in enumerate(rows, start=2):
        error = ""
        try:
            with transaction.atomic():
                _write_row(kind, row, user)
                raise _Rollback
        except _Rollback:
            pass
        except (DomainError, PermissionDenied, ValueError) as exc:
            error = _error_text(exc)
        if not error and kind == "investors":
            keys = {
                k for k in (name_key(row.get("name_zh_hans")), name_key(row.get("name_en"))) if k
            }
            if keys & seen_keys:
                error = _("The same investor appears twice in the file.")
            seen_keys |= keys
        checked.append({"line": i, "values": row, "error": error})
    return checked


@transaction.atomic
def import_upload(*, user, kind: str, uploaded) -> ImportBatch:
    """Parse and check a file; store the checked rows for the preview. Writes no investor."""
    if not can_create_investors(user):
        raise PermissionDenied(_("You may not import."))
    if kind not in COLUMNS:
        raise DomainError(_("Choose what the file holds."), field="kind")
    rows = read_table(uploaded)
    missing = [c for c in COLUMNS[kind][:2] if rows and c not in rows[0]]
    if not rows or missing:
        raise DomainError(
            _("The first row must name the columns: %(cols)s.")
            % {"cols": ", ".join(COLUMNS[kind])},
            field="file",
        )
    return ImportBatch.objects.create(
        kind=kind,
        filename=(uploaded.name or "")[:200],
        rows=check_rows(kind, rows, user),
        uploaded_by=user,
    )


@transaction.atomic
def import_apply(*, user, batch: ImportBatch, valid_only: bool = False) -> int:
    """Write the batch: every row (refused if any row has an error, unless `valid_only`),
    in one transaction — a row that fails now rolls everything back. Returns rows written."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.uploaded_by_id != user.pk:
        raise PermissionDenied(_("This import is someone else's."))
    if batch.applied_at is not None:
        raise DomainError(_("This file was already imported."))
    rows = batch.rows
    if any(r["error"] for r in rows) and not valid_only:
        raise DomainError(_("Some rows have errors: fix the file or import only the valid rows."))
    written = 0
    for r in rows:
        if r["error"]:
            continue
        _write_row(batch.kind, r["values"], user)
        written += 1
    batch.applied_at = timezone.now()
    batch.imported = written
    batch.save(update_fields=["applied_at", "imported"])
    return written
