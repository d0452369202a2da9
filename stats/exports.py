"""The statistics of a period as a formatted xlsx workbook, in the active language."""

from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from config.exports import xlsx_row
from config.names import name_text
from config.numbers import XLSX_PCT

from .models import METRICS, ScopeType


def metric_label(metric: str) -> str:
    return {
        "new_fie_count": _("New FIEs"),
        "total_investment_cny_10k": _("Total investment (10k CNY)"),
        "contracted_fdi_usd_10k": _("Contracted foreign capital (10k USD)"),
        "utilized_fdi_usd_10k": _("Utilized foreign capital (10k USD)"),
        "domestic_capital_cny_10k": _("Domestic capital from outside the province (10k CNY)"),
    }[metric]


def _city_name() -> str:
    """The city's name in the active language (the region `setup_city` created), or ""."""
    from reference.selectors import the_city

    city = the_city()
    return name_text(city) if city else ""


def stats_xlsx(snapshot, labels, *, figures=None) -> bytes:
    """The workbook of a snapshot: one sheet per kind of scope, laid out as the official
    table: indicators down, spans across (month, year to date, same span last year, growth,
    cumulative); a sheet with several scopes (regions) repeats the block per scope, the
    scope named on every row. Real numbers with number formats (config/numbers.py).
    `figures`: the ones the reader may see (default: all)."""
    wb = Workbook()
    wb.remove(wb.active)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="A4161A")
    city = _city_name()
    from .selectors import region_breakdown

    grouped: dict[str, list] = {t: [] for t in ScopeType.values}
    figures = snapshot.figures.all() if figures is None else figures
    # The city level (市本级) has rows where a record or the bureau's own spending counts in it.
    city_keys = getattr(labels, "city_keys", set())
    for f in region_breakdown(figures, city_keys, spending=True):
        grouped[f.scope_type].append(f)
    for scope_type, label in ScopeType.choices:
        rows = grouped[scope_type]
        if not rows:
            continue
        ws = wb.create_sheet(str(label)[:31])
        title = f"{city} {_('FDI statistics')}".strip()
        status = snapshot.get_status_display()
        ws.append(xlsx_row(ws, [f"{title} {snapshot.period} · v{snapshot.version} · {status}"]))
        ws["A1"].font = Font(bold=True, size=13)
        header = [
            str(label),
            _("Indicator"),
            pgettext("span", "Month"),
            _("Year to date"),
            _("Same span last year"),
            _("Growth (%)"),
            _("Cumulative"),
        ]
        ws.append(xlsx_row(ws, header))
        for cell in ws[2]:
            cell.font, cell.fill = head_font, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        pct_format = {5: XLSX_PCT}
        is_region = scope_type == ScopeType.REGION
        # The city level after the districts, counties and zones, as on the page.
        for f in sorted(
            rows, key=lambda x: (is_region and x.scope_key in city_keys, -x.new_fie_count_ytd)
        ):
            scope = labels(f.scope_type, f.scope_key)
            for metric in METRICS:
                yoy = f.yoy_pct(metric)
                ws.append(
                    xlsx_row(
                        ws,
                        [
                            scope,
                            metric_label(metric),
                            f.value(metric, "month"),
                            f.value(metric, "ytd"),
                            f.value(metric, "ytd_last_year"),
                            float(yoy) if yoy is not None else None,
                            f.value(metric, "cumulative"),
                        ],
                        formats=pct_format,
                    )
                )
            ws.append(
                xlsx_row(
                    ws,
                    [
                        scope,
                        _("Promotion spending (10k CNY)"),
                        None,
                        f.promotion_spending_cny_10k_ytd,
                        f.promotion_spending_cny_10k_ytd_last_year,
                        None,
                        None,
                    ],
                )
            )
            ws.append(
                xlsx_row(
                    ws,
                    [
                        scope,
                        _("Utilized foreign capital per 10k CNY spent (10k USD)"),
                        None,
                        f.input_output_ratio,
                        None,
                        None,
                        None,
                    ],
                )
            )
        ws.freeze_panes = "C3"
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 44
        for col in range(3, len(header) + 1):
            ws.column_dimensions[get_column_letter(col)].width = 16
        ws.row_dimensions[2].height = 32
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
