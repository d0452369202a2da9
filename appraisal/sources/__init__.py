"""The registry of data sources an indicator can read (the `source` code of an Indicator).

Each source reads one figure per subject for a year from the records, and the records behind
it (their type, id and what they contributed), so every score can be explained. Sources reuse
the selectors of the apps below (the targets' counting rules, the satisfaction and vote tallies,
the statistics engine's promotion spending) rather than count again.

One module per kind of subject, each source one function registered with `@source(...)`:
`regions.py`, `units.py`, `people.py`; what they share is in `common.py`, the registry in
`registry.py`, the default scheme in `defaults.py`.

Subjects are keyed "region:<id>", "unit:<id>", "user:<id>", "agent:<id>", "investor:<id>"."""

from ..models import SubjectKind
from .defaults import DEFAULT_INDICATORS
from .people import people, person_votes
from .regions import regions
from .registry import MAX_RECORDS, SOURCES, Reading, Source, Subject, source, source_choices
from .units import unit_average_rating, unit_on_time_rate, unit_votes, units

__all__ = [
    "DEFAULT_INDICATORS",
    "MAX_RECORDS",
    "SOURCES",
    "Reading",
    "Source",
    "Subject",
    "people",
    "person_votes",
    "regions",
    "source",
    "source_choices",
    "subjects",
    "unit_average_rating",
    "unit_on_time_rate",
    "unit_votes",
    "units",
]


# Regions, liaison units, then individuals, each in its module's order, as the pages list them
# (the imports above run in alphabetical order).
_KINDS = [SubjectKind.REGION, SubjectKind.UNIT, SubjectKind.PERSON]
for _s in sorted(SOURCES.values(), key=lambda s: _KINDS.index(s.kind)):
    SOURCES[_s.code] = SOURCES.pop(_s.code)


def subjects(kind: str, year: int) -> list[Subject]:
    if kind == SubjectKind.REGION:
        return regions()
    if kind == SubjectKind.UNIT:
        return units()
    return people(year)
