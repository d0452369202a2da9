from .models import Region, RegionKind, WorkCalendarDay
from .workdays import has_arrangement


def region_list():
    """All regions, parents first by sort order: reference data every staff member may read."""
    return Region.objects.select_related("parent").all()


def region_descendant_ids(region: Region) -> set[int]:
    """The region and every region under it (a district and the zones inside it)."""
    ids = {region.pk}
    frontier = [region.pk]
    while frontier:
        frontier = list(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return ids


def the_city() -> Region | None:
    """The city the portal serves (the region of kind city, at the top of the tree), or None
    before the reference data is loaded."""
    return Region.objects.filter(kind=RegionKind.CITY, parent__isnull=True).order_by("pk").first()


def bureau_name() -> str:
    """The bureau's name as the issuer of its documents, in the active language: the setting
    (`BUREAU_NAME_ZH_HANS` / `BUREAU_NAME_EN`) where it is set, else "<city> Investment
    Promotion Bureau" (示范市招商局), else "Investment Promotion Bureau"."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    from config.i18n import active_suffix
    from config.names import bilingual

    named = getattr(settings, f"BUREAU_NAME_{active_suffix().upper()}", "")
    if named:
        return named
    city = the_city()
    if city is None:
        return _("Investment Promotion Bureau")
    # The name alone (a signature carries no "no English name yet" note): set BUREAU_NAME_EN
    # where the city has no English name.
    return _("%(city)s Investment Promotion Bureau") % {"city": bilingual(city).text}


def work_calendar_year(year: int):
    """The holidays and make-up workdays of a year, by date."""
    return WorkCalendarDay.objects.filter(date__year=year).order_by("date")


def work_calendar_years() -> list[int]:
    """The years the calendar has entries for, newest first."""
    return sorted({d.year for d in WorkCalendarDay.objects.dates("date", "year")}, reverse=True)


def next_year_arrangement_missing(today) -> int | None:
    """In December, the coming year when its holiday arrangement is not in the calendar yet
    (the State Council publishes it each November; deadlines would count it as plain weeks):
    None otherwise."""
    if today.month == 12 and not has_arrangement(today.year + 1):
        return today.year + 1
    return None
