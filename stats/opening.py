"""The opening figures' spreadsheet: a template in the page's language and its import.

Columns (the header row in Chinese or English, either is read): year, month, region (GB/T 2260
code or name of a district, county, county-level city or zone; empty for the whole city), the
four metrics for the month and the year to date, source. An import is checked whole first:
with any row in error nothing is written and every error is listed with its row and column;
`dry_run` checks without writing. Importing the same file again changes nothing (a month and
scope is one row; the same values are written again)."""

import io
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook

from config.errors import DomainError
from config.exports import xlsx_row
from investors.imports import read_table
from reference.models import Region, RegionKind

from . import services
from .exports import metric_label
from .models import OPENING_METRICS as METRICS

MAX_ROWS = 5000


def columns() -> list[tuple[str, str]]:
    """(field, header in the active language) in the template's order."""
    cols = [("year", _("Year")), ("month", _("Month")), ("region", _("Region"))]
    for m in METRICS:
        cols.append((f"{m}_month", _("%(metric)s, month") % {"metric": metric_label(m)}))
        cols.append((f"{m}_ytd", _("%(metric)s, year to date") % {"metric": metric_label(m)}))
    cols.append(("source", _("Source")))
    return cols


def _header_map() -> dict[str, str]:
    """Header text (either language, or the field name) → field."""
    from django.utils import translation

    result = {}
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            result |= {h.strip().lower(): f for f, h in columns()}
    result |= {f: f for f, _h in columns()}
    return result


def template_xlsx() -> bytes:
    """The import template in the active language: the header row and one example row."""
    wb = Workbook()
    ws = wb.active
    ws.title = str(_("Opening figures"))[:31]
    ws.append(xlsx_row(ws, [h for _f, h in columns()]))
    ws.append(xlsx_row(ws, [2025, 1, "", 3, 3, "12000", "12000", "800", "800", "500", "500", ""]))
    help_ws = wb.create_sheet(str(_("Regions"))[:31])
    help_ws.append(xlsx_row(help_ws, [_("Code"), _("Name")]))
    for r in Region.objects.exclude(kind=RegionKind.CITY).order_by("sort_order", "code"):
        help_ws.append(xlsx_row(help_ws, [r.code, r.name_zh_hans, r.name_en]))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _region(value: str):
    if not value:
        return None
    region = Region.objects.filter(
        Q(code=value) | Q(name_zh_hans=value) | Q(name_en__iexact=value)
    ).first()
    if region is None:
        raise DomainError(_("No region has this code or name."), field="region")
    return None if region.kind == RegionKind.CITY else region


def _number(value, field: str, *, whole: bool) -> Decimal | int:
    text = str(value if value is not None else "").strip().replace(",", "")
    if text == "":
        return 0
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise DomainError(_("Enter a number."), field=field) from exc
    if whole:
        if number != number.to_integral_value():
            raise DomainError(_("Enter a whole number."), field=field)
        return int(number)
    return number.quantize(Decimal("0.01"))


def _parse(row: dict) -> dict:
    year = _number(row.get("year"), "year", whole=True)
    month = _number(row.get("month"), "month", whole=True)
    values = {
        f: _number(row.get(f), f, whole=f.startswith("new_fie_count"))
        for f, _h in columns()
        if f not in ("year", "month", "region", "source")
    }
    return {
        "year": year,
        "month": month,
        "region": _region(str(row.get("region") or "").strip()),
        "values": values,
        "source": str(row.get("source") or "").strip(),
    }


def opening_import(*, user, uploaded, dry_run: bool = False) -> dict:
    """Check every row of an uploaded xlsx or csv file and, when all are valid and not
    `dry_run`, write them (one transaction). Returns {"valid": n, "invalid": n, "written": n,
    "rows": [{"row": 2, "errors": [{"column": header, "message": text}]}]} — the rows in
    error only. Raises DomainError(field="file") for an unreadable or empty file."""
    services._require_bureau(user)
    raw = read_table(uploaded)
    if not raw:
        raise DomainError(_("The file has no rows under its header."), field="file")
    if len(raw) > MAX_ROWS:
        raise DomainError(_("At most %(n)s rows in one file.") % {"n": MAX_ROWS}, field="file")
    headers = _header_map()
    label = dict(columns())
    errors, parsed, seen = [], [], set()
    for number, row in enumerate(raw, start=2):
        row = {headers.get(str(k).strip().lower(), str(k)): v for k, v in row.items()}
        try:
            data = _parse(row)
            services._opening_check(data["year"], data["month"], data["region"], data["values"])
            key = (data["year"], data["month"], data["region"] and data["region"].pk)
            if key in seen:
                raise DomainError(_("This month and region are in the file twice."), field="month")
            seen.add(key)
            parsed.append(data)
        except DomainError as exc:
            column = str(label.get(exc.field, exc.field or ""))
            errors.append({"row": number, "errors": [{"column": column, "message": str(exc)}]})
    written = 0
    if not errors and not dry_run:
        with transaction.atomic():
            for data in parsed:
                services.opening_figure_save(user=user, **data)
                written += 1
    return {"valid": len(parsed), "invalid": len(errors), "written": written, "rows": errors}
