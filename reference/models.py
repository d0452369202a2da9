"""Reference data every other app points at: the region tree, GB/T 4754 industry sections and
the official working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from config.names import name_text


class RegionKind(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    COUNTY = "county", _("County")
    COUNTY_CITY = "county_city", _("County-level city")
    DEV_ZONE = "dev_zone", _("Development zone")


class ZoneKind(models.TextChoices):
    """The kinds of development zone (开发区) the State Council and provinces approve."""

    NATIONAL_ETDZ = "national_etdz", _("National economic and technological development zone")
    NATIONAL_HIGH_TECH = "national_high_tech", _("National high-tech industrial development zone")
    PROVINCIAL_ETDZ = "provincial_etdz", _("Provincial economic development zone")
    PROVINCIAL_HIGH_TECH = "provincial_high_tech", _("Provincial high-tech industrial park")
    BONDED = "bonded", _("Comprehensive bonded zone")
    BORDER = "border", _("Border economic cooperation zone")
    OTHER = "other", _("Other development zone")


class Region(models.Model):
    """A city, district, county, county-level city or development zone.

    `code` is the GB/T 2260 administrative code where one exists (development zones have none).
    """

    code = models.CharField(_("code"), max_length=12, blank=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    zone_kind = models.CharField(
        _("kind of development zone"), max_length=24, choices=ZoneKind.choices, blank=True
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["sort_order", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="region_code_unique"
            ),
        ]

    def __str__(self):
        return name_text(self)  # config/names.py: a missing English name is marked


class ThreeIndustries(models.TextChoices):
    PRIMARY = "primary", _("Primary industry")
    SECONDARY = "secondary", _("Secondary industry")
    TERTIARY = "tertiary", _("Tertiary industry")


class IndustrySection(models.Model):
    """A GB/T 4754-2017 section (A–T). A few divisions belong to another of the three
    industries than their section (05, 11, 43 are tertiary): see `three_industry_of`."""

    code = models.CharField(_("code"), max_length=1, unique=True)
    name = models.CharField(_("name"), max_length=100)
    three_industry = models.CharField(
        _("three-industry group"), max_length=10, choices=ThreeIndustries.choices
    )

    class Meta:
        verbose_name = _("industry section")
        verbose_name_plural = _("industry sections")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {name_text(self)}"


# Divisions that GB/T 4754 counts under the tertiary industry although their section is not.
TERTIARY_DIVISIONS = frozenset({"05", "11", "43"})


def three_industry_of(section_code: str, division: str | None = None) -> str:
    """The three-industry group of a section, refined by a two-digit division when given."""
    if division and division in TERTIARY_DIVISIONS:
        return ThreeIndustries.TERTIARY
    if section_code == "A":
        return ThreeIndustries.PRIMARY
    if section_code in {"B", "C", "D", "E"}:
        return ThreeIndustries.SECONDARY
    return ThreeIndustries.TERTIARY


class WorkDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday (day off)")
    WORKDAY = "workday", _("Make-up workday")


class CalendarSource(models.TextChoices):
    LIBRARY = "library", _("State Council arrangement (chinese-calendar library)")
    ADMIN = "admin", _("Entered by an administrator")
    DEMO = "demo", _("Demo data (not an official arrangement)")


class WorkCalendarDay(models.Model):
    """An exception to the ordinary week in the official working-day calendar: a public
    holiday on a weekday or weekend (`holiday`), or a weekend day that is worked (`workday`,
    调休). Every other Monday to Friday is a working day, every other Saturday and Sunday is
    not (`reference.workdays`). Rows come from the chinese-calendar library
    (`load_work_calendar`) and from administrators, whose rows the library never overwrites."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=WorkDayKind.choices)
    name = models.CharField(_("name"), max_length=80)
    source = models.CharField(
        _("source"), max_length=10, choices=CalendarSource.choices, default=CalendarSource.ADMIN
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # history: who added, changed or deleted a day and when (registered in translation.py,
    # after the translated names exist).

    class Meta:
        verbose_name = _("working-day calendar entry")
        verbose_name_plural = _("working-day calendar")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}"
