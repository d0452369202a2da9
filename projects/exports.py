"""xlsx export of a filtered project list, in the user's language, units in the headers."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from config.exports import xlsx_row
from config.i18n import localized_or_marked as localized


def projects_xlsx(projects) -> bytes:
    """Write the projects (an already scoped and filtered queryset) to an xlsx workbook."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Projects"))
    headers = [
        _("ID"),
        _("Name"),
        _("Region"),
        _("Investor"),
        _("Industry"),
        _("Category"),
        _("Capital source"),
        _("Enterprise type"),
        _("Total investment (10k CNY)"),
        _("Contracted foreign capital (10k USD)"),
        _("Stage"),
        _("Status"),
        _("Intent date"),
        _("Contract date"),
        _("Approval date"),
        _("Groundbreaking date"),
        _("Operation date"),
        _("Introducer"),
    ]
    widths = [8, 36, 18, 30, 24, 14, 14, 20, 16, 18, 14, 10, 12, 12, 12, 12, 12, 18]
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "A2"

    def head(v):
        c = WriteOnlyCell(ws, value=str(v))
        c.font = Font(bold=True)
        return c

    ws.append([head(h) for h in headers])
    for p in projects.iterator(chunk_size=2000):
        ws.append(
            xlsx_row(
                ws,
                [
                    p.pk,
                    localized(p, "name"),
                    localized(p.region, "name"),
                    localized(p.investor, "name"),
                    localized(p.industry, "name"),
                    p.get_category_display(),
                    p.get_capital_source_display(),
                    p.get_enterprise_type_display() if p.enterprise_type else "",
                    float(p.total_investment_cny_10k),
                    float(p.contracted_fdi_usd_10k),
                    str(p.stage_label),
                    p.get_status_display(),
                    p.intent_date,
                    p.contract_date,
                    p.approval_date,
                    p.groundbreaking_date,
                    p.operation_date,
                    str(p.introducer) if p.introducer else "",
                ],
            )
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
