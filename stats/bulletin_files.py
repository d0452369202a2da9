"""The bulletin as files: a PDF laid out as an official document (config/pdf.py: A4 upright,
the title, the body with its first lines indented, the issuer and the date signed at the foot,
fonts embedded) and an xlsx (the text on one sheet, the figures it cites on another, as
numbers). Both in one language, the bulletin's own; stale reference figures are left out of
both as they are of the text (stats/bulletin.py)."""

from io import BytesIO

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from config.exports import xlsx_row
from config.numbers import XLSX_PCT

from .bulletin import Bulletin, build_bulletin
from .exports import metric_label
from .models import ReferenceScope, ScopeType, StatsSnapshot
from .selectors import city_figure

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
BODY_SIZE = 12


def filename(snapshot: StatsSnapshot, lang: str, fmt: str) -> str:
    return f"bulletin-{snapshot.period}-v{snapshot.version}-{lang}.{fmt}"


def _meta(bulletin: Bulletin) -> str:
    return str(_("Draft: not published")) if bulletin.draft else ""


def bulletin_pdf(snapshot: StatsSnapshot, lang: str) -> bytes:
    """The bulletin printed: title, body (二字 first-line indent, justified), notes, and the
    issuer and date right-aligned at the foot; a draft says so under the title."""
    from config.pdf import Report

    lang = "en" if lang == "en" else "zh-hans"
    bulletin = build_bulletin(snapshot, lang)
    with translation.override(lang):
        report = Report(
            title=bulletin.title,
            issuer=bulletin.issuer,
            meta=_meta(bulletin),
            portrait=True,
            issuer_under_title=False,
        )
        report.space(6)
        for text in bulletin.paragraphs:
            report.paragraph(text, size=BODY_SIZE, align="justify", indent=2 * BODY_SIZE)
        if bulletin.notes:
            report.space(4)
        for text in bulletin.notes:
            report.paragraph(text, size=10, align="justify", indent=2 * BODY_SIZE)
        report.space(18)
        report.signature(bulletin.issuer, bulletin.date_text)
        return report.build()


def _figures_rows(snapshot: StatsSnapshot, bulletin: Bulletin) -> list[list]:
    """Per indicator: the city's year-to-date value and growth, then the province's and the
    nation's of the same period (blank where the bulletin leaves them out)."""
    city = city_figure(snapshot)
    refs = {ref.scope: ref for ref in bulletin.references}
    rows = []
    for metric, ref_value, ref_growth in (
        ("new_fie_count", "new_fie_count", "new_fie_count_yoy_pct"),
        ("total_investment_cny_10k", None, None),
        ("contracted_fdi_usd_10k", "contracted_fdi_usd_10k", "contracted_fdi_yoy_pct"),
        ("utilized_fdi_usd_10k", "utilized_fdi_usd_10k", "utilized_fdi_yoy_pct"),
    ):
        row = [metric_label(metric)]
        row += [city.value(metric, "ytd"), city.yoy_pct(metric)] if city else [None, None]
        for scope in (ReferenceScope.PROVINCE, ReferenceScope.NATION):
            ref = refs.get(scope)
            if ref is None or ref_value is None:
                row += [None, None]
            else:
                row += [getattr(ref, ref_value), getattr(ref, ref_growth)]
        rows.append(row)
    return rows


def bulletin_xlsx(snapshot: StatsSnapshot, lang: str) -> bytes:
    """Two sheets: the bulletin's text (title, paragraphs, notes, issuer, date, one a row) and
    the figures it cites (real numbers with number formats, growth in %)."""
    lang = "en" if lang == "en" else "zh-hans"
    bulletin = build_bulletin(snapshot, lang)
    with translation.override(lang):
        book = Workbook()
        ws = book.active
        ws.title = str(_("Bulletin"))[:31]
        wrap = Alignment(wrap_text=True, vertical="top")
        ws.append(xlsx_row(ws, [bulletin.title], font=Font(bold=True, size=14)))
        if bulletin.draft:
            ws.append(xlsx_row(ws, [_meta(bulletin)]))
        ws.append([])
        for text in bulletin.paragraphs + bulletin.notes:
            ws.append(xlsx_row(ws, [text], alignment=wrap))
        ws.append([])
        right = Alignment(horizontal="right")
        ws.append(xlsx_row(ws, [bulletin.issuer], alignment=right))
        ws.append(xlsx_row(ws, [bulletin.date_text], alignment=right))
        ws.column_dimensions["A"].width = 100

        data = book.create_sheet(str(_("Figures"))[:31])
        data.append(xlsx_row(data, [bulletin.title], font=Font(bold=True, size=13)))
        growth = _("Growth (%)")
        header = [
            _("Indicator"),
            ScopeType.CITY.label,
            growth,
            ReferenceScope.PROVINCE.label,
            growth,
            ReferenceScope.NATION.label,
            growth,
        ]
        data.append(xlsx_row(data, [str(h) for h in header], font=Font(bold=True)))
        pct = {2: XLSX_PCT, 4: XLSX_PCT, 6: XLSX_PCT}
        for row in _figures_rows(snapshot, bulletin):
            data.append(xlsx_row(data, row, formats=pct))
        for col, width in zip(range(1, 8), (40, 14, 12, 14, 12, 14, 12), strict=True):
            data.column_dimensions[get_column_letter(col)].width = width
        data.freeze_panes = "B3"
        out = BytesIO()
        book.save(out)
        return out.getvalue()


def download(snapshot: StatsSnapshot, lang: str, fmt: str) -> HttpResponse:
    """The bulletin as a file to download: `fmt` "pdf" or "xlsx", in `lang`."""
    if fmt == "pdf":
        body, content_type = bulletin_pdf(snapshot, lang), PDF
    else:
        body, content_type = bulletin_xlsx(snapshot, lang), XLSX
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(snapshot, lang, fmt)}"'
    return response
