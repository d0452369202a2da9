"""Printed reports for every PDF export: A4 landscape, fonts embedded, an official layout.

- Fonts: a CJK face with TrueType outlines (WenQuanYi Micro Hei from Debian's
  fonts-wqy-microhei by default) and a Latin face (Liberation Sans from fonts-liberation), both
  embedded as subsets, so the file prints the same on any machine. reportlab embeds only
  TrueType-outline fonts: Noto Sans CJK (CFF outlines) will not do. The paths are settings
  (`PDF_FONT_CJK`, `PDF_FONT_LATIN`, `PDF_FONT_LATIN_BOLD`).
- Text is split into runs: what the Latin face can draw (letters with accents, digits, the
  middle dot) in it, everything else (Chinese, full-width punctuation) in the CJK face, so
  "Anna Müller" reads as Latin type inside a Chinese table.
- Text is text: every value is escaped before it becomes reportlab markup (a name with `<`
  or `&` prints as typed).
- A `Report` is a title block, numbered sections each with a table (headers repeated on every
  page it runs over), free paragraphs, and page numbers "Page 1 of 3" on every page.

    report = Report(title=…, issuer=…, meta=…)
    report.table(_("Introducers to be rewarded"), [Column(_("Name")), …], rows)
    body = report.build()
"""

from dataclasses import dataclass
from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import get_language
from django.utils.translation import gettext as _

CJK = "PortalCJK"
LATIN = "PortalLatin"
LATIN_BOLD = "PortalLatin-Bold"
INK = "#1a1a1a"
MUTED = "#555555"
RULE = "#8c8c8c"
HEADER_FILL = "#e8e8e8"
# Chinese section numbers (一、二、…); past ten the Arabic number is as clear.
CHINESE_NUMERALS = "一二三四五六七八九十"


@cache
def _latin_chars() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return frozenset(pdfmetrics.getFont(LATIN).face.charToGlyph)


@cache
def register_fonts() -> None:
    """Register the CJK and the Latin faces with reportlab (once per process). Raises
    ImproperlyConfigured naming the missing file and the Debian package that ships it."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    fonts = (
        (CJK, settings.PDF_FONT_CJK, "fonts-wqy-microhei"),
        (LATIN, settings.PDF_FONT_LATIN, "fonts-liberation"),
        (LATIN_BOLD, settings.PDF_FONT_LATIN_BOLD, "fonts-liberation"),
    )
    for name, path, package in fonts:
        try:
            # A collection (.ttc) is read at its first face.
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
        except (OSError, TTFError) as exc:
            raise ImproperlyConfigured(
                f"PDF font {path!r} cannot be read ({exc}); install Debian's {package} or "
                f"point the setting at a TrueType-outline font."
            ) from exc
    # The CJK face has no bold: bold Chinese stays regular (headers are set apart by their
    # fill), bold Latin uses the Latin bold.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)
            addMapping(LATIN, bold, italic, LATIN_BOLD if bold else LATIN)
            addMapping(LATIN_BOLD, bold, italic, LATIN_BOLD)


def runs(text: str) -> list[tuple[str, str]]:
    """(font, text) runs: what the Latin face has goes in it, the rest in the CJK face."""
    latin = _latin_chars()
    out: list[tuple[str, str]] = []
    for ch in text:
        font = LATIN if (ord(ch) in latin or ch in "\n") else CJK
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def markup(text, *, bold: bool = False) -> str:
    """reportlab Paragraph markup for plain text: escaped (it is text, never markup), each run
    in its face, line breaks kept. Bold is Latin bold, for text without Chinese only: the
    CJK face has no bold, and bold digits inside regular Chinese would look uneven."""
    parts = runs(str(text))
    bold = bold and all(font == LATIN for font, _chunk in parts)
    out = []
    for font, chunk in parts:
        face = LATIN_BOLD if bold else font
        out.append(f'<font face="{face}">{escape(chunk)}</font>')
    return "".join(out).replace("\n", "<br/>")


def chinese() -> bool:
    return (get_language() or "").startswith("zh")


def section_number(n: int) -> str:
    """一、 in Chinese, "1." in English."""
    if chinese() and n <= len(CHINESE_NUMERALS):
        return CHINESE_NUMERALS[n - 1] + "、"
    return f"{n}. "


@dataclass
class Column:
    """A table column: its header, width in points (None: a share of what is left) and
    whether it holds numbers (right-aligned)."""

    header: str
    width: float | None = None
    numeric: bool = False
    bold: bool = False


@dataclass
class Cell:
    """A cell with a second, smaller grey line (a target under the value)."""

    text: str
    note: str = ""


@dataclass
class Group:
    """A header spanning `span` columns above their own headers."""

    header: str
    span: int


@dataclass
class _Styles:
    """The paragraph styles of one table's cells: text, numbers (right) and headers."""

    body: object
    right: object
    head: object
    size: float


def _cell_styles(size: float) -> _Styles:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "cell",
        fontName=LATIN,
        fontSize=size,
        leading=size * 1.25,
        textColor=colors.HexColor(INK),
        wordWrap="CJK" if chinese() else None,
    )
    return _Styles(
        base,
        ParagraphStyle("num", parent=base, alignment=TA_RIGHT),
        ParagraphStyle("head", parent=base, alignment=TA_CENTER),
        size,
    )


class Report:
    """A printed report on A4 landscape (or upright). Build it in reading order: sections with
    `table`, text with `paragraph`, `page_break`, then `build()` for the PDF's bytes."""

    def __init__(
        self,
        *,
        title: str,
        issuer: str,
        meta: str,
        footer: str = "",
        portrait: bool = False,
        issuer_under_title: bool = True,
    ):
        """`portrait`: A4 upright (a document of text, such as the bulletin); without
        `issuer_under_title` the issuer is only the file's author (a document that signs at
        its foot with `signature`)."""
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.lib.units import mm

        register_fonts()
        self.title, self.issuer, self.meta = title, issuer, meta
        self.issuer_under_title = issuer_under_title
        self.footer = footer or title
        self.pagesize = A4 if portrait else landscape(A4)
        self.margin = (20 if portrait else 12) * mm
        self.width = self.pagesize[0] - 2 * self.margin
        self.sections = 0
        self.story: list = []
        self._title_block()

    # --- text ---------------------------------------------------------------------------

    def _style(
        self, name: str, size: float, *, align: str = "left", space: float = 0, indent: float = 0
    ):
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        aligns = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
        return ParagraphStyle(
            name,
            fontName=LATIN,
            fontSize=size,
            leading=size * 1.35,
            spaceAfter=space,
            alignment=aligns[align],
            firstLineIndent=indent,
            textColor=colors.HexColor(INK),
            wordWrap="CJK" if chinese() else None,
        )

    def _title_block(self):
        from reportlab.lib import colors
        from reportlab.platypus import HRFlowable, Paragraph

        self.story.append(
            Paragraph(markup(self.title, bold=True), self._style("title", 17, align="center"))
        )
        if self.issuer_under_title:
            self.story.append(
                Paragraph(markup(self.issuer), self._style("issuer", 11.5, align="center", space=2))
            )
        self.story += [
            Paragraph(markup(self.meta), self._style("meta", 9.5, align="center", space=4)),
            HRFlowable(width="100%", thickness=0.8, color=colors.HexColor(INK), spaceAfter=8),
        ]

    def heading(self, text: str, *, numbered: bool = True, level: int = 1):
        """A section heading ("一、地区" / "1. Regions"), numbered in order of the sections;
        level 2 is a smaller, unnumbered one inside a section."""
        from reportlab.platypus import Paragraph

        if numbered and level == 1:
            self.sections += 1
            text = section_number(self.sections) + text
        size = 12.5 if level == 1 else 10
        self.story.append(Paragraph(markup(text, bold=True), self._style("h", size, space=4)))

    def paragraph(self, text: str, *, size: float = 9.5, align: str = "left", indent: float = 0):
        """A paragraph of text; `indent`: its first line's, in points (two characters of an
        official document's body: 2 × size); `align` "justify" for a body of text."""
        from reportlab.platypus import Paragraph

        style = self._style("p", size, align=align, space=3, indent=indent)
        self.story.append(Paragraph(markup(text), style))

    def signature(self, *lines: str):
        """The issuer and the date, right-aligned under the text (the 落款 of an official
        document); on the next page when this one has no room for them."""
        from reportlab.platypus import CondPageBreak, Paragraph, Spacer

        style = self._style("sig", 10.5, align="right")
        self.story += [CondPageBreak(24 + 16 * len(lines)), Spacer(1, 6)]
        self.story += [Paragraph(markup(t), style) for t in lines]

    def space(self, height: float = 6):
        from reportlab.platypus import Spacer

        self.story.append(Spacer(1, height))

    def page_break(self):
        from reportlab.platypus import PageBreak

        self.story.append(PageBreak())

    # --- tables -------------------------------------------------------------------------

    def table(
        self,
        title: str | None,
        columns: list[Column],
        rows: list[list],
        *,
        groups: list[Group] | None = None,
        size: float = 9,
        numbered: bool = True,
        level: int = 1,
        empty: str | None = None,
        note: str = "",
    ):
        """A section: its heading (numbered unless told, `level` 2 for a smaller one inside a
        section; none when `title` is None) and a
        table whose header rows (the column headers, under `groups` when given) repeat on
        every page it runs over, with a `note` above it. A row is a list of str, numbers or
        `Cell`s. No rows: the `empty` sentence instead of the table."""
        from reportlab.lib import colors
        from reportlab.platypus import CondPageBreak, LongTable, Paragraph, Spacer, TableStyle

        if title is not None:
            # The heading stays with the table's header and first rows, never alone at the
            # foot of a page.
            self.story.append(CondPageBreak(70 + 6 * size))
            self.heading(title, numbered=numbered, level=level)
        if not rows:
            text = empty if empty is not None else _("No entries.")
            self.story += [Paragraph(markup(text), self._style("p", 9.5)), Spacer(1, 10)]
            return
        st = _cell_styles(size)
        widths = self._widths(columns)
        header_rows = []
        spans = []
        if groups:
            top, col = [], 0
            for g in groups:
                top += [Paragraph(markup(g.header, bold=True), st.head)] + [""] * (g.span - 1)
                if g.span > 1:
                    spans.append(("SPAN", (col, 0), (col + g.span - 1, 0)))
                col += g.span
            header_rows.append(top)
        header_rows.append([Paragraph(markup(c.header, bold=True), st.head) for c in columns])
        # A column without a group header spans both header rows.
        if groups:
            col = 0
            for g in groups:
                if not g.header and g.span == 1:
                    header_rows[1][col] = ""
                    header_rows[0][col] = Paragraph(markup(columns[col].header, bold=True), st.head)
                    spans.append(("SPAN", (col, 0), (col, 1)))
                col += g.span
        body = [
            [self._cell(value, col, st) for value, col in zip(row, columns, strict=True)]
            for row in rows
        ]
        n_head = len(header_rows)
        table = LongTable(header_rows + body, colWidths=widths, repeatRows=n_head)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), LATIN),  # the empty cells under a span
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor(RULE)),
                    ("BOX", (0, 0), (-1, -1), 0.9, colors.HexColor(INK)),
                    ("LINEBELOW", (0, n_head - 1), (-1, n_head - 1), 0.9, colors.HexColor(INK)),
                    ("BACKGROUND", (0, 0), (-1, n_head - 1), colors.HexColor(HEADER_FILL)),
                    ("VALIGN", (0, 0), (-1, n_head - 1), "MIDDLE"),
                    ("VALIGN", (0, n_head), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    *spans,
                ]
            )
        )
        if note:
            self.story.append(Paragraph(markup(note), self._style("n", size, space=3)))
        self.story += [table, Spacer(1, 12 if level == 1 else 6)]

    def _widths(self, columns: list[Column]) -> list[float]:
        fixed = sum(c.width for c in columns if c.width)
        free = [c for c in columns if not c.width]
        share = (self.width - fixed) / len(free) if free else 0
        return [c.width or share for c in columns]

    def _cell(self, value, column: Column, st: _Styles):
        from reportlab.platypus import Paragraph

        style = st.right if column.numeric else st.body
        if isinstance(value, Cell):
            text = markup(value.text, bold=column.bold)
            if value.note:
                text += f'<br/><font color="{MUTED}" size="{st.size - 1}">'
                text += f"{markup(value.note)}</font>"
            return Paragraph(text, style)
        return Paragraph(markup("" if value is None else value, bold=column.bold), style)

    # --- the document -------------------------------------------------------------------

    def build(self) -> bytes:
        from reportlab.platypus import SimpleDocTemplate

        out = BytesIO()
        doc = SimpleDocTemplate(
            out,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin + 6,
            title=self.title,
            author=self.issuer,
            subject=self.meta,
            creator=self.issuer,
            # Not Helvetica, which would be named in the file without being embedded.
            initialFontName=LATIN,
            lang="zh-CN" if chinese() else "en",
        )
        doc.build(list(self.story), canvasmaker=self._canvas_class())
        return out.getvalue()

    def _canvas_class(self):
        """A canvas that holds its pages until the end, so each footer can say how many
        pages there are ("Page 1 of 3")."""
        from reportlab.pdfgen.canvas import Canvas

        report = self

        class NumberedCanvas(Canvas):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._pages = []

            def showPage(self):
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                total = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    report._footer(self, self._pageNumber, total)
                    super().showPage()
                super().save()

        return NumberedCanvas

    def _footer(self, canvas, page: int, total: int):
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph

        y = self.margin - 2
        left = Paragraph(markup(self.footer), self._style("f", 8))
        right = Paragraph(
            markup(_("Page %(page)s of %(pages)s") % {"page": page, "pages": total}),
            self._style("fr", 8, align="right"),
        )
        half = self.width / 2
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(RULE))
        canvas.setLineWidth(0.4)
        canvas.line(self.margin, y + 11, self.margin + self.width, y + 11)
        for para, x in ((left, self.margin), (right, self.margin + half)):
            para.wrapOn(canvas, half, 20)
            para.drawOn(canvas, x, y)
        canvas.restoreState()
