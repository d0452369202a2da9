"""The province's monthly tables (外资统计月报), from a published snapshot only.

The official layout: indicators down (contracted projects, contracted foreign capital and
utilized foreign capital, each in total, by mode — 中外合资, 中外合作, 外商独资, 外商投资股份制 —
and by industry — 第一产业, 第二产业 (其中工业), 第三产业 — and domestic capital from outside
the province), spans across (本月, 比去年同月±%, 1—N月, 比去年同期±%), a notes block (统计范围,
数据来源, 指标解释), one table for the city and one per district and zone.

The splits (region × mode, region × industry) and the same month last year are not among the
snapshot's one-dimensional scopes, so `compute` reads them from the records with the
snapshot, by the engine's rules (approval date for projects, arrival date for capital), and the
snapshot keeps them as `ProvinceFigure` rows. The tables, the xlsx and the PDF print those rows
and nothing else: every cell is the snapshot's figure (growth is computed from the two values
the row keeps, by `calculations.yoy_pct`)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.errors import DomainError
from config.exports import xlsx_row
from config.names import name_text
from config.numbers import XLSX_DECIMAL, XLSX_INT, XLSX_PCT, fmt_num, fmt_pct
from config.typography import datetime_text, month_text
from projects.models import CapitalArrival, DomesticArrival, Project
from reference.models import IndustrySection, Region, RegionKind
from reference.selectors import bureau_name, the_city

from .bulletin import period_span
from .calculations import month_end, period_windows, yoy_pct
from .models import ProvinceFigure, SnapshotStatus, StatsSnapshot

ZERO = Decimal("0")
FOREIGN_INVESTED = Q(capital_source__in=("foreign", "hmt"))
SPANS = ("month", "month_last_year", "ytd", "ytd_last_year")
MODES = ("equity_jv", "contractual_jv", "wfoe", "fie_joint_stock")
INDUSTRIES = ("primary", "secondary", "industrial", "tertiary")
# 工业: mining, manufacturing, and electricity, heat, gas and water (GB/T 4754 B, C, D).
INDUSTRIAL_SECTIONS = frozenset({"B", "C", "D"})
SPLITS = ("total", *MODES, *INDUSTRIES)
MEASURES = ("projects", "contracted", "utilized")
INDICATORS = (*tuple(f"{m}_{s}" for m in MEASURES for s in SPLITS), "domestic_total")


def measure_label(measure: str) -> str:
    return {
        "projects": _("Contracted foreign-invested projects"),
        "contracted": _("Contracted foreign capital"),
        "utilized": _("Utilized foreign capital"),
        "domestic": _("Domestic capital in place from outside the province"),
    }[measure]


def split_label(split: str) -> str:
    return {
        "equity_jv": _("of which: equity joint ventures"),
        "contractual_jv": _("contractual joint ventures"),
        "wfoe": _("wholly foreign-owned enterprises"),
        "fie_joint_stock": _("foreign-invested joint-stock companies"),
        "primary": _("primary industry"),
        "secondary": _("secondary industry"),
        "industrial": _("of which: industry"),
        "tertiary": _("tertiary industry"),
    }[split]


def unit_label(measure: str) -> str:
    return {
        "projects": _("projects (unit)"),
        "contracted": _("10k USD"),
        "utilized": _("10k USD"),
        "domestic": _("10k CNY"),
    }[measure]


# --- computing the rows with the snapshot -----------------------------------------------


def _windows(year: int, month: int) -> dict[str, tuple[dt.date, dt.date]]:
    w = period_windows(year, month)
    return {
        "month": w["month"],
        "month_last_year": (dt.date(year - 1, month, 1), month_end(year - 1, month)),
        "ytd": w["ytd"],
        "ytd_last_year": w["ytd_last_year"],
    }


def _splits_of(row: dict, industries: dict) -> list[str]:
    """The lines of a measure a group of records counts in: the total, its mode, its industry
    (and 工业 within the secondary)."""
    splits = ["total"]
    if row["enterprise_type"] in MODES:
        splits.append(row["enterprise_type"])
    code, three = industries.get(row["industry_id"], ("", ""))
    if three:
        splits.append(three)
    if code in INDUSTRIAL_SECTIONS:
        splits.append("industrial")
    return splits


def compute(year: int, month: int) -> list[ProvinceFigure]:
    """Every table's rows for the period from the records, as unsaved ProvinceFigure objects:
    the city ('') and every district, county and zone (a table of zeros where nothing
    happened). Three grouped queries, whatever the number of records."""
    windows = _windows(year, month)
    start, end = windows["ytd_last_year"][0], windows["month"][1]
    industries = {
        pk: (code, three)
        for pk, code, three in IndustrySection.objects.values_list("pk", "code", "three_industry")
    }
    group = ("region_id", "industry_id", "enterprise_type")

    def span_q(field, span):
        return Q(**{f"{field}__range": windows[span]})

    projects = (
        Project.objects.filter(FOREIGN_INVESTED, approval_date__range=(start, end))
        .order_by()
        .values(*group)
        .annotate(
            **{f"n_{s}": Count("id", filter=span_q("approval_date", s)) for s in SPANS},
            **{
                f"c_{s}": Sum("contracted_fdi_usd_10k", filter=span_q("approval_date", s))
                for s in SPANS
            },
        )
    )
    arrivals = (
        CapitalArrival.objects.filter(FOREIGN_INVESTED, date__range=(start, end))
        .order_by()
        .values(*group)
        .annotate(**{f"u_{s}": Sum("amount_usd_10k", filter=span_q("date", s)) for s in SPANS})
    )
    domestic = (
        DomesticArrival.objects.filter(capital_source="domestic", date__range=(start, end))
        .order_by()
        .values(*group)
        .annotate(**{f"d_{s}": Sum("amount_cny_10k", filter=span_q("date", s)) for s in SPANS})
    )
    totals: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(
        lambda: dict.fromkeys(SPANS, ZERO)
    )

    def add(row, measure, prefix, splits):
        for key in ("", str(row["region_id"] or "")):
            for split in splits:
                t = totals[(key, f"{measure}_{split}")]
                for s in SPANS:
                    t[s] += Decimal(row[f"{prefix}_{s}"] or 0)

    for row in projects:
        splits = _splits_of(row, industries)
        add(row, "projects", "n", splits)
        add(row, "contracted", "c", splits)
    for row in arrivals:
        add(row, "utilized", "u", _splits_of(row, industries))
    for row in domestic:
        add(row, "domestic", "d", ["total"])
    keys = [""] + [
        str(pk) for pk in Region.objects.exclude(kind=RegionKind.CITY).values_list("pk", flat=True)
    ]
    empty = dict.fromkeys(SPANS, ZERO)
    return [
        ProvinceFigure(scope_key=key, indicator=ind, **totals.get((key, ind), empty))
        for key in keys
        for ind in INDICATORS
    ]


# --- the tables ---------------------------------------------------------------------------


@dataclass
class Line:
    indicator: str
    label: str
    unit: str
    month: Decimal
    month_pct: Decimal | None
    ytd: Decimal
    ytd_pct: Decimal | None
    is_count: bool
    level: int  # 0: a measure's total, 1: a split


@dataclass
class Table:
    scope_key: str
    title: str
    lines: list[Line]


def check_published(snapshot: StatsSnapshot) -> None:
    """The tables go to the province from a published version only (a superseded one was
    published and stays printable for the record). Raises DomainError otherwise, and when
    the version was computed before the tables existed."""
    if snapshot.status == SnapshotStatus.DRAFT:
        raise DomainError(_("The province's tables are made from a published snapshot only."))
    if not snapshot.province_figures.exists():
        raise DomainError(
            _(
                "This version was computed before the province's tables existed: revise the "
                "period to produce them."
            )
        )


def _line(figure: ProvinceFigure) -> Line:
    measure, split = figure.indicator.split("_", 1)
    label = measure_label(measure) if split == "total" else split_label(split)
    return Line(
        indicator=figure.indicator,
        label=label,
        unit=unit_label(measure),
        month=figure.month,
        month_pct=yoy_pct(figure.month, figure.month_last_year),
        ytd=figure.ytd,
        ytd_pct=yoy_pct(figure.ytd, figure.ytd_last_year),
        is_count=measure == "projects",
        level=0 if split == "total" else 1,
    )


def tables(snapshot: StatsSnapshot) -> list[Table]:
    """The city's table first, then each district, county and zone in the regions' order;
    labels in the active language. Raises DomainError for a draft."""
    check_published(snapshot)
    order = {ind: i for i, ind in enumerate(INDICATORS)}
    by_key: dict[str, list[ProvinceFigure]] = defaultdict(list)
    for f in snapshot.province_figures.all():
        by_key[f.scope_key].append(f)
    regions = {
        str(r.pk): r
        for r in Region.objects.exclude(kind=RegionKind.CITY).order_by("sort_order", "code")
    }
    city = the_city()
    city_name = name_text(city) if city else _("Whole city")
    keys = [""] + [k for k in regions if k in by_key] + sorted(set(by_key) - set(regions) - {""})
    result = []
    for key in keys:
        if key not in by_key:
            continue
        region = regions.get(key)
        title = city_name if key == "" else name_text(region) if region else key
        rows = sorted(by_key[key], key=lambda f: order.get(f.indicator, len(order)))
        result.append(Table(key, str(title), [_line(f) for f in rows]))
    return result


def span_headers(snapshot: StatsSnapshot) -> list[str]:
    """本月, 比去年同月±%, 2026年1—11月, 比去年同期±% (and in English)."""
    lang = "zh-hans" if (translation.get_language() or "").startswith("zh") else "en"
    return [
        _("This month"),
        _("Same month last year ±%"),
        period_span(snapshot.year, snapshot.month, lang),
        _("Same period last year ±%"),
    ]


def notes(snapshot: StatsSnapshot) -> list[tuple[str, str]]:
    """The notes block: scope, source and definitions."""
    published = timezone.localtime(snapshot.published_at) if snapshot.published_at else None
    return [
        (
            _("Scope of the statistics"),
            _(
                "Foreign-invested enterprises (including those invested from Hong Kong, Macao "
                "and Taiwan) approved in the city's districts, counties and development zones; "
                "domestic capital from outside the province arrived on domestic projects."
            ),
        ),
        (
            _("Source of the data"),
            _(
                "The investment promotion portal's project and capital arrival records, as "
                "frozen in the published statistics of %(period)s, version %(version)s "
                "(published %(published)s)."
            )
            % {
                "period": month_text(snapshot.period),
                "version": snapshot.version,
                "published": datetime_text(published) if published else "—",
            },
        ),
        (
            _("Definitions"),
            _(
                "Contracted projects and contracted foreign capital count in the month of "
                "approval; utilized foreign capital in the month it arrived, converted to US "
                "dollars at each arrival's own rate; industry by GB/T 4754 section (industry "
                "= sections B, C and D); ± % = (this period − same period last year) ÷ same "
                "period last year × 100, one decimal, left empty when last year is zero."
            ),
        ),
    ]


def title(snapshot: StatsSnapshot) -> str:
    return _("Monthly foreign investment statistics, %(year)s-%(month)02d") % {
        "year": snapshot.year,
        "month": snapshot.month,
    }


def _indent(line: Line) -> str:
    return ("    " if line.level else "") + line.label


# --- xlsx ---------------------------------------------------------------------------------


def xlsx(snapshot: StatsSnapshot, lang: str) -> bytes:
    """One sheet per table: the title merged across, the header (indicator, unit, the four
    spans), the lines with real numbers and number formats, then the notes block."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    with translation.override(lang):
        book = Workbook()
        book.remove(book.active)
        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        heads = [_("Indicator"), _("Unit"), *span_headers(snapshot)]
        for n, table in enumerate(tables(snapshot), start=1):
            name = f"{n} {table.title}"[:31].translate(str.maketrans("[]:*?/\\", "()．．．．．"))
            ws = book.create_sheet(name)
            ws.append(xlsx_row(ws, [f"{title(snapshot)} · {table.title}"]))
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
            ws["A1"].font = Font(bold=True, size=13)
            ws["A1"].alignment = centre
            ws.append(xlsx_row(ws, [_("Version %(version)s") % {"version": snapshot.version}]))
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=6)
            ws["A2"].alignment = centre
            ws.append(xlsx_row(ws, heads))
            for col in range(1, 7):
                cell = ws.cell(row=3, column=col)
                cell.font, cell.alignment, cell.border = Font(bold=True), centre, border
            for line in table.lines:
                ws.append(
                    xlsx_row(
                        ws,
                        [
                            _indent(line),
                            line.unit,
                            line.month,
                            line.month_pct,
                            line.ytd,
                            line.ytd_pct,
                        ],
                    )
                )
                row = ws.max_row
                number = XLSX_INT if line.is_count else XLSX_DECIMAL
                for col, fmt in ((3, number), (4, XLSX_PCT), (5, number), (6, XLSX_PCT)):
                    ws.cell(row=row, column=col).number_format = fmt
                for col in range(1, 7):
                    ws.cell(row=row, column=col).border = border
                if not line.level:
                    ws.cell(row=row, column=1).font = Font(bold=True)
            ws.append([])
            for head, text in notes(snapshot):
                ws.append(xlsx_row(ws, [f"{head}: {text}"]))
                row = ws.max_row
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
                ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
                ws.row_dimensions[row].height = 48
            for col, width in zip(range(1, 7), (44, 12, 14, 16, 14, 16), strict=True):
                ws.column_dimensions[get_column_letter(col)].width = width
            ws.freeze_panes = "A4"
        out = BytesIO()
        book.save(out)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------


def pdf(snapshot: StatsSnapshot, lang: str) -> bytes:
    """The same tables printed (config/pdf.py): one section per table, the notes at the end."""
    from config.pdf import Column, Report

    with translation.override(lang):
        issuer = bureau_name()
        report = Report(
            title=title(snapshot),
            issuer=issuer,
            meta=_("Version %(version)s") % {"version": snapshot.version},
        )
        columns = [
            Column(_("Indicator"), width=250),
            Column(_("Unit"), width=70),
            *[Column(h, numeric=True) for h in span_headers(snapshot)],
        ]
        for table in tables(snapshot):
            rows = [
                [
                    _indent(line),
                    line.unit,
                    fmt_num(line.month),
                    fmt_pct(line.month_pct, signed=True),
                    fmt_num(line.ytd),
                    fmt_pct(line.ytd_pct, signed=True),
                ]
                for line in table.lines
            ]
            report.table(table.title, columns, rows, size=8.5)
        for head, text in notes(snapshot):
            report.paragraph(f"{head}: {text}", size=8.5)
        return report.build()
