"""What a higher app registers here so that the pipeline never imports it. `chains` fills this
in when it is ready (chains.apps); without it no industry-office user edits a project.

- `office_editable(user)`: a filter (Q) of the projects an industry-office user may change
  (those linked to their office's chains), or None when the user has none.
"""

from collections.abc import Callable

from django.db.models import Q

_office_editable: list[Callable] = []


def provide_office_editable(func: Callable) -> Callable:
    _office_editable[:] = [func]
    return func


def office_editable(user) -> Q | None:
    return _office_editable[0](user) if _office_editable else None
