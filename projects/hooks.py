"""What a higher app registers here so that the pipeline never imports it. `chains` fills this
in when it is ready (chains.apps); without it no industry-office user edits a project.

- `office_editable(user)`: a filter (Q) of the projects an industry-office user may change
  (those linked to their office's chains), or None when the user has none.
- `target_sections(user, year)`: further sections of the targets page, each
  `{"template": …, "progress": …}` (the chains' targets with the person responsible).
"""

from collections.abc import Callable

from django.db.models import Q

_office_editable: list[Callable] = []
_target_sections: list[Callable] = []


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
