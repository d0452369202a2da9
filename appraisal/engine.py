"""Computing an appraisal from the records: every indicator of the scheme is read from its
source for every subject, scored by its method, weighted; the subjects of each kind are ranked.
Nothing is stored here (see `appraisal.services`)."""

from collections.abc import Callable

from . import scoring
from .models import IndicatorScore, Score, SubjectKind
from .sources import (
    MAX_RECORDS,
    SOURCES,
    Reading,
    people,
    person_votes,
    subjects,
    unit_average_rating,
    unit_on_time_rate,
    unit_votes,
    units,
)

KINDS = (SubjectKind.REGION, SubjectKind.UNIT, SubjectKind.PERSON)


def _s(value) -> str | None:
    return None if value is None else str(value)


def scheme_state(scheme) -> dict:
    """The scheme as it is computed, kept with the appraisal."""
    return {
        "year": scheme.year,
        "satisfaction_threshold": str(scheme.satisfaction_threshold),
        "on_time_threshold": str(scheme.on_time_threshold),
        "commend_top": scheme.commend_top,
        "min_field": scheme.min_field,
        "indicators": [
            {
                "code": i.code,
                "subject_kind": i.subject_kind,
                "name_zh_hans": i.name_zh_hans,
                "name_en": i.name_en,
                "weight": str(i.weight),
                "source": i.source,
                "method": i.method,
                "params": i.params,
            }
            for i in scheme.indicators.all()
        ],
    }


def _names(indicators) -> list[dict]:
    return [{"code": i.code, "zh_hans": i.name_zh_hans, "en": i.name_en} for i in indicators]


def _explanation(
    indicator, reading: Reading, scored: scoring.Scored, params, spread, min_field
) -> dict:
    """What the score page and the API say about one indicator of one subject: the reading,
    the rule that scored it and, for a subject without data, where its weight went (or, for
    the others, which of their indicators' weight they carry)."""
    return {
        "source": indicator.source,
        "params": params,
        "value": _s(reading.value),
        "target": _s(reading.target),
        "best": reading.best,
        "method_score": _s(scored.method_score),
        "rule": scored.rule,
        "missing": scored.missing,
        "field_size": scored.field_size,
        "min_field": min_field,
        "standard": params.get("standard"),
        "scheme_weight": str(indicator.weight),
        "redistributed": spread,
        "detail": reading.detail,
        "record_count": len(reading.records),
        "records": reading.records[:MAX_RECORDS],
    }


def score_kind(
    indicators,
    subject_list,
    year: int,
    step: Callable[[], None] = lambda: None,
    *,
    min_field: int = scoring.DEFAULT_MIN_FIELD,
):
    """[(Score, [IndicatorScore])] of one kind of subject, ranked. Unsaved.

    Every indicator is read and scored over the whole field first (see
    `scoring.score_field`); then, per subject, the weights of indicators it has no data on are
    spread over its others, the contributions are kept unrounded and the total is their sum
    rounded once; the contributions shown are cents adding up to it. Ranks follow the totals
    shown (two subjects shown with the same total share a rank)."""
    cleaned = [scoring.clean_params(ind.method, ind.params) for ind in indicators]
    readings, scored = [], []
    for ind, params in zip(indicators, cleaned, strict=True):
        got = SOURCES[ind.source].read(year, subject_list)
        got = {s.key: got.get(s.key, Reading(None)) for s in subject_list}
        readings.append(got)
        scored.append(
            scoring.score_field(
                ind.method,
                params,
                {k: scoring.Point(r.value, r.target, r.best) for k, r in got.items()},
                min_field=min_field,
            )
        )
        step()
    parts: dict[str, list[IndicatorScore]] = {}
    totals = {}
    for s in subject_list:
        mine = [field[s.key] for field in scored]
        weights = scoring.effective_weights(
            [(ind.method, ind.weight, sc) for ind, sc in zip(indicators, mine, strict=True)]
        )
        missing = [
            ind
            for ind, sc in zip(indicators, mine, strict=True)
            if sc.rule == scoring.RULE_REDISTRIBUTED
        ]
        exact = [
            scoring.contribution(ind.method, w, sc.method_score)
            for ind, w, sc in zip(indicators, weights, mine, strict=True)
        ]
        shown = scoring.shares(exact)
        totals[s.key] = scoring.total(exact)
        rows = []
        for order, ind in enumerate(indicators):
            sc, r, w = mine[order], readings[order][s.key], weights[order]
            if sc.rule == scoring.RULE_REDISTRIBUTED:
                spread = _names(
                    i
                    for i, x in zip(indicators, mine, strict=True)
                    if i.method in scoring.WEIGHTED and x.method_score is not None
                )
            elif ind.method in scoring.WEIGHTED and missing and w:
                spread = _names(missing)
            else:
                spread = []
            rows.append(
                IndicatorScore(
                    code=ind.code,
                    name_zh_hans=ind.name_zh_hans,
                    name_en=ind.name_en,
                    method=ind.method,
                    scheme_weight=ind.weight,
                    weight=w,
                    value=r.value,
                    target=r.target,
                    method_score=sc.method_score,
                    rule=sc.rule,
                    contribution=exact[order],
                    score=shown[order],
                    explanation=_explanation(ind, r, sc, cleaned[order], spread, min_field),
                    sort_order=order,
                )
            )
        parts[s.key] = rows
    ranks = scoring.competition_ranks(totals)
    out = []
    for s in subject_list:
        score = Score(
            subject_kind=indicators[0].subject_kind if indicators else "",
            subject_key=s.key,
            label_zh_hans=s.label_zh_hans[:200],
            label_en=s.label_en[:200],
            rank=ranks[s.key],
            total=totals[s.key],
        )
        out.append((score, parts[s.key]))
    return sorted(out, key=lambda pair: (pair[0].rank, pair[0].label_zh_hans))


def list_basis(year: int) -> dict:
    """What the commendation and warning lists rest on, read when the appraisal is computed
    (and frozen with it): each unit's average rating, on-time rate and votes, each person's
    votes."""
    unit_list, person_list = units(), people(year)
    rating = unit_average_rating(year, unit_list)
    on_time = unit_on_time_rate(year, unit_list)
    votes = unit_votes(year, unit_list)
    pvotes = person_votes(year, person_list)
    return {
        "units": {
            s.key: {
                "label_zh_hans": s.label_zh_hans,
                "label_en": s.label_en,
                "average": _s(rating[s.key].value),
                "reviews": rating[s.key].detail.get("reviews", 0),
                "on_time": _s(on_time[s.key].value),
                "cases": on_time[s.key].detail.get("cases", 0),
                "votes": int(votes[s.key].value or 0),
            }
            for s in unit_list
        },
        "people": {
            s.key: {
                "label_zh_hans": s.label_zh_hans,
                "label_en": s.label_en,
                "votes": int(pvotes[s.key].value or 0),
            }
            for s in person_list
            if pvotes[s.key].value
        },
    }


def compute(scheme, year: int, progress: Callable[[int], None] = lambda p: None):
    """Every kind's ranked scores and the lists' basis, from the records."""
    indicators = list(scheme.indicators.all())
    steps = len(indicators) + len(KINDS) + 1
    done = [0]

    def step():
        done[0] += 1
        progress(min(95, 5 + round(90 * done[0] / steps)))

    results = {}
    for kind in KINDS:
        own = [i for i in indicators if i.subject_kind == kind]
        subject_list = subjects(kind, year)
        rows = score_kind(own, subject_list, year, step, min_field=scheme.min_field)
        for score, _parts in rows:
            score.subject_kind = kind
        results[kind] = rows
        step()
    basis = list_basis(year)
    step()
    return results, basis
