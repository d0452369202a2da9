"""What a higher app registers here so that liaison never imports it. `feedback` fills these in
when it is ready (feedback.apps); without it liaison works on its own (no open cases counted).

- `open_case_counts()`: per liaison unit id, how many of its cases at the complaint office are
  still open (used to rank the units suggested for an assignment).
"""

from collections.abc import Callable

_open_case_counts: list[Callable[[], dict[int, int]]] = []


def provide_open_case_counts(func: Callable[[], dict[int, int]]) -> Callable:
    _open_case_counts[:] = [func]
    return func


def open_case_counts() -> dict[int, int]:
    return _open_case_counts[0]() if _open_case_counts else {}
