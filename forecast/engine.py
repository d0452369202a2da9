"""The year-end forecast, computed from what was known on one day (docs/statistics.md, Forecast).

Pure Python on plain rows (no ORM here): `snapshot.py` reads them from the live tables (today)
or from the history tables (a past month-end for the backtest), so both go through the same
arithmetic.

- Stages: intent → contract → approval → groundbreaking (the three moves that the targets
  count). For each move s → s+1 the city's history gives the time it took (days, the movers'
  durations: the distribution F) and the conversion rate p: movers k over trials n, where a
  dropped project is a failed trial and a project still open at stage s counts as F(age) of a
  trial (the share of the usual waiting time it has already been seen through). Per group
  (industry section × size band) the rate is shrunk toward the city's:
  p_g = (k_g + m·p_city) / (n_g + m), m = FORECAST_PRIOR_STRENGTH.
- An open project at stage s, age a days, with r days left in the year moves on in month step
  j of the rest of the year with probability p·(F(a+(j+1)L) − F(a+jL)) / (1 − p·F(a)) (L = r
  over the number of month steps); each later move starts at the end of the step the project
  entered its stage in, from age 0.
- Capital: contributions a project's schedule sets for the rest of the year arrive at the rate
  the city's schedules were kept; other approved foreign projects receive the share of their
  contracted capital that the city's lag curve G (the share of contracted capital arrived by a
  given time after approval) puts in the rest of the year, at most what is left; projects
  approved in the rest of the year contribute by the same curve from their approval step.
- The year-end figure of a scope is its figure to date plus independent Bernoulli terms (one per
  project) and, for projects negotiated, a Poisson number of new intents at the region's pace of
  the last 365 days. The 10th-90th percentile range is by Monte Carlo with a fixed seed where
  the terms are few, else from the normal approximation; either is deterministic for a given
  day and data.
"""

import bisect
import hashlib
import heapq
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

STAGES = ("intent", "contract", "approval", "groundbreaking", "operation")
INTENT, CONTRACT, APPROVAL, GROUNDBREAKING = 0, 1, 2, 3
MOVES = (INTENT, CONTRACT, APPROVAL)  # s → s+1 for these s
MEASURES = ("negotiated", "approved", "started", "utilized")
# Size bands by total investment (10k CNY): under 100 million CNY, under 1 billion, above.
BAND_LIMITS = (10_000, 100_000)
STEP_DAYS = 30.5
Z90 = 1.2815515655446004  # the standard normal's 90th percentile
MC_SIMULATIONS = 1000
MC_MAX_TERMS = 200  # above this many uncertain terms the normal approximation is used
DRIVERS = 5
AGE_CAP_DAYS = 3650


class Row(NamedTuple):
    """One project as known on the day: `dates` holds the ordinal day each stage was reached
    (None if not, or not yet known), `stage` the index of the stage it stands in. (A named
    tuple: two hundred thousand of them are built per run.)"""

    id: int
    region_id: int
    section_id: int | None
    total_investment: float
    contracted: float
    foreign: bool
    status: str
    stage: int
    dates: tuple


@dataclass
class Snapshot:
    """What was known on `as_of` (an ordinal day): projects, arrivals (project, ordinal day,
    amount in 10k USD) and scheduled contributions (project, ordinal day, amount)."""

    as_of: int
    rows: list[Row]
    arrivals: list[tuple[int, int, float]]
    schedules: list[tuple[int, int, float]] = field(default_factory=list)


def size_band(total_investment: float) -> int:
    return bisect.bisect_right(BAND_LIMITS, total_investment)


def group_of(row: Row) -> tuple:
    return (row.section_id, size_band(row.total_investment))


# ---- conversion rates and durations --------------------------------------------------------


class Durations:
    """The empirical distribution of the days a move took (the movers' durations, whole days).
    F is a step function on whole days, so it is kept as a table: F(x) = table[⌊x⌋]."""

    def __init__(self, days: list[int]):
        self.days = sorted(days)
        n = len(self.days)
        self.table: list[float] = []
        if n:
            counts = [0] * (self.days[-1] + 1)
            for d in self.days:
                counts[d] += 1
            running = 0
            for c in counts:
                running += c
                self.table.append(running / n)

    def cdf(self, x: float) -> float:
        """F(x): the share of movers that moved within x days; 0 without any mover."""
        if not self.table or x < 0:
            return 0.0
        i = int(x)
        return self.table[i] if i < len(self.table) else 1.0


@dataclass
class Rate:
    k: float = 0.0  # movers
    n: float = 0.0  # trials (dropped count 1, open ones F(age))

    def raw(self) -> float:
        return self.k / self.n if self.n else 0.0


@dataclass
class MoveModel:
    """One move s → s+1: its durations, the city-wide rate and each group's."""

    durations: Durations
    city: Rate
    groups: dict
    prior_strength: float

    @property
    def p_city(self) -> float:
        return min(1.0, self.city.raw())

    def rate(self, group) -> float:
        """The group's rate shrunk toward the city's: (k + m·p_city) / (n + m). A group with
        no history gets the city's rate; no history at all is a rate of 0 (no project is
        expected to move)."""
        g = self.groups.get(group)
        m = self.prior_strength
        if g is None or g.n + m == 0:
            return self.p_city
        return min(1.0, (g.k + m * self.p_city) / (g.n + m))


def fit_moves(snapshot: Snapshot, prior_strength: float, keyed=None) -> dict[int, MoveModel]:
    """The three moves' models from every project known on the day (domestic ones too: the
    stages are the same)."""
    as_of = snapshot.as_of
    durations: dict[int, list[int]] = {s: [] for s in MOVES}
    for row in snapshot.rows:
        for s in MOVES:
            if row.stage > s and row.dates[s] is not None and row.dates[s + 1] is not None:
                durations[s].append(max(0, row.dates[s + 1] - row.dates[s]))
    models = {}
    if keyed is None:
        keyed = [(group_of(row), row) for row in snapshot.rows]
    for s in MOVES:
        dist = Durations(durations[s])
        cdf = dist.cdf
        city = Rate()
        groups: dict = defaultdict(Rate)
        for group, row in keyed:
            if row.stage < s or row.dates[s] is None:
                continue
            if row.stage > s:
                weight, moved = 1.0, 1.0
            elif row.status == "dropped":
                weight, moved = 1.0, 0.0
            else:
                weight, moved = cdf(as_of - row.dates[s]), 0.0
            g = groups[group]
            g.k += moved
            g.n += weight
        for g in groups.values():
            city.k += g.k
            city.n += g.n
        models[s] = MoveModel(dist, city, dict(groups), prior_strength)
    return models


# ---- the lag from approval to arrival ------------------------------------------------------


class LagCurve:
    """G(t): the share of contracted foreign capital arrived within t days of approval, over
    the approved foreign projects seen for at least t days (so recent approvals do not pull it
    down). Kept on a monthly grid, non-decreasing, at most 1; 0 without any approved project."""

    MONTHS = 120

    def __init__(self, snapshot: Snapshot):
        as_of = snapshot.as_of
        approved = {
            r.id: r
            for r in snapshot.rows
            if r.foreign and r.contracted > 0 and r.stage >= APPROVAL and r.dates[APPROVAL]
        }
        size = self.MONTHS + 2
        denominator = [0.0] * size
        numerator = [0.0] * size
        for r in approved.values():
            seen = min(self.MONTHS, int((as_of - r.dates[APPROVAL]) / STEP_DAYS))
            denominator[seen] += r.contracted
        for pid, day, amount in snapshot.arrivals:
            r = approved.get(pid)
            if r is None:
                continue
            seen = min(self.MONTHS, int((as_of - r.dates[APPROVAL]) / STEP_DAYS))
            lag = max(0, math.ceil((day - r.dates[APPROVAL]) / STEP_DAYS))
            if lag <= seen:
                numerator[lag] += amount
                numerator[seen + 1] -= amount
        # Projects seen for at least m months: suffix sums of the denominator.
        seen_at_least = [0.0] * size
        running = 0.0
        for m in range(self.MONTHS, -1, -1):
            running += denominator[m]
            seen_at_least[m] = running
        self.grid = []
        arrived, best = 0.0, 0.0
        for m in range(self.MONTHS + 1):
            arrived += numerator[m]
            share = arrived / seen_at_least[m] if seen_at_least[m] else best
            best = min(1.0, max(best, share))
            self.grid.append(best)

    def __call__(self, days: float) -> float:
        if days < 0:
            return 0.0
        m = min(self.MONTHS, days / STEP_DAYS)
        low = int(m)
        if low >= self.MONTHS:
            return self.grid[-1]
        frac = m - low
        return self.grid[low] * (1 - frac) + self.grid[low + 1] * frac


# ---- one project's chances -----------------------------------------------------------------


class Chances:
    """For the rest of the year (`remaining` days in `steps` month steps): each project's
    probability of reaching approval and groundbreaking, of its next move, and the share of
    contracted capital expected from an approval in the rest of the year. Cached per (stage,
    group, age): projects alike are computed once."""

    def __init__(self, moves: dict[int, MoveModel], lag: LagCurve, remaining: int):
        self.moves = moves
        self.lag = lag
        self.remaining = remaining
        self.steps = max(1, math.ceil(remaining / STEP_DAYS)) if remaining > 0 else 0
        self.step = remaining / self.steps if self.steps else 0.0
        self._later: dict = {}
        self._cache: dict = {}
        self._shapes: dict = {}

    def _after_entry(self, stage: int, group) -> dict:
        """From entering `stage` at the end of step i (age 0): the probability of reaching each
        later target stage by the year's end, and the capital share, per i."""
        key = (stage, group)
        if key in self._later:
            return self._later[key]
        steps, step = self.steps, self.step
        if stage >= GROUNDBREAKING:
            out = {"reach": {GROUNDBREAKING: [1.0] * steps}, "capital": [0.0] * steps}
            self._later[key] = out
            return out
        nxt = self._after_entry(stage + 1, group)
        model = self.moves[stage]
        p = model.rate(group)
        # f[d]: moving in the d-th step after the entry step, from age 0.
        f = [
            p * (model.durations.cdf((d + 1) * step) - (model.durations.cdf(d * step) if d else 0))
            for d in range(steps)
        ]
        reach = {stage: [1.0] * steps}
        for target, later in nxt["reach"].items():
            reach[target] = [
                sum(f[d] * later[i + 1 + d] for d in range(steps - i - 1)) for i in range(steps)
            ]
        if stage == APPROVAL:
            capital = [self.lag(self.remaining - (i + 1) * step) for i in range(steps)]
        else:
            capital = [
                sum(f[d] * nxt["capital"][i + 1 + d] for d in range(steps - i - 1))
                for i in range(steps)
            ]
        out = {"reach": reach, "capital": capital}
        self._later[key] = out
        return out

    def _shape(self, stage: int, age: int) -> tuple[float, list[float]]:
        """F(age) and, per step j, F(age + (j+1)L) − F(age + jL): the move's waiting-time
        distribution over the rest of the year for a project `age` days at `stage`."""
        key = (stage, age)
        shape = self._shapes.get(key)
        if shape is None:
            cdf = self.moves[stage].durations.cdf
            bounds = [cdf(age + j * self.step) for j in range(self.steps + 1)]
            shape = (cdf(age), [bounds[j + 1] - bounds[j] for j in range(self.steps)])
            self._shapes[key] = shape
        return shape

    def of(self, row: Row, as_of: int, group=None) -> dict:
        """`p_next` (the next move this year), `reach` {stage: probability by year-end} and
        `capital` (share of contracted capital expected from an approval this year)."""
        age = max(0, as_of - row.dates[row.stage])
        if row.stage < GROUNDBREAKING:
            # Past the longest wait ever seen F is 1 whatever the age: one case for them all.
            age = min(age, AGE_CAP_DAYS, len(self.moves[row.stage].durations.table))
        group = group_of(row) if group is None else group
        key = (row.stage, group, age)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        out = {"p_next": 0.0, "reach": {}, "capital": 0.0}
        if self.steps and row.stage < GROUNDBREAKING:
            p = self.moves[row.stage].rate(group)
            base, deltas = self._shape(row.stage, age)
            survive = 1.0 - p * base
            factor = p / survive if survive > 0 else 0.0
            q = [factor * d for d in deltas]
            out["p_next"] = sum(q)
            nxt = self._after_entry(row.stage + 1, group)
            for target, later in nxt["reach"].items():
                out["reach"][target] = sum(a * b for a, b in zip(q, later, strict=True))
            out["capital"] = sum(a * b for a, b in zip(q, nxt["capital"], strict=True))
        self._cache[key] = out
        return out


# ---- the range of a sum of uncertain terms -------------------------------------------------


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, prod = math.exp(-lam), 0, rng.random()
    while prod > limit:
        k += 1
        prod *= rng.random()
    return k


def _normal_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


@dataclass
class Range:
    expected: float
    p10: float
    p50: float
    p90: float
    prob_meet: float | None


def spread(
    base: float,
    terms: list[tuple[float, float]],
    new_lambda: float,
    target: float | None,
    seed: str,
    integer: bool,
) -> Range:
    """The distribution of base + Σ amount·Bernoulli(p) + Poisson(new_lambda): its mean, 10th,
    50th and 90th percentiles and the probability of reaching `target`. Monte Carlo (seeded
    from `seed`) with up to MC_MAX_TERMS uncertain terms, else the normal approximation."""
    certain = sum(a for a, p in terms if p >= 1.0)
    uncertain = [(a, p) for a, p in terms if 0.0 < p < 1.0 and a > 0]
    base += certain
    mean = base + sum(a * p for a, p in uncertain) + new_lambda
    if not uncertain and new_lambda <= 0:
        meet = None if not target else (1.0 if base >= target else 0.0)
        return Range(mean, base, base, base, meet)
    if len(uncertain) <= MC_MAX_TERMS:
        # A simulation, not a secret: a fixed seed makes the range reproducible.
        rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))  # noqa: S311
        sims = []
        for _i in range(MC_SIMULATIONS):
            total = base + _poisson(rng, new_lambda)
            for a, p in uncertain:
                if rng.random() < p:
                    total += a
            sims.append(total)
        sims.sort()
        n = len(sims)
        meet = sum(1 for s in sims if s >= target - 1e-9) / n if target else None
        return Range(mean, sims[int(0.1 * n)], sims[n // 2], sims[int(0.9 * n) - 1], meet)
    sd = math.sqrt(sum(a * a * p * (1 - p) for a, p in uncertain) + new_lambda)

    def q(z):
        v = max(base, mean + z * sd)
        return round(v) if integer else v

    meet = None
    if target:
        edge = target - 0.5 if integer else target
        meet = 1.0 - _normal_cdf((edge - mean) / sd) if sd else float(mean >= target)
    return Range(mean, q(-Z90), q(0.0), q(Z90), meet)


def outlook(r: Range, target: float | None) -> str:
    """On track: the 10th percentile reaches the target (nine chances in ten or better); off
    track: even the 90th percentile falls short; at risk in between. No target (none set, or
    0) is said as such."""
    if not target:
        return "no_target"
    if r.p10 >= target:
        return "on_track"
    if r.p90 < target:
        return "off_track"
    return "at_risk"


# ---- the forecast of a year ----------------------------------------------------------------


@dataclass
class ScopeResult:
    region_id: int | None
    measure: str
    to_date: float
    range: Range
    target: float | None
    outlook: str
    drivers: list


def _schedule_rate(snapshot: Snapshot) -> float:
    """How far the city's schedules have been kept: of the contributions due by the day, the
    share that arrived (each project's arrivals up to what was due); 1 without any due (a
    contract is taken at its word until it has been tested)."""
    due: dict[int, float] = defaultdict(float)
    for pid, day, amount in snapshot.schedules:
        if day <= snapshot.as_of:
            due[pid] += amount
    if not due:
        return 1.0
    arrived: dict[int, float] = defaultdict(float)
    for pid, day, amount in snapshot.arrivals:
        if pid in due and day <= snapshot.as_of:
            arrived[pid] += amount
    total = sum(due.values())
    return sum(min(arrived[pid], d) for pid, d in due.items()) / total if total else 1.0


def forecast(
    snapshot: Snapshot,
    year_start: int,
    year_end: int,
    targets: dict,
    *,
    prior_strength: float = 10.0,
    seed: str = "",
    region_ids: list[int] | None = None,
) -> list[ScopeResult]:
    """The forecast of the year (`year_start`..`year_end`, ordinal days) as of the snapshot's
    day: for the city (region None) and each region in `region_ids` (or each with projects),
    every measure. `targets` maps a region id (None for the city) to {measure: target or
    None}."""
    as_of = snapshot.as_of
    remaining = max(0, year_end - as_of)
    keyed = [(group_of(row), row) for row in snapshot.rows]
    moves = fit_moves(snapshot, prior_strength, keyed)
    lag = LagCurve(snapshot)
    chances = Chances(moves, lag, remaining)
    sched_rate = _schedule_rate(snapshot)
    scheduled: dict[int, list[float]] = defaultdict(list)
    for pid, day, amount in snapshot.schedules:
        if as_of < day <= year_end:
            scheduled[pid].append(amount)
    has_schedule = {pid for pid, _d, _a in snapshot.schedules}
    arrived_total: dict[int, float] = defaultdict(float)
    utilized_to_date: dict[int, float] = defaultdict(float)
    region_of = {r.id: r.region_id for r in snapshot.rows}
    for pid, day, amount in snapshot.arrivals:
        if day > as_of:
            continue
        arrived_total[pid] += amount
        if year_start <= day and pid in region_of:
            utilized_to_date[region_of[pid]] += amount

    regions = sorted(set(region_ids or []) | {r.region_id for r in snapshot.rows})
    to_date = {rid: dict.fromkeys(MEASURES[:3], 0.0) for rid in regions}
    terms = {rid: {m: [] for m in MEASURES} for rid in regions}
    drivers = {rid: {m: [] for m in MEASURES} for rid in regions}
    intents_last_year: dict[int, int] = defaultdict(int)
    for group, row in keyed:
        rid, d = row.region_id, row.dates
        if d[INTENT] is not None and as_of - 365 < d[INTENT] <= as_of:
            intents_last_year[rid] += 1
        if d[INTENT] is not None and year_start <= d[INTENT] <= as_of:
            to_date[rid]["negotiated"] += 1
        if row.foreign:
            if row.stage >= APPROVAL and d[APPROVAL] and year_start <= d[APPROVAL] <= as_of:
                to_date[rid]["approved"] += 1
            if (
                row.stage >= GROUNDBREAKING
                and d[GROUNDBREAKING]
                and year_start <= d[GROUNDBREAKING]
            ):
                to_date[rid]["started"] += 1
        if row.status != "active" or remaining <= 0:
            continue
        c = chances.of(row, as_of, group) if row.stage < GROUNDBREAKING else None
        if row.foreign and c is not None:
            for measure, stage in (("approved", APPROVAL), ("started", GROUNDBREAKING)):
                p = c["reach"].get(stage, 0.0)
                if row.stage < stage and p > 0:
                    terms[rid][measure].append((1.0, p))
                    drivers[rid][measure].append((p, row, c["p_next"]))
        # Capital: the schedule first, else the lag curve.
        if row.id in has_schedule:
            for amount in scheduled.get(row.id, ()):
                terms[rid]["utilized"].append((amount, sched_rate))
            expected = sum(scheduled.get(row.id, ())) * sched_rate
        elif row.foreign and row.contracted > 0:
            left = max(0.0, row.contracted - arrived_total[row.id])
            if row.stage >= APPROVAL and row.dates[APPROVAL] is not None:
                since = as_of - row.dates[APPROVAL]
                # The curve's increment over the window, of the contracted capital, at most what
                # is left: a project far behind the curve is not expected to catch up at once.
                expected = min(left, row.contracted * (lag(since + remaining) - lag(since)))
            else:
                expected = min(left, row.contracted * c["capital"]) if c else 0.0
            if expected > 0 and left > 0:
                terms[rid]["utilized"].append((left, min(1.0, expected / left)))
        else:
            expected = 0.0
        if expected > 0:
            p_next = c["p_next"] if c else None
            drivers[rid]["utilized"].append((expected, row, p_next))

    results = []
    frac_left = remaining / 365.0

    def one(rid, measure, base, term_list, lam, driver_list):
        target = targets.get(rid, {}).get(measure)
        r = spread(
            base,
            term_list,
            lam,
            target,
            seed=f"{seed}:{rid}:{measure}:{as_of}",
            integer=measure != "utilized",
        )
        top = heapq.nsmallest(DRIVERS, driver_list, key=lambda x: (-x[0], x[1].id))
        return ScopeResult(
            rid,
            measure,
            base,
            r,
            target,
            outlook(r, target),
            [
                {
                    "project": row.id,
                    "stage": STAGES[row.stage],
                    "next_stage": STAGES[row.stage + 1],
                    "p_next": round(p_next, 4) if p_next is not None else None,
                    "expected": round(value, 4),
                }
                for value, row, p_next in top
            ],
        )

    city_terms = {m: [] for m in MEASURES}
    city_drivers = {m: [] for m in MEASURES}
    city_base = dict.fromkeys(MEASURES, 0.0)
    city_lambda = 0.0
    for rid in regions:
        lam = intents_last_year[rid] * frac_left
        city_lambda += lam
        for m in MEASURES:
            base = utilized_to_date[rid] if m == "utilized" else to_date[rid][m]
            city_base[m] += base
            city_terms[m] += terms[rid][m]
            city_drivers[m] += drivers[rid][m]
            if region_ids is None or rid in region_ids:
                results.append(
                    one(rid, m, base, terms[rid][m], lam if m == "negotiated" else 0.0,
                        drivers[rid][m])
                )  # fmt: skip
    for m in MEASURES:
        results.append(
            one(None, m, city_base[m], city_terms[m], city_lambda if m == "negotiated" else 0.0,
                city_drivers[m])
        )  # fmt: skip
    return results


def year_figures(snapshot: Snapshot, year_start: int, year_end: int) -> dict:
    """What the records say a year came to, per region and for the city (None): the projects
    negotiated, FIEs approved and started with their date in the year, the capital arrived in
    it (the backtest's truth, counted as the targets count)."""
    out: dict = defaultdict(float)
    region_of = {}
    for row in snapshot.rows:
        region_of[row.id] = row.region_id
        d = row.dates
        hits = []
        if d[INTENT] is not None and year_start <= d[INTENT] <= year_end:
            hits.append("negotiated")
        if row.foreign:
            for measure, stage in (("approved", APPROVAL), ("started", GROUNDBREAKING)):
                if row.stage >= stage and d[stage] and year_start <= d[stage] <= year_end:
                    hits.append(measure)
        for measure in hits:
            out[(row.region_id, measure)] += 1
            out[(None, measure)] += 1
    for pid, day, amount in snapshot.arrivals:
        if year_start <= day <= year_end and pid in region_of:
            out[(region_of[pid], "utilized")] += amount
            out[(None, "utilized")] += amount
    return out
