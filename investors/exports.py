"""xlsx exports of the investor database's lists, in the user's language, units in headers."""

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from config.exports import xlsx_row
from config.i18n import localized_or_marked as localized

from .models import SourceGroup

PROGRESS_EVERY = 2000


def write_xlsx(out, title: str, headers: list, rows, progress=None) -> int:
    """One sheet to the file `out`: bold headers, then the rows (an iterable of lists).
    `progress(n)` is called every PROGRESS_EVERY rows. Returns the number of rows."""
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
    n = 0
    for n, row in enumerate(rows, start=1):
        ws.append(xlsx_row(ws, row))
        if progress is not None and n % PROGRESS_EVERY == 0:
            progress(n)
    wb.save(out)
    return n


def xlsx_response(title: str, headers: list, rows, filename: str) -> HttpResponse:
    """One sheet: bold headers, then the rows (an iterable of lists), as a download."""
    out = BytesIO()
    write_xlsx(out, title, headers, rows)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    return response


def investor_headers() -> list:
    return [
        _("ID"), _("Name (Chinese)"), _("Name (English)"), _("Country"), _("Source group"),
        _("Industry"), _("Size"), _("Website"), _("Relationship channel"), _("Owner region"),
        _("Contacts"), _("Last interaction"), _("Notes"),
    ]  # fmt: skip


def investor_rows(investors):
    """The rows of the investor export for a scoped, filtered `investor_list` queryset."""
    for i in investors.iterator(chunk_size=2000):
        yield [
            i.pk,
            i.name_zh_hans or "",
            i.name_en or "",
            str(i.country.name) if i.country else "",
            str(SourceGroup(i.source_group).label),
            f"{i.industry.code} {localized(i.industry, 'name')}" if i.industry else "",
            i.get_size_display(),
            i.website,
            i.get_channel_display(),
            localized(i.owner_region, "name"),
            i.contact_count,
            i.last_interaction,
            i.notes,
        ]


def contact_headers() -> list:
    return [
        _("ID"), _("Investor ID"), _("Investor"), _("Name"), _("Title"), _("Email"),
        _("Phone"), _("Languages"), _("Preferred channel"), _("Notes"),
    ]  # fmt: skip


def contact_rows(contacts):
    """The rows of the contact export for a scoped queryset of contacts."""
    for c in contacts.select_related("investor").order_by("investor_id", "name", "pk"):
        yield [
            c.pk, c.investor_id, localized(c.investor, "name"), c.name, c.title, c.email,
            c.phone, c.languages, c.get_preferred_channel_display(), c.notes,
        ]  # fmt: skip


def interaction_headers() -> list:
    return [
        _("ID"), _("Date"), _("Kind"), _("Investor ID"), _("Investor"), _("Staff"),
        _("Contacts"), _("Summary"), _("Project ID"), _("Promotion activity"),
        _("Next follow-up"), _("Logged by"),
    ]  # fmt: skip


def interaction_rows(interactions):
    """The rows of the interaction export for a scoped queryset of interactions, newest
    first."""
    qs = (
        interactions.select_related("investor", "activity", "logged_by")
        .prefetch_related("staff", "contacts")
        .order_by("-date", "-pk")
    )
    for i in qs:
        yield [
            i.pk,
            i.date,
            i.get_kind_display(),
            i.investor_id,
            localized(i.investor, "name"),
            ", ".join(sorted(str(u) for u in i.staff.all())),
            ", ".join(sorted(c.name for c in i.contacts.all())),
            i.summary,
            i.project_id,
            localized(i.activity, "name") if i.activity else "",
            i.next_follow_up,
            str(i.logged_by or ""),
        ]
