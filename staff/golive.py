"""The go-live checklist (administrators; bureau staff read it): what a new bureau must have
in place before the portal is used, each item done or missing with the page that does it.
Reads only; the one write (the test e-mail) is `services.mail_test_send`."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.two_factor import two_factor_applies
from config.typography import datetime_text
from liaison.models import LiaisonUnit
from projects.selectors import targets_exist
from reference.models import Region, RegionKind
from reference.selectors import the_city
from reference.workdays import has_arrangement
from stats.models import OpeningFigure, ReferenceFigure

from .models import MailTest


@dataclass
class CheckItem:
    key: str
    label: str
    done: bool
    detail: str
    url: str
    names: list[str] = field(default_factory=list)


def checklist(year: int) -> list[CheckItem]:
    """The checklist for `year` (this year: its targets, its and next year's calendar)."""
    city = the_city()
    divisions = Region.objects.exclude(kind__in=(RegionKind.CITY, RegionKind.DEV_ZONE)).count()
    zones = Region.objects.filter(kind=RegionKind.DEV_ZONE).count()
    users = list(get_user_model().objects.filter(is_active=True).order_by("username"))
    lacking = [
        u.get_username()
        for u in users
        if two_factor_applies(u) and not u.totpdevice_set.filter(confirmed=True).exists()
    ]
    staff_users = [u for u in users if not u.is_superuser]
    units = LiaisonUnit.objects.count()
    mail = MailTest.objects.filter(succeeded=True).first()
    missing_years = [y for y in (year, year + 1) if not has_arrangement(y)]
    return [
        CheckItem(
            "city",
            _("City and regions"),
            bool(city and divisions),
            _("%(city)s with %(n)s districts, counties and county-level cities")
            % {"city": city, "n": divisions}
            if city
            else _("No city yet: run manage.py setup_city <code>."),
            reverse("staff:regions"),
        ),
        CheckItem(
            "zones",
            _("Development zones"),
            zones > 0,
            _("%(n)s development zones") % {"n": zones},
            reverse("staff:dev_zone_create"),
        ),
        CheckItem(
            "units",
            _("Liaison units"),
            units > 0,
            _("%(n)s liaison units") % {"n": units},
            reverse("admin:liaison_liaisonunit_changelist"),
        ),
        CheckItem(
            "users",
            _("Users and two-factor sign-in"),
            bool(staff_users) and not lacking,
            _("%(n)s active users; %(m)s without two-factor sign-in")
            % {"n": len(users), "m": len(lacking)},
            reverse("admin:accounts_user_changelist"),
            lacking,
        ),
        CheckItem(
            "targets",
            _("Targets for %(year)s") % {"year": year},
            targets_exist(year),
            "",
            reverse("projects:targets"),
        ),
        CheckItem(
            "calendar",
            _("Holiday calendar"),
            not missing_years,
            _("Missing: %(years)s") % {"years": ", ".join(map(str, missing_years))}
            if missing_years
            else _("%(a)s and %(b)s present") % {"a": year, "b": year + 1},
            reverse("staff:calendar"),
        ),
        CheckItem(
            "references",
            _("Province and national reference figures"),
            ReferenceFigure.objects.filter(year__gte=year - 1).exists(),
            "",
            reverse("stats:references"),
        ),
        CheckItem(
            "opening",
            _("Opening figures"),
            OpeningFigure.objects.exists(),
            "",
            reverse("stats:opening"),
        ),
        CheckItem(
            "mail",
            _("E-mail sending tested"),
            mail is not None,
            _("Last test e-mail accepted %(at)s, to %(to)s")
            % {"at": datetime_text(mail.sent_at), "to": mail.recipient}
            if mail
            else _("No test e-mail has been accepted yet."),
            reverse("staff:go_live"),
        ),
    ]
