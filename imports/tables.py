"""Files in and out: read an uploaded xlsx or CSV into header and rows of text; write the
template of a kind in a language (its headers in that language, and a sheet of the values
the choice columns allow)."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from config.errors import DomainError
from config.exports import xlsx_row
from liaison.models import LiaisonUnit
from projects import workflow
from projects.services import CURRENCIES
from reference.models import IndustrySection, Region

from .kinds import LANGUAGES, Kind

BOLD = Font(bold=True)


def _text(value) -> str:
    """A cell as the text a person would have typed: a date as YYYY-MM-DD, 1200.0 as 1200."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        value = Decimal(repr(value))
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    text = str(value).strip()
    # A cell neutralised by an export (a leading apostrophe keeps "=…" from being a formula).
    return text[1:] if text.startswith("'") else text


def read_upload(uploaded) -> tuple[list[str], list[list[str]]]:
    """(headers, rows) of an uploaded .xlsx (its first sheet) or .csv (UTF-8, or GB18030 as
    Excel writes it on a Chinese Windows), blank rows left out. Raises DomainError on `file`."""
    name = (getattr(uploaded, "name", "") or "").lower()
    content = uploaded.read()
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("gb18030", errors="replace")
        rows = list(csv.reader(io.StringIO(text)))
    elif name.endswith(".xlsx"):
        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        except Exception as exc:
            raise DomainError(_("The file is not a readable xlsx workbook."), field="file") from exc
    else:
        raise DomainError(_("Upload an xlsx or csv file."), field="file")
    rows = [[_text(v) for v in r] for r in rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        raise DomainError(_("The file is empty."), field="file")
    if len(rows) - 1 > settings.IMPORT_MAX_ROWS:
        raise DomainError(
            _("At most %(n)s rows per file.") % {"n": settings.IMPORT_MAX_ROWS}, field="file"
        )
    return rows[0], rows[1:]


def _norm(header: str) -> str:
    return "".join(str(header).split()).lower()


def header_keys(kind: Kind) -> dict:
    """Every header a column may have — its field name, its label in either language — to
    the field, so a Chinese template filled in and an English one read alike."""
    out = {}
    for c in kind.columns:
        out[_norm(c.key)] = c.key
        for lang in LANGUAGES:
            with translation.override(lang):
                out[_norm(str(c.label))] = c.key
    return out


def template_xlsx(kind: Kind) -> bytes:
    """The kind's template in the active language: a sheet with the headers (and a second
    header row of hints), and a sheet of allowed values."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Records"))
    ws.append(xlsx_row(ws, [str(c.label) for c in kind.columns], font=BOLD))
    allowed = wb.create_sheet(_("Allowed values"))
    allowed.append(xlsx_row(allowed, [_("Column"), _("Value"), _("Meaning")], font=BOLD))
    for column, value, meaning in allowed_values(kind):
        allowed.append(xlsx_row(allowed, [column, value, meaning]))
    notes = wb.create_sheet(_("Notes"))
    notes.append(xlsx_row(notes, [_("Column"), _("Required"), _("Note")], font=BOLD))
    for c in kind.columns:
        notes.append(
            xlsx_row(notes, [str(c.label), _("yes") if c.required else "", str(c.help or "")])
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_csv(kind: Kind) -> bytes:
    """The header row as CSV (UTF-8 with a byte-order mark, which Excel needs for Chinese)."""
    out = io.StringIO()
    csv.writer(out).writerow([str(c.label) for c in kind.columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def allowed_values(kind: Kind):
    """(column label, value, meaning) for every column whose values come from a list."""
    for c in kind.columns:
        label = str(c.label)
        if c.type == "choice":
            for code, meaning in c.choices:
                yield label, code, str(meaning)
        elif c.type == "region":
            for r in Region.objects.order_by("sort_order", "code", "pk"):
                yield label, r.code or str(r), f"{r} ({r.get_kind_display()})"
        elif c.type == "industry":
            for s in IndustrySection.objects.order_by("code"):
                yield label, s.code, str(s)
        elif c.type == "unit":
            for u in LiaisonUnit.objects.filter(is_active=True).order_by("code"):
                yield label, u.code, str(u)
        elif c.type == "currency":
            for code in sorted(CURRENCIES):
                yield label, code, ""
        elif c.type == "date" and c.key.endswith("_date") and c.key[:-5] in workflow.BY_CODE:
            yield label, _("YYYY-MM-DD"), str(workflow.BY_CODE[c.key[:-5]].label)
        elif c.type == "date":
            yield label, _("YYYY-MM-DD"), ""
