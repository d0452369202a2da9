"""xlsx exports of the investor database's lists, in the user's language, units in headers."""

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from config.exports import xlsx_row


def xlsx_response(title: str, headers: list, rows, filename: str) -> HttpResponse:
    """One sheet: bold headers, then the rows (an iterable of lists), as a download."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(title)[:31])
    for i in range(len(headers)):
        ws.column_dimensions[get_column_letter(i + 1)].width = 22
    ws.freeze_panes = "A2"

    def head(v):
        c = WriteOnlyCell(ws, value=str(v))
        c.font = Font(bold=True)
        return c

    ws.append([head(h) for h in headers])
    for row in rows:
        ws.append(xlsx_row(ws, row))
    out = BytesIO()
    wb.save(out)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response
