"""The demo city's regions (示范市 / Demo City): four districts or counties, two zones; and the
working-day calendar of this year and the next."""

import datetime as dt

from django.utils import timezone

from .models import CalendarSource, Region, RegionKind, WorkCalendarDay, WorkDayKind, ZoneKind
from .services import work_calendar_load_library
from .workdays import has_arrangement, library_years

# (code, zh, en, kind, parent code)
DEMO_REGIONS = [
    ("439900", "示范市", "Demo City", RegionKind.CITY, None),
    ("439902", "城东区", "Chengdong District", RegionKind.DISTRICT, "439900"),
    ("439903", "城西区", "Chengxi District", RegionKind.DISTRICT, "439900"),
    ("439921", "南山县", "Nanshan County", RegionKind.COUNTY, "439900"),
    ("439981", "江口市", "Jiangkou City", RegionKind.COUNTY_CITY, "439900"),
    (
        "",
        "示范经济技术开发区",
        "Demo Economic and Technological Development Zone",
        RegionKind.DEV_ZONE,
        "439900",
    ),
    (
        "",
        "城东高新技术产业开发区",
        "Chengdong High-tech Industrial Development Zone",
        RegionKind.DEV_ZONE,
        "439902",
    ),
]


DEMO_ZONE_KINDS = {
    "示范经济技术开发区": ZoneKind.NATIONAL_ETDZ,
    "城东高新技术产业开发区": ZoneKind.PROVINCIAL_HIGH_TECH,
}


def seed_regions() -> dict[str, Region]:
    """Create or update the demo regions; returns them by English name."""
    by_code: dict[str, Region] = {}
    by_name: dict[str, Region] = {}
    for order, (code, zh, en, kind, parent_code) in enumerate(DEMO_REGIONS):
        lookup = {"code": code} if code else {"name_en": en}
        region, _created = Region.objects.update_or_create(
            **lookup,
            defaults={
                "name_zh_hans": zh,
                "name_en": en,
                "kind": kind,
                "parent": by_code.get(parent_code) if parent_code else None,
                "sort_order": order,
                "zone_kind": DEMO_ZONE_KINDS.get(zh, ""),
            },
        )
        if code:
            by_code[code] = region
        by_name[en] = region
    return by_name


# A stand-in arrangement for 2027, which the chinese-calendar library (1.11.0) does not carry:
# the fixed-date holidays and the lunar ones on their 2027 dates, with made-up make-up
# workdays. Marked as demo data in its source and its names; an administrator replaces it with
# the State Council's arrangement when it is published (November 2026).
# (first day, last day, zh, en, [make-up workdays])
DEMO_ARRANGEMENT_2027 = [
    ("2027-01-01", "2027-01-03", "元旦", "New Year's Day", []),
    ("2027-02-06", "2027-02-12", "春节", "Spring Festival", ["2027-02-13"]),
    ("2027-04-03", "2027-04-05", "清明", "Tomb-sweeping Day", []),
    ("2027-05-01", "2027-05-05", "劳动节", "Labour Day", ["2027-04-25", "2027-05-08"]),
    ("2027-06-09", "2027-06-09", "端午", "Dragon Boat Festival", []),
    ("2027-09-15", "2027-09-15", "中秋", "Mid-autumn Festival", []),
    ("2027-10-01", "2027-10-07", "国庆节", "National Day", ["2027-09-26", "2027-10-09"]),
]
# For any other year the library does not carry: only the holidays on fixed dates.
DEMO_FIXED_DATES = [
    ("01-01", "01-01", "元旦", "New Year's Day", []),
    ("05-01", "05-05", "劳动节", "Labour Day", []),
    ("10-01", "10-07", "国庆节", "National Day", []),
]


def demo_arrangement(year: int) -> list[tuple[dt.date, str, str, str]]:
    """[(date, kind, zh, en)] of the demo arrangement of a year the library does not carry,
    every name marked as demo data."""
    if year == 2027:
        spans = DEMO_ARRANGEMENT_2027
    else:
        spans = [
            (f"{year}-{a}", f"{year}-{b}", zh, en, workdays)
            for a, b, zh, en, workdays in DEMO_FIXED_DATES
        ]
    rows = []
    for first, last, zh, en, workdays in spans:
        day, last = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        while day <= last:
            rows.append((day, WorkDayKind.HOLIDAY, f"{zh}（演示数据）", f"{en} (demo data)"))
            day += dt.timedelta(days=1)
        for w in workdays:
            rows.append(
                (
                    dt.date.fromisoformat(w),
                    WorkDayKind.WORKDAY,
                    f"{zh}调休上班（演示数据）",
                    f"{en} make-up workday (demo data)",
                )
            )
    return sorted(rows)


def seed_work_calendar(today: dt.date | None = None) -> None:
    """This year's and next year's arrangements: from the chinese-calendar library where it
    carries the year, else the demo arrangement (source demo). Days already in the calendar
    (an administrator's, or last run's) are left as they are."""
    today = today or timezone.localdate()
    carried = set(library_years())
    for year in (today.year, today.year + 1):
        if year in carried:
            work_calendar_load_library(years=[year])
            continue
        if has_arrangement(year):
            continue
        have = set(WorkCalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
        WorkCalendarDay.objects.bulk_create(
            WorkCalendarDay(
                date=d, kind=kind, name=zh, name_zh_hans=zh, name_en=en, source=CalendarSource.DEMO
            )
            for d, kind, zh, en in demo_arrangement(year)
            if d not in have
        )
