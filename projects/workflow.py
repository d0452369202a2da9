"""The project stage workflow, declared in one place.

intent 意向/洽谈 → contract 签约 → approval 审批/备案 → groundbreaking 开工 → operation 投产.
A move goes forward one step. Moving back one step is a correction (reason required, bureau or
admin only). Gates name what a stage needs before a project may enter it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Stage:
    code: str
    label: str
    date_field: str


STAGES: tuple[Stage, ...] = (
    Stage("intent", _("Intent / negotiation"), "intent_date"),
    Stage("contract", _("Contract signed"), "contract_date"),
    Stage("approval", _("Approval / registration"), "approval_date"),
    Stage("groundbreaking", _("Groundbreaking"), "groundbreaking_date"),
    Stage("operation", _("In operation"), "operation_date"),
)
STAGE_CODES = tuple(s.code for s in STAGES)
STAGE_CHOICES = [(s.code, s.label) for s in STAGES]
BY_CODE = {s.code: s for s in STAGES}
FIRST = STAGES[0].code
LAST = STAGES[-1].code


def index_of(code: str) -> int:
    return STAGE_CODES.index(code)


def next_stage(code: str) -> str | None:
    i = index_of(code)
    return STAGE_CODES[i + 1] if i + 1 < len(STAGE_CODES) else None


def previous_stage(code: str) -> str | None:
    i = index_of(code)
    return STAGE_CODES[i - 1] if i > 0 else None


def date_field(code: str) -> str:
    return BY_CODE[code].date_field


# Gates: for each stage, the checks a project must pass to enter it. A check returns
# (field, message) when the project falls short, else None.
Gate = Callable[[object], tuple[str, str] | None]


def _needs_investor(p):
    if not p.investor_id:
        return "investor", _("A signed contract needs the investor.")
    return None


def _needs_total_investment(p):
    if not p.total_investment_cny_10k:
        return "total_investment_cny_10k", _("A signed contract needs the total investment.")
    return None


def _needs_contracted_fdi(p):
    if p.is_foreign_invested and not p.contracted_fdi_usd_10k:
        return "contracted_fdi_usd_10k", _(
            "A foreign or Hong Kong/Macao/Taiwan project needs its contracted foreign capital "
            "before the contract stage."
        )
    return None


def _needs_enterprise_type(p):
    if not p.enterprise_type:
        return "enterprise_type", _("Approval or registration needs the enterprise type.")
    return None


def _needs_industry(p):
    if not p.industry_id:
        return "industry", _("Approval or registration needs the industry (GB/T 4754 section).")
    return None


def assignment_in_force_q(today=None, prefix: str = "") -> Q:
    """The liaison assignments in force on `today`: started, not ended, not voided as entered
    in error (the same rule as liaison.selectors.assignments_in_force). `prefix` reaches them
    through a relation, e.g. "liaison_assignments__" from projects. The pipeline reads the
    assignments through the reverse relation only: projects/ never imports liaison/."""
    today = today or timezone.localdate()
    return (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})) & Q(
        **{f"{prefix}start_date__lte": today, f"{prefix}voided_at__isnull": True}
    )


def _needs_liaison(p):
    if not p.pk or not p.liaison_assignments.filter(assignment_in_force_q()).exists():
        return "to", _(
            "Groundbreaking needs a responsible liaison unit: assign one to the project first."
        )
    return None


GATES: dict[str, tuple[Gate, ...]] = {
    "intent": (),
    "contract": (_needs_investor, _needs_total_investment, _needs_contracted_fdi),
    "approval": (_needs_enterprise_type, _needs_industry),
    "groundbreaking": (),
    "operation": (),
}


# Entry gates are checked only when a project moves into the stage, not on every later edit:
# an assignment may end or be voided afterwards without making the project uneditable (the
# bureau dashboard lists projects that need one).
ENTRY_GATES: dict[str, tuple[Gate, ...]] = {
    "groundbreaking": (_needs_liaison,),
}


def gate_failures(project, stage: str, *, entering: bool = False) -> list[tuple[str, str]]:
    """Every gate of `stage` (and of the stages before it) the project does not pass; with
    `entering`, also the entry gates of `stage` itself (a move into it)."""
    failures = []
    for code in STAGE_CODES[: index_of(stage) + 1]:
        for gate in GATES[code]:
            result = gate(project)
            if result:
                failures.append(result)
    if entering:
        for gate in ENTRY_GATES.get(stage, ()):
            result = gate(project)
            if result:
                failures.append(result)
    return failures
