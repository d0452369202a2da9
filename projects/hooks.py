"""What a higher app registers here so that the pipeline never imports it: `targets_panel(request,
year)` returns HTML shown under the targets table (the year-end forecast, from `forecast`);
without one the targets page shows the progress alone."""

from collections.abc import Callable

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

_targets_panel: list[Callable] = []


def provide_targets_panel(func: Callable) -> Callable:
    _targets_panel[:] = [func]
    return func


def targets_panel(request, year: int) -> str:
    # Each panel is a rendered template (safe); anything else is escaped.
    return mark_safe(  # noqa: S308
        "".join(conditional_escape(func(request, year)) for func in _targets_panel)
    )
