"""Pure scoring rules of the year-end appraisal. No database here.

Every method gives a *method score* in points (0–100 for the weighted methods, more than 100
only under a ratio cap above 1). Scores are kept unrounded (to `EXACT`, ten decimals, as they
are stored) and rounded once, for display:

- A subject without data on a weighted indicator (no value, or no target for a target-based
  one, or a small field with no standard to fall back on) gets what the indicator's `missing`
  parameter says: `redistribute` (the default: the indicator's weight is spread over the
  subject's other weighted indicators of the same kind, in proportion to their weights),
  `full` (full marks, 100) or `average` (the average method score of the subjects with data).
- The efficacy coefficient needs a field: with fewer than `min_field` subjects with data (a
  scheme setting, default 3) or all their values equal, the indicator falls back to a ratio
  against the indicator's `standard` (min(value ÷ standard, 1) × 100; for `lower_is_better`
  min(standard ÷ value, 1) × 100). A figure beyond any finite value (capital attracted at no
  recorded cost) is the top of its field.
- A weighted indicator contributes `effective weight × method score / 100`; a bonus its
  (capped) points and a deduction minus its (capped) points, whatever the weight.
- A subject's total is the sum of its unrounded contributions, rounded half up to two
  decimals; the contributions shown are rounded to cents by the largest remainder (half up
  when that adds up, which is nearly always), so that they add up exactly to the total shown."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.i18n import list_join

CENT = Decimal("0.01")
EXACT = Decimal("1e-10")  # what "unrounded" keeps: ten decimals, as stored
HUNDRED = Decimal("100")
ZERO = Decimal("0")

RATIO_CAP = "ratio_cap"
EFFICACY = "efficacy"
TIERS = "tiers"
BONUS = "bonus"
DEDUCTION = "deduction"
WEIGHTED = (RATIO_CAP, EFFICACY, TIERS)
POINTS = (BONUS, DEDUCTION)

# What a subject without data gets (the indicator's `missing` parameter).
REDISTRIBUTE, FULL, AVERAGE = "redistribute", "full", "average"
MISSING_RULES = (REDISTRIBUTE, FULL, AVERAGE)
DEFAULT_MIN_FIELD = 3

# Which rule scored a subject on an indicator (stored with the score, explained on the page).
RULE_RATIO = "ratio"  # ratio_cap: value ÷ target, capped
RULE_TIERS = "tiers"
RULE_EFFICACY = "efficacy"  # the efficacy coefficient over the field
RULE_STANDARD = "standard"  # a field too small or all equal: value against the standard
RULE_BEST = "best"  # beyond any finite value (no recorded cost): the top of the field
RULE_POINTS = "points"  # bonus or deduction
RULE_REDISTRIBUTED = "missing_redistributed"
RULE_FULL = "missing_full"
RULE_AVERAGE = "missing_average"
MISSING = {REDISTRIBUTE: RULE_REDISTRIBUTED, FULL: RULE_FULL, AVERAGE: RULE_AVERAGE}

# Why a subject has no data on an indicator.
NO_DATA, NO_TARGET, NO_STANDARD = "no_data", "no_target", "no_standard"

DEFAULT_TIERS = (
    (Decimal(100), Decimal(100)),
    (Decimal(80), Decimal(75)),
    (Decimal(50), Decimal(50)),
)


def q2(value) -> Decimal:
    """Two decimals, half up: the one rounding of what is shown."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def qx(value) -> Decimal:
    """Unrounded as kept and stored: ten decimals, half up."""
    return Decimal(value).quantize(EXACT, rounding=ROUND_HALF_UP)


def ratio(value, target) -> Decimal | None:
    """value / target; None without a positive target."""
    if value is None or target is None or Decimal(target) <= 0:
        return None
    return Decimal(value) / Decimal(target)


def ratio_cap(value, target, cap=Decimal("1.2")) -> Decimal | None:
    """Completion against a target, capped: min(value / target, cap) × 100 points. None when
    there is no positive target (no data: see `score_field`)."""
    r = ratio(value, target)
    if r is None:
        return None
    return qx(min(r, Decimal(cap)) * HUNDRED)


def efficacy(
    values: Mapping[str, Decimal],
    *,
    lower_is_better: bool = False,
    best: Decimal = HUNDRED,
    worst: Decimal = Decimal(60),
) -> dict[str, Decimal]:
    """The efficacy coefficient (功效系数法) over a field of values: the best scores `best`
    (100), the worst `worst` (60), linear between. Every value must be known and the field
    must have a spread (see `score_field`, which falls back to a standard otherwise)."""
    known = {k: Decimal(v) for k, v in values.items()}
    hi, lo = max(known.values()), min(known.values())
    if hi == lo:
        raise ValueError("efficacy needs a field whose values differ")
    out = {}
    for key, v in known.items():
        share = (hi - v) / (hi - lo) if lower_is_better else (v - lo) / (hi - lo)
        out[key] = qx(worst + (best - worst) * share)
    return out


def against_standard(value, standard, *, lower_is_better: bool = False) -> Decimal:
    """A value against the standard that scores full marks, capped at 100: value ÷ standard,
    or standard ÷ value for a figure where lower is better (0 then scores 100)."""
    value, standard = Decimal(value), Decimal(standard)
    if lower_is_better:
        share = Decimal(1) if value <= standard else standard / value
    else:
        share = Decimal(1) if standard <= 0 else value / standard
    return qx(max(ZERO, min(share, Decimal(1))) * HUNDRED)


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
            return qx(points)
    return qx(otherwise)


def bonus(count, per_item, cap=None) -> Decimal:
    """Bonus points: count × per item, at most `cap`."""
    points = Decimal(count or 0) * Decimal(per_item)
    if cap is not None:
        points = min(points, Decimal(cap))
    return qx(max(points, ZERO))


def deduction(count, per_item, cap=None) -> Decimal:
    """Deducted points (negative): count × per item, at most `cap` taken off."""
    return -bonus(count, per_item, cap)


@dataclass(frozen=True)
class Point:
    """What a source read for one subject: its value, target, and whether it is beyond any
    finite value (the top of the field)."""

    value: Decimal | None
    target: Decimal | None = None
    best: bool = False


@dataclass(frozen=True)
class Scored:
    """How one subject scored on one indicator: the method score (None: no data and its weight
    is spread over the subject's other indicators), the rule that gave it, why data was
    missing, and the field it was judged in."""

    method_score: Decimal | None
    rule: str
    missing: str = ""
    field_size: int = 0


def _method_points(method, params, p: Point) -> Decimal | None:
    if method == RATIO_CAP:
        return ratio_cap(p.value, p.target, Decimal(params.get("cap", "1.2")))
    if method == TIERS:
        steps = params.get("tiers") or DEFAULT_TIERS
        return tiers(p.value, p.target, steps, Decimal(params.get("otherwise", "0")))
    cap = params.get("cap")
    if method == BONUS:
        return bonus(p.value, Decimal(params["per_item"]), cap)
    if method == DEDUCTION:
        return deduction(p.value, Decimal(params["per_item"]), cap)
    raise ValueError(method)


def score_field(
    method: str, params: dict, points: Mapping[str, Point], *, min_field: int = DEFAULT_MIN_FIELD
) -> dict[str, Scored]:
    """Score every subject of a field on one indicator (see the module's rules). Bonuses and
    deductions count items: no items is 0 points, never missing data."""
    if method in POINTS:
        return {
            k: Scored(_method_points(method, params, p), RULE_POINTS) for k, p in points.items()
        }
    scored: dict[str, Scored] = {}
    without: dict[str, str] = {}
    if method in (RATIO_CAP, TIERS):
        rule = RULE_RATIO if method == RATIO_CAP else RULE_TIERS
        with_data = [k for k, p in points.items() if p.value is not None and not p.best]
        for key, p in points.items():
            if p.value is None:
                without[key] = NO_DATA
            elif ratio(p.value, p.target) is None:
                without[key] = NO_TARGET
            else:
                scored[key] = Scored(
                    _method_points(method, params, p), rule, field_size=len(with_data)
                )
    elif method == EFFICACY:
        lower = params.get("lower_is_better", False)
        finite = {
            k: Decimal(p.value) for k, p in points.items() if p.value is not None and not p.best
        }
        tops = [k for k, p in points.items() if p.best]
        n = len(finite) + len(tops)
        spread = len(set(finite.values())) > 1
        for key in tops:
            scored[key] = Scored(qx(HUNDRED), RULE_BEST, field_size=n)
        if n >= min_field and spread:
            for key, ms in efficacy(finite, lower_is_better=lower).items():
                scored[key] = Scored(ms, RULE_EFFICACY, field_size=n)
        elif params.get("standard") is not None:
            standard = Decimal(params["standard"])
            for key, v in finite.items():
                ms = against_standard(v, standard, lower_is_better=lower)
                scored[key] = Scored(ms, RULE_STANDARD, field_size=n)
        else:
            without.update(dict.fromkeys(finite, NO_STANDARD))
        for key, p in points.items():
            if p.value is None and not p.best:
                without[key] = NO_DATA
    else:
        raise ValueError(method)
    rule = params.get("missing", REDISTRIBUTE)
    known = [s.method_score for s in scored.values()]
    if rule == AVERAGE and not known:
        rule = REDISTRIBUTE  # no one has data: there is no average to give
    n = len(scored)
    for key, why in without.items():
        if rule == FULL:
            scored[key] = Scored(qx(HUNDRED), RULE_FULL, why, n)
        elif rule == AVERAGE:
            scored[key] = Scored(qx(sum(known, ZERO) / len(known)), RULE_AVERAGE, why, n)
        else:
            scored[key] = Scored(None, RULE_REDISTRIBUTED, why, n)
    return {k: scored[k] for k in points}


def effective_weights(parts: Sequence[tuple[str, Decimal, Scored]]) -> list[Decimal]:
    """Each indicator's weight for one subject, given [(method, scheme weight, Scored)]: an
    indicator whose weight is redistributed weighs 0 and the subject's other weighted
    indicators share its weight in proportion to their own (they still add up to the scheme's
    weights). Bonuses and deductions weigh nothing."""
    weighted = [(m, Decimal(w), s) for m, w, s in parts]
    scheme_total = sum((w for m, w, _s in weighted if m in WEIGHTED), ZERO)
    kept = sum((w for m, w, s in weighted if m in WEIGHTED and s.method_score is not None), ZERO)
    out = []
    for method, weight, s in weighted:
        if method not in WEIGHTED or s.method_score is None or kept == 0:
            out.append(ZERO)
        else:
            out.append(qx(weight * scheme_total / kept))
    return out


def contribution(method: str, weight, method_score) -> Decimal:
    """What an indicator adds to a subject's total, unrounded: weight × method score / 100 for
    the weighted methods, the points themselves for bonus and deduction. No score → 0."""
    if method_score is None:
        return qx(ZERO)
    if method in POINTS:
        return qx(method_score)
    return qx(Decimal(weight) * Decimal(method_score) / HUNDRED)


def total(contributions: Iterable[Decimal]) -> Decimal:
    """The total shown: the sum of the unrounded contributions, rounded half up once."""
    return q2(sum((Decimal(c) for c in contributions), ZERO))


def shares(contributions: Sequence[Decimal]) -> list[Decimal]:
    """The contributions as shown, in cents, adding up exactly to `total(contributions)`:
    each rounded down, then the cents missing given to the largest remainders (the earlier
    indicator first among equal ones). Where rounding each half up already adds up, this is
    exactly that."""
    exact = [Decimal(c) for c in contributions]
    floors = [c.quantize(CENT, rounding=ROUND_FLOOR) for c in exact]
    cents = int((total(exact) - sum(floors, ZERO)) / CENT)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:cents]:
        floors[i] += CENT
    return floors


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
    RATIO_CAP: {"cap", "missing"},
    EFFICACY: {"lower_is_better", "standard", "missing"},
    TIERS: {"tiers", "otherwise", "missing"},
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
        standard = _number(params, "standard", minimum=ZERO)
        if standard is not None:
            if standard == 0 and not flag:
                raise ValueError(_("'standard' must be above 0."))
            out["standard"] = str(standard)
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
    if method in WEIGHTED:
        missing = params.get("missing", REDISTRIBUTE)
        if missing not in MISSING_RULES:
            raise ValueError(
                _("'missing' must be one of %(rules)s.") % {"rules": ", ".join(MISSING_RULES)}
            )
        out["missing"] = missing
    return out


# --- what the page and the API say -------------------------------------------------------------


def _names_in_language(items) -> str:
    en = (get_language() or "").startswith("en")
    return list_join((i.get("en") or i.get("zh_hans")) if en else i.get("zh_hans") for i in items)


def _plain(value) -> str:
    if value in (None, ""):
        return "—"
    d = Decimal(str(value))
    return f"{d.normalize():f}" if d == d.to_integral() else f"{q2(d).normalize():f}"


def explain(x: Mapping, method: str, weight=None) -> str:
    """One or two sentences, in the active language, saying which rule scored a subject on an
    indicator and, where data was missing, what the subject got instead: built per request
    from the stored explanation (`x`) and the weight the indicator carried."""
    rule = x.get("rule", "")
    n, least = x.get("field_size", 0), x.get("min_field", DEFAULT_MIN_FIELD)
    standard = x.get("standard")
    lower = (x.get("params") or {}).get("lower_is_better", False)
    out = []
    if x.get("detail", {}).get("default_target"):
        out.append(_("No targets are set for the year: scored against the default target."))
    if rule == RULE_RATIO:
        cap = Decimal((x.get("params") or {}).get("cap", "1.2")) * HUNDRED
        out.append(
            _("Completion against the target, value ÷ target × 100, at most %(cap)s.")
            % {"cap": _plain(cap)}
        )
    elif rule == RULE_TIERS:
        out.append(_("Tiers of completion against the target."))
    elif rule == RULE_EFFICACY:
        out.append(
            _(
                "Efficacy coefficient over the %(n)s subjects with data: the best 100, the "
                "worst 60, linear between."
            )
            % {"n": n}
        )
    elif rule == RULE_STANDARD:
        if n < least:
            why = _("Only %(n)s subjects with data (the field needs %(min)s)") % {
                "n": n,
                "min": least,
            }
        else:
            why = _("All %(n)s subjects with data have the same value") % {"n": n}
        if lower:
            how = _(
                "scored against the standard: %(s)s or lower is 100, above it standard ÷ value."
            )
        else:
            how = _("scored against the standard: value ÷ %(s)s × 100, at most 100.")
        out.append(_("%(why)s: %(how)s") % {"why": why, "how": how % {"s": _plain(standard)}})
    elif rule == RULE_BEST:
        fdi = x.get("detail", {}).get("utilized_fdi_usd_10k")
        if fdi:
            out.append(
                _(
                    "Attracted %(fdi)s (10k USD) at no recorded promotion cost: the top of the "
                    "field, 100."
                )
                % {"fdi": _plain(fdi)}
            )
        else:
            out.append(_("Beyond any value of the field: the top of it, 100."))
    elif rule in (RULE_REDISTRIBUTED, RULE_FULL, RULE_AVERAGE):
        why = {
            NO_TARGET: _("No target is set for this indicator"),
            NO_STANDARD: _(
                "Too few subjects with data (or all equal) and no standard to score against"
            ),
        }.get(x.get("missing"), _("No data for this indicator"))
        if rule == RULE_FULL:
            what = _("full marks (100), as the scheme says.")
        elif rule == RULE_AVERAGE:
            what = _("the average method score of the %(n)s subjects with data, %(avg)s.") % {
                "n": n,
                "avg": _plain(x.get("method_score")),
            }
        elif x.get("redistributed"):
            what = _(
                "its weight %(w)s is spread over %(names)s, in proportion to their weights."
            ) % {
                "w": _plain(x.get("scheme_weight")),
                "names": _names_in_language(x["redistributed"]),
            }
        else:
            what = _("no other indicator has data to carry its weight.")
        out.append(_("%(why)s: %(how)s") % {"why": why, "how": what})
    if (
        method in WEIGHTED
        and rule != RULE_REDISTRIBUTED
        and x.get("redistributed")
        and weight is not None
    ):
        out.append(
            _(
                "Weight %(scheme)s raised to %(w)s: it carries its share of the weight of "
                "%(names)s (no data)."
            )
            % {
                "scheme": _plain(x.get("scheme_weight")),
                "w": _plain(weight),
                "names": _names_in_language(x["redistributed"]),
            }
        )
    return ("" if (get_language() or "").startswith("zh") else " ").join(str(s) for s in out)
