"""What a higher app registers here so that the pipeline never imports it:

- `targets_panel(request, year)`: HTML shown under the targets table (the year-end forecast,
  from `forecast`); without one the targets page shows the progress alone.
- `office_editable(user)`: a filter (Q) of the projects an industry-office user may change
  (those linked to their office's chains, from `chains`), or None when the user has none;
  without it no industry-office user edits a project.
- `target_sections(user, year)`: further sections of the targets page, each
  `{"template": …, "progress": …}` (the chains' targets with the person responsible).
- `chain_choices()`: the chains and their links (grouped by chain) as the project list's
  filter offers them, labelled per request.
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


_chain_choices: list[Callable] = []


def provide_chain_choices(func: Callable) -> Callable:
    _chain_choices[:] = [func]
    return func


def chain_choices() -> tuple[list, list]:
    """The chains and their links for the project list's selects, labelled in the active
    language: `([(id, label, lang)], [(group label, [(id, label, lang)])])`, `lang` being
    "zh-Hans" where the label is Chinese for want of a translation, else "". Empty without the
    chains app."""
    return _chain_choices[0]() if _chain_choices else ([], [])
