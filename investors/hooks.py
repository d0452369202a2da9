"""What the pipeline (a higher app) registers here so that the investor database never imports
it. `projects.investor_hooks` fills these in when the projects app is ready; without them the
investor database works on its own (no projects to show, none to move).

- `country_changed(investor, user=…)`: an investor's country changed (the pipeline re-copies it onto
  the capital arrivals that the statistics group by country).
- `projects_of(user, investor)`: the investor's projects the user may see, as rows
  `{"name", "url", "stage", "region"}`.
- `activity_returns(activity_ids)`: per promotion activity, the projects credited to it and
  their contracted and utilized foreign capital.
- movers: how a relation to investors that the pipeline owns is moved by a merge (with the
  pipeline's own history), keyed like the entries of `investors.merge.MERGE_RELATIONS`.
"""

from collections.abc import Callable

_country_changed: list[Callable] = []
_projects_of: list[Callable] = []
_activity_returns: list[Callable] = []
movers: dict[tuple[str, str], Callable] = {}


def on_country_changed(func: Callable) -> Callable:
    if func not in _country_changed:
        _country_changed.append(func)
    return func


def provide_projects_of(func: Callable) -> Callable:
    _projects_of[:] = [func]
    return func


def provide_activity_returns(func: Callable) -> Callable:
    _activity_returns[:] = [func]
    return func


def register_mover(label: str, field: str, func: Callable) -> None:
    movers[(label, field)] = func


def country_changed(investor, *, user) -> None:
    for func in _country_changed:
        func(investor, user=user)


def projects_of(user, investor) -> list[dict]:
    return _projects_of[0](user, investor) if _projects_of else []


def activity_returns(activity_ids) -> dict:
    return _activity_returns[0](activity_ids) if _activity_returns else {}
