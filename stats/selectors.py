"""Reads of the statistics: which snapshot stands for a period, figures by scope, monthly
series for the charts, version comparison."""

import datetime as dt
from decimal import Decimal

from babel import Locale
from django.db.models import Case, IntegerField, Sum, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.i18n import localized
from investors.models import SourceGroup
from projects.models import CapitalArrival, EnterpriseType
from reference.models import IndustrySection, Region, ThreeIndustries

from .models import METRICS, SPANS, ScopeType, SnapshotStatus, StatsFigure, StatsSnapshot


def snapshot_for_period(year: int, month: int) -> StatsSnapshot | None:
    """The published snapshot of the period if there is one, else its draft."""
    return (
        StatsSnapshot.objects.filter(year=year, month=month)
        .exclude(status=SnapshotStatus.SUPERSEDED)
        .order_by(
            Case(
                When(status=SnapshotStatus.PUBLISHED, then=0),
                default=1,
                output_field=IntegerField(),
            )
        )
        .first()
    )


def latest_published() -> StatsSnapshot | None:
    return (
        StatsSnapshot.objects.filter(status=SnapshotStatus.PUBLISHED)
        .order_by("-year", "-month", "-version")
        .first()
    )


def periods_offered(open_period: tuple[int, int]) -> list[str]:
    """The periods with figures and the open one, newest first."""
    computed = StatsSnapshot.objects.values_list("year", "month").distinct()
    periods = {f"{y}-{m:02d}" for y, m in {open_period, *computed}}
    return sorted(periods, reverse=True)


def versions(year: int, month: int):
    return StatsSnapshot.objects.filter(year=year, month=month).select_related("published_by")


def figures_by_type(snapshot: StatsSnapshot) -> dict[str, list[StatsFigure]]:
    grouped: dict[str, list[StatsFigure]] = {t: [] for t in ScopeType.values}
    for f in snapshot.figures.all():
        grouped[f.scope_type].append(f)
    return grouped


def city_figure(snapshot: StatsSnapshot | None) -> StatsFigure | None:
    if snapshot is None:
        return None
    return snapshot.figures.filter(scope_type=ScopeType.CITY, scope_key="").first()


def parse_scope(text: str | None) -> tuple[str, str]:
    """`city` (default), a region id, an industry section letter, a source group (`foreign`,
    `hmt`), or an explicit `type:key` (`country:DE`, `three_industry:primary`,
    `enterprise_type:wfoe`, `region:3`, `industry:C`). ValueError when unknown."""
    text = (text or "city").strip()
    if text == "city":
        return ScopeType.CITY, ""
    if ":" in text:
        kind, key = text.split(":", 1)
        if kind not in ScopeType.values or kind == ScopeType.CITY:
            raise ValueError(text)
        return kind, key
    if text.isdigit():
        return ScopeType.REGION, text
    if len(text) == 1 and text.isalpha():
        return ScopeType.INDUSTRY, text.upper()
    if text in (SourceGroup.FOREIGN, SourceGroup.HMT, SourceGroup.DOMESTIC):
        return ScopeType.SOURCE_GROUP, text
    raise ValueError(text)


class ScopeLabels:
    """Readable names of scope keys in the active language, looked up once."""

    def __init__(self):
        self.regions = {
            str(r.pk): localized(r, "name") or r.name_zh_hans for r in Region.objects.all()
        }
        self.industries = {
            s.code: f"{s.code} {localized(s, 'name') or s.name_zh_hans}"
            for s in IndustrySection.objects.all()
        }
        lang = get_language() or "zh-hans"
        self.territories = Locale.parse("en" if lang == "en" else "zh_Hans").territories

    def __call__(self, scope_type: str, key: str) -> str:
        if scope_type == ScopeType.CITY:
            return _("Whole city")
        if not key:
            return _("Not recorded")
        if scope_type == ScopeType.REGION:
            return self.regions.get(key, key)
        if scope_type == ScopeType.INDUSTRY:
            return self.industries.get(key, key)
        if scope_type == ScopeType.THREE_INDUSTRY:
            return str(dict(ThreeIndustries.choices).get(key, key))
        if scope_type == ScopeType.SOURCE_GROUP:
            return str(dict(SourceGroup.choices).get(key, key))
        if scope_type == ScopeType.ENTERPRISE_TYPE:
            return str(dict(EnterpriseType.choices).get(key, key))
        if scope_type == ScopeType.COUNTRY:
            return self.territories.get(key, key)
        return key


def monthly_utilized(year: int) -> dict[int, list[Decimal]]:
    """Utilized foreign capital (10k USD) by month for `year` and the year before, from the
    data (one grouped query)."""
    rows = (
        CapitalArrival.objects.filter(
            date__gte=dt.date(year - 1, 1, 1), date__lte=dt.date(year, 12, 31)
        )
        .order_by()
        .annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
        .values("y", "m")
        .annotate(total=Sum("amount_usd_10k"))
    )
    series = {year - 1: [Decimal(0)] * 12, year: [Decimal(0)] * 12}
    for row in rows:
        series[row["y"]][row["m"] - 1] = row["total"]
    return series


def compare(a: StatsSnapshot, b: StatsSnapshot) -> list[dict]:
    """Side by side: every scope, metric and span where the two versions differ."""
    fa = {(f.scope_type, f.scope_key): f for f in a.figures.all()}
    fb = {(f.scope_type, f.scope_key): f for f in b.figures.all()}
    rows = []
    for scope in sorted(set(fa) | set(fb)):
        for metric in METRICS:
            for span in SPANS:
                va = fa[scope].value(metric, span) if scope in fa else None
                vb = fb[scope].value(metric, span) if scope in fb else None
                if va != vb:
                    rows.append(
                        {
                            "scope_type": scope[0],
                            "scope_key": scope[1],
                            "metric": metric,
                            "span": span,
                            "a": va,
                            "b": vb,
                            "difference": (vb or 0) - (va or 0),
                        }
                    )
    return rows
