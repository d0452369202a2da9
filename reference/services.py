"""Writes of the reference data: the city and its regions (set up from GB/T 2260, zones added
by the bureau); the working-day calendar (loaded from the chinese-calendar
library, corrected by administrators). Reference sits below accounts, so the acting user is
only asked for `is_admin_role` and recorded in the history."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from config.bounds import check_planned_date
from config.errors import DomainError
from config.typography import date_text

from .divisions import DivisionError, city_divisions, find_city
from .models import CalendarSource, Region, RegionKind, WorkCalendarDay, WorkDayKind, ZoneKind
from .workdays import library_arrangement, library_years


def _require_admin(user) -> None:
    if user is None or not getattr(user, "is_admin_role", False):
        raise PermissionDenied(_("Only an administrator changes the working-day calendar."))


@transaction.atomic
def work_calendar_load_library(*, years=None) -> dict[str, int]:
    """Write the arrangements the chinese-calendar library carries (`years`, default all of
    them) into the calendar: a new day is added, a library day that changed is updated, and a
    day an administrator entered or corrected (source admin) is left as it is. Days of those
    years that the library listed before and no longer does are removed, unless an
    administrator's. Idempotent. Returns {"added": n, "updated": n, "kept": n, "removed": n}."""
    counts = dict.fromkeys(("added", "updated", "kept", "removed"), 0)
    for year in sorted(set(years) if years else library_years()):
        rows = library_arrangement(year)
        existing = {
            d.date: d for d in WorkCalendarDay.objects.select_for_update().filter(date__year=year)
        }
        listed = set()
        for date, kind, zh, en in rows:
            listed.add(date)
            day = existing.get(date)
            if day is None:
                WorkCalendarDay.objects.create(
                    date=date,
                    kind=kind,
                    name=zh,
                    name_zh_hans=zh,
                    name_en=en,
                    source=CalendarSource.LIBRARY,
                )
                counts["added"] += 1
            elif day.source == CalendarSource.ADMIN:
                counts["kept"] += 1
            elif (day.kind, day.name_zh_hans, day.name_en, day.source) != (
                kind,
                zh,
                en,
                CalendarSource.LIBRARY,
            ):
                day.kind, day.name, day.name_zh_hans, day.name_en = kind, zh, zh, en
                day.source = CalendarSource.LIBRARY
                day.save()
                counts["updated"] += 1
        for date, day in existing.items():
            if date not in listed and day.source == CalendarSource.LIBRARY:
                day.delete()
                counts["removed"] += 1
    return counts


@transaction.atomic
def work_calendar_day_save(
    *,
    user,
    day: WorkCalendarDay | None = None,
    date: dt.date | None,
    kind: str,
    name_zh_hans: str,
    name_en: str,
) -> WorkCalendarDay:
    """Add a holiday or make-up workday to the calendar (`day` None) or correct one
    (administrators only). The row becomes the administrator's: a later library load leaves
    it alone. Refuses a missing date or name, an unknown kind, a date already in the calendar
    and a make-up workday on a Monday to Friday (those are worked anyway). A holiday may fall
    on a weekend: the State Council lists a long holiday's weekend days too."""
    _require_admin(user)
    if date is None:
        raise DomainError(_("Enter the date."), field="date")
    check_planned_date(date, field="date", years_ahead=3)
    if kind not in WorkDayKind.values:
        raise DomainError(_("Choose whether the day is off or worked."), field="kind")
    name_zh_hans, name_en = (name_zh_hans or "").strip(), (name_en or "").strip()
    if not name_zh_hans:
        raise DomainError(_("Name the day in Chinese."), field="name_zh_hans")
    if not name_en:
        raise DomainError(_("Name the day in English."), field="name_en")
    if kind == WorkDayKind.WORKDAY and date.weekday() < 5:
        raise DomainError(
            _("A make-up workday is a Saturday or Sunday: Monday to Friday are worked anyway."),
            field="date",
        )
    clash = WorkCalendarDay.objects.select_for_update().filter(date=date)
    if day is not None:
        day = WorkCalendarDay.objects.select_for_update().get(pk=day.pk)
        clash = clash.exclude(pk=day.pk)
    if clash.exists():
        raise DomainError(
            _("%(date)s is already in the calendar: change that entry.")
            % {"date": date_text(date)},
            field="date",
        )
    day = day or WorkCalendarDay()
    day.date, day.kind = date, kind
    day.name, day.name_zh_hans, day.name_en = name_zh_hans, name_zh_hans, name_en
    day.source = CalendarSource.ADMIN
    day._history_user = user
    day.save()
    return day


@transaction.atomic
def work_calendar_day_delete(*, user, day: WorkCalendarDay) -> None:
    """Remove a day from the calendar (administrators only): it becomes an ordinary weekday
    or weekend again. A library day removed here comes back at the next library load; enter
    a correction instead to overrule the library."""
    _require_admin(user)
    day = WorkCalendarDay.objects.select_for_update().get(pk=day.pk)
    day._history_user = user
    day.delete()


# ---- the city and its regions ---------------------------------------------------------------


@transaction.atomic
def city_setup(*, query: str) -> tuple[Region, list[Region]]:
    """Create the city a GB/T 2260 code or Chinese name names (`430700`, `常德市`) with its
    districts, counties and county-level cities, in Chinese and English (`reference.divisions`).
    The city then names the site, the bulletin and the exports (`selectors.the_city`).

    Run once, from `manage.py setup_city`, on an empty region table. Refuses (DomainError on
    `query`) when a city is there already (the demo's included: a demo database stays the
    demo), when a region of the city's codes exists, and for a code that is not a
    prefecture-level city or municipality (a province, a district, an unknown code)."""
    existing = Region.objects.select_for_update().filter(kind=RegionKind.CITY).first()
    if existing is not None:
        raise DomainError(
            _(
                "The portal serves %(city)s already: a portal is set up for one city. Start "
                "from an empty database to set up another."
            )
            % {"city": f"{existing.code} {existing.name_zh_hans}"},
            field="query",
        )
    try:
        code = find_city(query)
    except DivisionError as e:
        raise DomainError(str(e), field="query") from e
    city_div, children = city_divisions(code)
    codes = [city_div.code, *(c.code for c in children)]
    taken = list(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    if taken:
        raise DomainError(
            _("Regions with these codes exist already: %(codes)s.") % {"codes": ", ".join(taken)},
            field="query",
        )
    city = Region.objects.create(
        code=city_div.code,
        name=city_div.name_zh,
        name_zh_hans=city_div.name_zh,
        name_en=city_div.name_en,
        kind=RegionKind.CITY,
        sort_order=0,
    )
    regions = Region.objects.bulk_create(
        Region(
            code=d.code,
            name=d.name_zh,
            name_zh_hans=d.name_zh,
            name_en=d.name_en,
            kind=d.kind,
            parent=city,
            sort_order=order,
        )
        for order, d in enumerate(children, start=1)
    )
    return city, regions


def _require_bureau(user) -> None:
    if user is None or not getattr(user, "is_bureau_or_admin", False):
        raise PermissionDenied(_("Only the bureau or an administrator adds development zones."))


@transaction.atomic
def dev_zone_save(
    *,
    user,
    zone: Region | None = None,
    name_zh_hans: str,
    name_en: str,
    zone_kind: str,
    parent: Region | None,
) -> Region:
    """Add a development zone (`zone` None) or correct one (bureau and administrators). A zone
    sits under the city or one of its districts, counties or county-level cities; it has no
    GB/T 2260 code. Refuses a missing name in either language, an unknown kind, a parent that
    is not the city or one of its divisions (a zone inside a zone included) and a name that
    another region has."""
    _require_bureau(user)
    name_zh_hans, name_en = (name_zh_hans or "").strip(), (name_en or "").strip()
    if not name_zh_hans:
        raise DomainError(_("Name the zone in Chinese."), field="name_zh_hans")
    if not name_en:
        raise DomainError(_("Name the zone in English."), field="name_en")
    if zone_kind not in ZoneKind.values:
        raise DomainError(_("Choose the kind of development zone."), field="zone_kind")
    if parent is None or parent.kind == RegionKind.DEV_ZONE:
        raise DomainError(
            _("Choose the city, district, county or county-level city the zone lies in."),
            field="parent",
        )
    clash = Region.objects.filter(Q(name_zh_hans=name_zh_hans) | Q(name_en__iexact=name_en))
    if zone is not None:
        zone = Region.objects.select_for_update().get(pk=zone.pk, kind=RegionKind.DEV_ZONE)
        clash = clash.exclude(pk=zone.pk)
    if clash.exists():
        raise DomainError(_("A region of this name exists already."), field="name_zh_hans")
    zone = zone or Region(kind=RegionKind.DEV_ZONE, code="")
    zone.name, zone.name_zh_hans, zone.name_en = name_zh_hans, name_zh_hans, name_en
    zone.zone_kind, zone.parent = zone_kind, parent
    if zone.pk is None:
        zone.sort_order = (Region.objects.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    zone.save()
    return zone
