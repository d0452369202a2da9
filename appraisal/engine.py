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


def _explanation(indicator, reading: Reading, method_score) -> dict:
    return {
        "source": indicator.source,
        "params": indicator.params,
        "value": _s(reading.value),
        "target": _s(reading.target),
        "method_score": _s(method_score),
        "detail": reading.detail,
        "record_count": len(reading.records),
        "records": reading.records[:MAX_RECORDS],
    }


def score_kind(indicators, subject_list, year: int, step: Callable[[], None] = lambda: None):
    """[(Score, [IndicatorScore])] of one kind of subject, ranked. Unsaved."""
    parts: dict[str, list[IndicatorScore]] = {s.key: [] for s in subject_list}
    for order, ind in enumerate(indicators):
        params = scoring.clean_params(ind.method, ind.params)
        readings = SOURCES[ind.source].read(year, subject_list)
        field = None
        if ind.method == scoring.EFFICACY:
            field = scoring.efficacy(
                {s.key: readings.get(s.key, Reading(None)).value for s in subject_list},
                lower_is_better=params.get("lower_is_better", False),
            )
        for s in subject_list:
            r = readings.get(s.key, Reading(None))
            ms = scoring.method_score(
                ind.method,
                params,
                value=r.value,
                target=r.target,
                field_score=field.get(s.key) if field else None,
            )
            parts[s.key].append(
                IndicatorScore(
                    code=ind.code,
                    name_zh_hans=ind.name_zh_hans,
                    name_en=ind.name_en,
                    method=ind.method,
                    weight=ind.weight,
                    value=r.value,
                    target=r.target,
                    method_score=ms,
                    score=scoring.contribution(ind.method, ind.weight, ms),
                    explanation=_explanation(ind, r, ms),
                    sort_order=order,
                )
            )
        step()
    totals = {key: scoring.total(p.score for p in rows) for key, rows in parts.items()}
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
        rows = score_kind(own, subject_list, year, step)
        for score, _parts in rows:
            score.subject_kind = kind
        results[kind] = rows
        step()
    basis = list_basis(year)
    step()
    return results, basis
