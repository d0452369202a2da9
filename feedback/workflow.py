"""The case workflow of the 110 office, as data: each action, the statuses it starts from,
the status it leads to, and who takes it (`office`: the complaint office and admins; `unit`:
staff of the case's unit). Services ask `check`; pages and the API never re-check."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import CaseStatus as S


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the status stays (an appeal is filed or refused)
    actor: str  # "office" or "unit"


# The unit appeals (提出申诉); the office reviews and decides (复核结论): two distinct words, so
# neither button reads like the other.
ACTIONS = {
    a.code: a
    for a in (
        Action("assign", _("Assign to the unit"), (S.RECEIVED,), S.ASSIGNED, "office"),
        Action("rectify", _("Report rectification"), (S.ASSIGNED,), S.RECTIFIED, "unit"),
        Action("explain", _("Explain (解释说明)"), (S.ASSIGNED,), S.EXPLAINED, "unit"),
        Action(
            "callback",
            _("Record the callback (回访)"),
            (S.RECTIFIED, S.EXPLAINED),
            S.CALLBACK_DONE,
            "office",
        ),
        Action("close", _("Close"), (S.CALLBACK_DONE,), S.CLOSED, "office"),
        Action(
            "appeal",
            pgettext_lazy("case action", "Appeal"),
            (S.ASSIGNED, S.RECTIFIED, S.EXPLAINED),
            None,
            "unit",
        ),
        Action(
            "decide_appeal",
            pgettext_lazy("case action", "Review decision"),
            (S.ASSIGNED, S.RECTIFIED, S.EXPLAINED),
            None,
            "office",
        ),
    )
}

OPEN_STATUSES = (S.RECEIVED, S.ASSIGNED, S.RECTIFIED, S.EXPLAINED, S.CALLBACK_DONE)
# The unit's part is done once it rectified or explained: a case is overdue only before.
AWAITING_UNIT = (S.RECEIVED, S.ASSIGNED)
