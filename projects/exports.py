"""xlsx export of a filtered project list, in the user's language, units in the headers."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from config.exports import xlsx_row
from config.i18n import localized_or_source

from . import workflow

PROGRESS_EVERY = 2000


def projects_xlsx(projects, out=None, progress=None) -> bytes | None:
    """Write the projects (an already scoped and filtered queryset) to an xlsx workbook: into
    the file `out` if given (returns None), else returned as bytes. `progress(n)` is called
    every PROGRESS_EVERY rows (the background export's progress bar)."""
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
        _("No English text yet"),
        _("Unified social credit code"),
    ]
    widths = [8, 36, 18, 30, 24, 14, 14, 20, 16, 18, 14, 10, 12, 12, 12, 12, 12, 18, 24, 22]
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "A2"

    def head(v):
        c = WriteOnlyCell(ws, value=str(v))
        c.font = Font(bold=True)
        return c

    ws.append([head(h) for h in headers])
    labels = {"name": _("Name"), "investor": _("Investor")}
    # Choice labels translated once, not per row (200,000 rows in a background export).
    choices = {
        field: {k: str(v) for k, v in projects.model._meta.get_field(field).flatchoices}
        for field in ("category", "capital_source", "enterprise_type", "status")
    }
    stages = {s.code: str(s.label) for s in workflow.STAGES}
    for n, p in enumerate(projects.iterator(chunk_size=2000), start=1):
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n)
        texts, missing = {}, []
        for key, obj, field in (
            ("name", p, "name"),
            ("region", p.region, "name"),
            ("investor", p.investor, "name"),
            ("industry", p.industry, "name"),
        ):
            texts[key], untranslated = localized_or_source(obj, field)
            if untranslated and key in labels:
                missing.append(str(labels[key]))
        ws.append(
            xlsx_row(
                ws,
                [
                    p.pk,
                    texts["name"],
                    texts["region"],
                    texts["investor"],
                    texts["industry"],
                    choices["category"].get(p.category, p.category),
                    choices["capital_source"].get(p.capital_source, p.capital_source),
                    choices["enterprise_type"].get(p.enterprise_type, p.enterprise_type),
                    p.total_investment_cny_10k,
                    p.contracted_fdi_usd_10k,
                    stages.get(p.stage, p.stage),
                    choices["status"].get(p.status, p.status),
                    p.intent_date,
                    p.contract_date,
                    p.approval_date,
                    p.groundbreaking_date,
                    p.operation_date,
                    str(p.introducer) if p.introducer else "",
                    ", ".join(missing),
                    p.unified_credit_code,
                ],
                formats={0: "0"},
            )
        )
    if out is not None:
        wb.save(out)
        return None
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
