"""The lists a background export can write. Each kind turns (user, filters) into the same
scoped, filtered queryset its list page shows, and writes it through the app's own xlsx
builder (which builds every cell with config.exports)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from investors.exports import investor_headers, investor_rows, write_xlsx
from investors.filters import InvestorFilter
from investors.selectors import investor_list
from projects.exports import projects_xlsx
from projects.filters import ProjectFilter
from projects.models import Project

from .models import ExportKind


def _data(query: str):
    data = QueryDict(query or "", mutable=True)
    data.pop("page", None)
    return data or None


def _projects(user, query: str):
    """As the project list page and its direct export filter them (projects.views)."""
    base = Project.objects.for_user(user).with_list_relations().prefetch_related(None)
    f = ProjectFilter(_data(query), queryset=base)
    if not f.is_bound:
        return f, f.queryset.order_by("-updated_at", "-id")
    return f, (f.qs if f.is_valid() else Project.objects.none())


def _investors(user, query: str):
    """As the investor list page filters them (investors.views)."""
    f = InvestorFilter(_data(query), queryset=investor_list(user))
    if f.is_bound and not f.is_valid():
        return f, f.queryset.none()
    return f, f.qs


def _write_projects(qs, out, progress):
    projects_xlsx(qs, out=out, progress=progress)


def _write_investors(qs, out, progress):
    write_xlsx(out, _("Investors"), investor_headers(), investor_rows(qs), progress=progress)


@dataclass(frozen=True)
class Exporter:
    filtered: Callable  # (user, query string) -> (filterset, scoped and filtered queryset)
    write: Callable  # (queryset, file, progress(n)) -> None


EXPORTERS = {
    ExportKind.PROJECTS: Exporter(_projects, _write_projects),
    ExportKind.INVESTORS: Exporter(_investors, _write_investors),
}
