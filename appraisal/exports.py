"""An appraisal's rankings as an xlsx workbook and as a PDF, in the active language. Both
write only the entries the reader may see (`selectors.rankings`)."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from config.exports import xlsx_row

from .models import SubjectKind

PDF_FONT = "STSong-Light"  # Adobe's CID font for simplified Chinese: no font file needed


def plain(value) -> str:
    """A value without trailing zeros ("3", "4.5"), or a dash."""
    if value is None:
        return "—"
    return f"{value.normalize():f}"


def _title(appraisal) -> str:
    return _("Year-end appraisal %(year)s · version %(v)s · %(status)s") % {
        "year": appraisal.year,
        "v": appraisal.version,
        "status": appraisal.get_status_display(),
    }


def _columns(entries) -> list[tuple[str, str]]:
    """(code, name) of the indicators, in order, from the entries themselves."""
    seen = {}
    for e in entries:
        for p in e.indicators.all():
            seen.setdefault(p.code, p.name)
    return list(seen.items())


SCORE_FORMAT = "#,##0.00"  # points always to two decimals, as the convention rounds them


def appraisal_xlsx(appraisal, rankings: dict, rewards: list[dict] | None = None) -> bytes:
    """One sheet per kind of subject: rank, name, score, and each indicator's value and
    score; scores always to two decimals; columns wide enough to read, headers wrapped, the
    rank and name frozen; printed landscape, one page wide. Then the introducers' rewards
    (`selectors.reward_rows`), when given."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="bottom")
    for kind, label in SubjectKind.choices:
        entries = rankings.get(kind, [])
        ws = wb.create_sheet(str(label)[:31])
        columns = _columns(entries)
        ws.column_dimensions["A"].width = 7
        ws.column_dimensions["B"].width = 34
        ws.column_dimensions["C"].width = 10
        for i in range(len(columns) * 2):
            ws.column_dimensions[get_column_letter(4 + i)].width = 14
        ws.freeze_panes = "C3"
        ws.row_dimensions[2].height = 48  # the wrapped header: up to three lines
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.append(xlsx_row(ws, [_title(appraisal)], font=Font(bold=True, size=13)))
        header = [_("Rank"), _("Appraised"), _("Score")]
        for _code, name in columns:
            header += [f"{name} · {_('value')}", f"{name} · {_('score')}"]
        ws.append(xlsx_row(ws, header, font=bold, alignment=wrap))
        # The score columns: the total, then every indicator's score (every second column).
        formats = {2: SCORE_FORMAT} | {4 + 2 * i: SCORE_FORMAT for i in range(len(columns))}
        for e in entries:
            parts = {p.code: p for p in e.indicators.all()}
            row = [e.rank, e.label, e.total]
            for code, _name in columns:
                p = parts.get(code)
                row += [p.value if p else None, p.score if p else None]
            ws.append(xlsx_row(ws, row, formats=formats))
    if rewards is not None:
        _rewards_sheet(wb, appraisal, rewards)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _rewards_sheet(wb, appraisal, rewards: list[dict]) -> None:
    """The introducers' rewards: who, the basis and its amount, the reward, how it was computed
    and the projects behind it."""
    ws = wb.create_sheet(str(_("Introducers' rewards"))[:31])
    for col, width in zip("ABCDEFGH", (7, 34, 26, 14, 14, 10, 40, 50), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "C3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.append(xlsx_row(ws, [_title(appraisal)], font=Font(bold=True, size=13)))
    header = [
        _("Rank"),
        _("Introducer"),
        _("Basis"),
        _("Basis (10k USD)"),
        _("Reward (10k CNY)"),
        _("Capped"),
        _("Computation"),
        _("Projects"),
    ]
    ws.append(xlsx_row(ws, header, font=Font(bold=True), alignment=Alignment(wrap_text=True)))
    for r in rewards:
        row = [
            r["rank"],
            r["subject"],
            r["basis"],
            r["basis_usd_10k"],
            r["amount_cny_10k"],
            _("yes") if r["capped"] else _("no"),
            "; ".join(r["steps"]),
            "; ".join(r["projects"]),
        ]
        ws.append(xlsx_row(ws, row, formats={3: SCORE_FORMAT, 4: SCORE_FORMAT}))


def pdf_text(text) -> str:
    """Text for a reportlab Paragraph in the CID font: markup characters escaped (names are
    typed by users), and the middle dot the font lacks (U+00B7, drawn as a box) as the
    full-width one it has (U+30FB)."""
    return escape(str(text)).replace("\u00b7", "\u30fb")


def appraisal_pdf(appraisal, rankings: dict) -> bytes:
    """The rankings with each entry's indicator scores, on A4 (Chinese through a CID font)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    styles = getSampleStyleSheet()
    for name in ("Title", "Heading2", "Normal"):
        styles[name].fontName = PDF_FONT
    small = styles["Normal"].clone("small", fontSize=7.5, leading=9)
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=_title(appraisal),
    )
    story = [Paragraph(pdf_text(_title(appraisal)), styles["Title"])]
    for kind, label in SubjectKind.choices:
        entries = rankings.get(kind, [])
        story += [Paragraph(pdf_text(label), styles["Heading2"])]
        if not entries:
            story += [Paragraph(_("No entries."), styles["Normal"]), Spacer(1, 4 * mm)]
            continue
        rows = [[_("Rank"), _("Appraised"), _("Score"), _("Indicators (value → score)")]]
        for e in entries:
            detail = "; ".join(
                f"{p.name}: {plain(p.value)} → {p.score}" for p in e.indicators.all()
            )
            rows.append(
                [
                    str(e.rank),
                    Paragraph(pdf_text(e.label), small),
                    str(e.total),
                    Paragraph(pdf_text(detail), small),
                ]
            )
        table = Table(rows, colWidths=[12 * mm, 42 * mm, 16 * mm, 112 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), PDF_FONT),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#A4161A")),
                    ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [table, Spacer(1, 5 * mm)]
    doc.build(story)
    return out.getvalue()
