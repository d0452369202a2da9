"""The introducers' reward (重奖引资人): each year's scheme has a reward rule — which projects
count (industry sections of GB/T 4754, by default industry: B mining, C manufacturing, D
utilities), the basis (foreign capital arrived in the year on those projects, or contracted in
the year by them), a rate in 10k CNY per 10k USD, higher rates on the part above thresholds
(tiers), a minimum basis below which nobody is rewarded, and a cap per person.

`reward_amount` is the rule itself, pure and computed by hand in the tests; `read_rewards`
reads the records behind each introducer's basis (the same introducers and labels as the
appraisal's individuals: staff, agents and enterprises)."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from config.errors import DomainError
from projects.models import CapitalArrival, Project
from projects.selectors import FOREIGN_INVESTED
from reference.industries import SECTIONS

from .models import RewardBasis
from .sources.people import INTRODUCERS, people

ZERO = Decimal("0")
CENT = Decimal("0.01")
SECTION_CODES = {code for code, _zh, _en in SECTIONS}


def clean_sections(text: str) -> str:
    """ "b, c,D" → "B,C,D"; DomainError on `reward_sections` for an unknown letter or none."""
    letters = [x.strip().upper() for x in (text or "").split(",") if x.strip()]
    unknown = [x for x in letters if x not in SECTION_CODES]
    if unknown or not letters:
        raise DomainError(
            _("Give GB/T 4754 section letters separated by commas, e.g. B,C,D."),
            field="reward_sections",
        )
    return ",".join(sorted(set(letters)))


def clean_tiers(tiers) -> list[list[str]]:
    """[[threshold (10k USD), rate], …] with increasing positive thresholds and rates ≥ 0,
    normalised to strings; DomainError on `reward_tiers` otherwise."""
    message = _('Give the tiers as [["threshold", "rate"], …] with increasing thresholds.')
    if tiers in (None, ""):
        return []
    if not isinstance(tiers, list):
        raise DomainError(message, field="reward_tiers")
    out, last = [], ZERO
    for t in tiers:
        if not isinstance(t, list | tuple) or len(t) != 2:
            raise DomainError(message, field="reward_tiers")
        try:
            threshold, rate = Decimal(str(t[0])), Decimal(str(t[1]))
        except (InvalidOperation, ValueError):
            raise DomainError(message, field="reward_tiers") from None
        if not threshold.is_finite() or not rate.is_finite():
            raise DomainError(message, field="reward_tiers")
        if threshold <= last or rate < 0:
            raise DomainError(message, field="reward_tiers")
        out.append([str(threshold), str(rate)])
        last = threshold
    return out


def rule_state(scheme) -> dict:
    """The reward rule as the appraisal is computed, kept with it."""
    return {
        "sections": scheme.reward_sections,
        "basis": scheme.reward_basis,
        "rate": str(scheme.reward_rate),
        "tiers": clean_tiers(scheme.reward_tiers),
        "minimum_usd_10k": str(scheme.reward_minimum_usd_10k),
        "cap_cny_10k": None
        if scheme.reward_cap_cny_10k is None
        else str(scheme.reward_cap_cny_10k),
    }


def reward_amount(basis_usd_10k: Decimal, rule: dict) -> tuple[Decimal, bool, list[dict]]:
    """(reward in 10k CNY, whether the cap applied, the steps): nothing below the minimum;
    the base rate on the part up to the first tier's threshold, each tier's rate on the part
    above its threshold (up to the next one); the sum rounded half up to the cent, then
    capped."""
    basis = Decimal(basis_usd_10k)
    if basis <= 0 or basis < Decimal(rule["minimum_usd_10k"]):
        return ZERO, False, []
    bands = [(ZERO, Decimal(rule["rate"]))] + [
        (Decimal(t), Decimal(r)) for t, r in rule.get("tiers") or []
    ]
    steps, total = [], ZERO
    for i, (start, rate) in enumerate(bands):
        end = bands[i + 1][0] if i + 1 < len(bands) else None
        if basis <= start:
            break
        part = (min(basis, end) if end is not None else basis) - start
        amount = part * rate
        total += amount
        steps.append(
            {
                "from": str(start),
                "to": None if end is None else str(end),
                "base": str(part),
                "rate": str(rate),
                "amount": str(amount.quantize(CENT, ROUND_HALF_UP)),
            }
        )
    total = total.quantize(CENT, ROUND_HALF_UP)
    cap = rule.get("cap_cny_10k")
    if cap is not None and total > Decimal(cap):
        return Decimal(cap).quantize(CENT), True, steps
    return total, False, steps


def _basis_records(rule: dict, year: int) -> dict[str, tuple[Decimal, list[dict]]]:
    """Per introducer key ("user:3", "agent:4", "investor:9"): the basis and its records."""
    sections = [s for s in rule["sections"].split(",") if s]
    out: dict[str, list] = defaultdict(lambda: [ZERO, []])
    for prefix, fld in INTRODUCERS.items():
        if rule["basis"] == RewardBasis.ARRIVED:
            rows = (
                CapitalArrival.objects.filter(
                    date__year=year,
                    project__industry__code__in=sections,
                    **{f"project__{fld}__isnull": False},
                )
                .order_by("date", "pk")
                .values(
                    "pk", "date", "amount_usd_10k", "project_id", "project__name", f"project__{fld}"
                )
            )
            for a in rows:
                g = out[f"{prefix}:{a[f'project__{fld}']}"]
                g[0] += a["amount_usd_10k"]
                g[1].append(
                    {
                        "type": "arrival",
                        "id": a["pk"],
                        "project": a["project_id"],
                        "label": a["project__name"],
                        "date": str(a["date"]),
                        "amount": str(a["amount_usd_10k"]),
                    }
                )
        else:
            rows = (
                Project.objects.filter(
                    FOREIGN_INVESTED,
                    contract_date__year=year,
                    industry__code__in=sections,
                    **{f"{fld}__isnull": False},
                )
                .order_by("contract_date", "pk")
                .values("pk", "name", "contract_date", "contracted_fdi_usd_10k", fld)
            )
            for p in rows:
                g = out[f"{prefix}:{p[fld]}"]
                g[0] += p["contracted_fdi_usd_10k"] or ZERO
                g[1].append(
                    {
                        "type": "project",
                        "id": p["pk"],
                        "label": p["name"],
                        "date": str(p["contract_date"]),
                        "amount": str(p["contracted_fdi_usd_10k"] or ZERO),
                    }
                )
    return {k: (v[0], v[1]) for k, v in out.items()}


def read_rewards(rule: dict, year: int) -> list[dict]:
    """Every introducer whose basis earns a reward under the rule, highest reward first:
    {subject_key, label_zh_hans, label_en, basis, basis_usd_10k, amount_cny_10k, capped,
    steps, records}."""
    labels = {s.key: s for s in people(year)}
    rows = []
    for key, (basis, records) in _basis_records(rule, year).items():
        amount, capped, steps = reward_amount(basis, rule)
        if amount <= 0:
            continue
        subject = labels.get(key)
        rows.append(
            {
                "subject_key": key,
                "label_zh_hans": (subject.label_zh_hans if subject else key)[:200],
                "label_en": (subject.label_en if subject else key)[:200],
                "basis": rule["basis"],
                "basis_usd_10k": basis.quantize(CENT, ROUND_HALF_UP),
                "amount_cny_10k": amount,
                "capped": capped,
                "steps": steps,
                "records": records,
            }
        )
    return sorted(
        rows, key=lambda r: (-r["amount_cny_10k"], -r["basis_usd_10k"], r["label_zh_hans"])
    )
