"""Pure scoring rules of the year-end appraisal. No database here.

Every method gives a *method score* in points (0–100 for the weighted methods, more than 100
only under a ratio cap above 1). A weighted indicator contributes `weight × method score / 100`,
rounded half up to two decimals; a bonus contributes its (capped) points and a deduction minus
its (capped) points, whatever the weight. A subject's total is the sum of its contributions as
stored, so the indicator scores always add up exactly to the total."""

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
ZERO = Decimal("0")

RATIO_CAP = "ratio_cap"
EFFICACY = "efficacy"
TIERS = "tiers"
BONUS = "bonus"
DEDUCTION = "deduction"
WEIGHTED = (RATIO_CAP, EFFICACY, TIERS)
POINTS = (BONUS, DEDUCTION)

DEFAULT_TIERS = (
    (Decimal(100), Decimal(100)),
    (Decimal(80), Decimal(75)),
    (Decimal(50), Decimal(50)),
)


def q2(value) -> Decimal:
    """Two decimals, half up: the one rounding every stored score goes through."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def ratio(value, target) -> Decimal | None:
    """value / target; None without a positive target."""
    if value is None or target is None or Decimal(target) <= 0:
        return None
    return Decimal(value) / Decimal(target)


def ratio_cap(value, target, cap=Decimal("1.2")) -> Decimal | None:
    """Completion against a target, capped: min(value / target, cap) × 100 points. None when
    there is no positive target (the indicator then contributes nothing)."""
    r = ratio(value, target)
    if r is None:
        return None
    return q2(min(r, Decimal(cap)) * HUNDRED)


def efficacy(
    values: Mapping[str, Decimal | None],
    *,
    lower_is_better: bool = False,
    best: Decimal = HUNDRED,
    worst: Decimal = Decimal(60),
) -> dict[str, Decimal]:
    """The efficacy coefficient (功效系数法) over a field of subjects: the best value scores
    `best` (100), the worst `worst` (60), linear between. An all-equal field scores `best`
    for everyone. A subject without a value (no records) scores `worst`."""
    known = {k: Decimal(v) for k, v in values.items() if v is not None}
    out: dict[str, Decimal] = {}
    if not known:
        return {k: q2(worst) for k in values}
    hi, lo = max(known.values()), min(known.values())
    for key in values:
        v = known.get(key)
        if v is None:
            out[key] = q2(worst)
        elif hi == lo:
            out[key] = q2(best)
        else:
            share = (hi - v) / (hi - lo) if lower_is_better else (v - lo) / (hi - lo)
            out[key] = q2(worst + (best - worst) * share)
    return out


def tiers(value, target, steps: Iterable = DEFAULT_TIERS, otherwise=ZERO) -> Decimal | None:
    """Tiered completion: the points of the highest step whose threshold (% of target) the
    completion reaches, else `otherwise`. Default ≥100% → 100, ≥80% → 75, ≥50% → 50, else 0.
    None without a positive target."""
    r = ratio(value, target)
    if r is None:
        return None
    pct = r * HUNDRED
    for threshold, points in sorted(
        ((Decimal(t), Decimal(p)) for t, p in steps), key=lambda s: s[0], reverse=True
    ):
        if pct >= threshold:
            return q2(points)
    return q2(otherwise)


def bonus(count, per_item, cap=None) -> Decimal:
    """Bonus points: count × per item, at most `cap`."""
    points = Decimal(count or 0) * Decimal(per_item)
    if cap is not None:
        points = min(points, Decimal(cap))
    return q2(max(points, ZERO))


def deduction(count, per_item, cap=None) -> Decimal:
    """Deducted points (negative): count × per item, at most `cap` taken off."""
    return -bonus(count, per_item, cap)


def contribution(method: str, weight, method_score) -> Decimal:
    """What an indicator adds to a subject's total: weight × method score / 100 for the
    weighted methods, the points themselves for bonus and deduction. No score → 0."""
    if method_score is None:
        return q2(ZERO)
    if method in POINTS:
        return q2(method_score)
    return q2(Decimal(weight) * Decimal(method_score) / HUNDRED)


def total(contributions: Iterable[Decimal]) -> Decimal:
    return q2(sum((q2(c) for c in contributions), ZERO))


def competition_ranks(totals: Mapping[str, Decimal]) -> dict[str, int]:
    """Standard competition ranking, highest first: ties share a rank and the next rank
    skips (1, 1, 3)."""
    ordered = sorted(totals.values(), reverse=True)
    first_place = {}
    for i, value in enumerate(ordered, start=1):
        first_place.setdefault(value, i)
    return {key: first_place[value] for key, value in totals.items()}


# --- parameters per method -------------------------------------------------------------------


def _number(params, name, *, default=None, minimum=None, required=False) -> Decimal | None:
    raw = params.get(name, default)
    if raw is None:
        if required:
            raise ValueError(_("'%(name)s' is required.") % {"name": name})
        return None
    if isinstance(raw, bool):
        raise ValueError(_("'%(name)s' must be a number.") % {"name": name})
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise ValueError(_("'%(name)s' must be a number.") % {"name": name}) from None
    if not value.is_finite() or (minimum is not None and value < minimum):
        raise ValueError(
            _("'%(name)s' must be a number of at least %(min)s.") % {"name": name, "min": minimum}
        )
    if abs(value) > Decimal("1000000"):
        raise ValueError(_("'%(name)s' is too large.") % {"name": name})
    return value


ALLOWED_PARAMS = {
    RATIO_CAP: {"cap"},
    EFFICACY: {"lower_is_better"},
    TIERS: {"tiers", "otherwise"},
    BONUS: {"per_item", "cap"},
    DEDUCTION: {"per_item", "cap"},
}


def clean_params(method: str, params) -> dict:
    """Validate a method's parameters; returns them normalised (numbers as strings), or
    ValueError with a message naming the parameter at fault."""
    if method not in ALLOWED_PARAMS:
        raise ValueError(_("Unknown scoring method."))
    if params in (None, ""):
        params = {}
    if not isinstance(params, dict):
        raise ValueError(_("Parameters must be a JSON object."))
    unknown = sorted(set(params) - ALLOWED_PARAMS[method])
    if unknown:
        raise ValueError(_("Unknown parameter '%(name)s' for this method.") % {"name": unknown[0]})
    out: dict = {}
    if method == RATIO_CAP:
        cap = _number(params, "cap", default="1.2", minimum=Decimal("0.01"))
        if cap > 10:
            raise ValueError(_("'cap' must be at most 10 (ten times the target)."))
        out["cap"] = str(cap)
    elif method == EFFICACY:
        flag = params.get("lower_is_better", False)
        if not isinstance(flag, bool):
            raise ValueError(_("'lower_is_better' must be true or false."))
        out["lower_is_better"] = flag
    elif method == TIERS:
        steps = params.get("tiers", [[str(t), str(p)] for t, p in DEFAULT_TIERS])
        if not isinstance(steps, list) or not steps or len(steps) > 10:
            raise ValueError(
                _("'tiers' must be a list of 1 to 10 [threshold in percent, points] pairs.")
            )
        cleaned = []
        for step in steps:
            if not isinstance(step, list | tuple) or len(step) != 2:
                raise ValueError(
                    _("'tiers' must be a list of [threshold in percent, points] pairs.")
                )
            pair = {"threshold": step[0], "points": step[1]}
            t = _number(pair, "threshold", minimum=ZERO, required=True)
            p = _number(pair, "points", minimum=ZERO, required=True)
            if p > HUNDRED:
                raise ValueError(_("Tier points must be at most 100."))
            cleaned.append([str(t), str(p)])
        if len({t for t, _p in cleaned}) != len(cleaned):
            raise ValueError(_("Two tiers have the same threshold."))
        out["tiers"] = sorted(cleaned, key=lambda s: Decimal(s[0]), reverse=True)
        out["otherwise"] = str(_number(params, "otherwise", default="0", minimum=ZERO))
    else:
        out["per_item"] = str(_number(params, "per_item", minimum=ZERO, required=True))
        cap = _number(params, "cap", minimum=ZERO)
        if cap is not None:
            out["cap"] = str(cap)
    return out


def method_score(method: str, params: dict, *, value, target=None, field_score=None):
    """The method score of one subject: `field_score` is the efficacy score computed over the
    whole field (see `efficacy`)."""
    if method == RATIO_CAP:
        return ratio_cap(value, target, Decimal(params.get("cap", "1.2")))
    if method == TIERS:
        steps = params.get("tiers") or DEFAULT_TIERS
        return tiers(value, target, steps, Decimal(params.get("otherwise", "0")))
    if method == EFFICACY:
        return field_score
    cap = params.get("cap")
    if method == BONUS:
        return bonus(value, Decimal(params["per_item"]), cap)
    if method == DEDUCTION:
        return deduction(value, Decimal(params["per_item"]), cap)
    raise ValueError(method)
