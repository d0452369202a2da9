"""What a higher app registers here so that the pipeline never imports it:

- `targets_panel(request, year)`: HTML shown under the targets table (the year-end forecast,
  from `forecast`); without one the targets page shows the progress alone.
- `office_editable(user)`: a filter (Q) of the projects an industry-office user may change
  (those linked to their office's chains, from `chains`), or None when the user has none;
  without it no industry-office user edits a project.
- `target_sections(user, year)`: further sections of the targets page, each
  `{"template": …, "progress": …}` (the chains' targets with the person responsible).
"""

from collections.abc import Callable

from django.db.models import Q
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_targets_panel: list[Callable] = []
_office_editable: list[Callable] = []
_target_sections: list[Callable] = []


def provide_targets_panel(func: Callable) -> Callable:
    _targets_panel[:] = [func]
    return func


def targets_panel(request, year: int) -> str:
    # Each panel is a rendered template (safe); anything else is escaped.
    return mark_safe(  # noqa: S308
        "".join(conditional_escape(func(request, year)) for func in _targets_panel)
    )


def provide_office_editable(func: Callable) -> Callable:
    _office_editable[:] = [func]
    return func


def office_editable(user) -> Q | None:
    return _office_editable[0](user) if _office_editable else None


def provide_target_sections(func: Callable) -> Callable:
    _target_sections[:] = [func]
    return func


def target_sections(user, year: int) -> list[dict]:
    return _target_sections[0](user, year) if _target_sections else []
