"""Right on any date (issue 19): after `seed_demo` on the first day of a year and of a month,
every menu entry of every role answers 200 in both languages, and the pages that pick a
period or a year by default open on one that has figures, and say which."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import User
from staff.navigation import nav_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_USERS = ("admin", "bureau", "district", "liaison", "office110")


@pytest.fixture(params=["2027-01-01", "2027-03-01"])
def seeded_on(request, transactional_db, settings, tmp_path):
    """The demo seeded on that date at 08:30 in Shanghai, the clock left running there."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    day = dt.date.fromisoformat(request.param)
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 8, 30, tzinfo=SHANGHAI)):
        call_command("seed_demo", verbosity=0)
        yield day


def test_every_menu_entry_of_every_role_answers_on_a_new_year_and_a_new_month(client, seeded_on):
    failures = []
    for username in DEMO_USERS:
        user = User.objects.get(username=username)
        client.force_login(user)
        for lang in ("zh-hans", "en"):
            for item in nav_for(user):
                url = item.url()
                if item.key != "admin":
                    url = re.sub(r"^/(zh-hans|en)/", f"/{lang}/", url)
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
                if response.status_code != 200:
                    failures.append((username, lang, url, response.status_code))
            bulletin = client.get(f"/{lang}/staff/stats/bulletin/")
            if bulletin.status_code != 200:
                failures.append((username, lang, "bulletin", bulletin.status_code))
        client.logout()
    assert failures == []


def test_defaults_open_on_figures_not_on_the_calendar(client, seeded_on):
    """The statistics and the bulletin open on the latest published period (never the month
    that has just begun), and say so; in January the monthly reports open on last year."""
    client.force_login(User.objects.get(username="bureau"))
    stats = client.get("/en/staff/stats/")
    assert stats.context["default_period"].basis == "published"
    assert stats.context["snapshot"] is not None
    opened = (stats.context["year"], stats.context["month"])
    assert opened < (seeded_on.year, seeded_on.month)
    assert "the latest published period" in stats.content.decode()
    assert "This period has not been computed yet." not in stats.content.decode()
    bulletin = client.get("/en/staff/stats/bulletin/")
    assert bulletin.context["snapshot"].period == stats.context["period"]
    reports = client.get("/en/staff/stats/reports/")
    last_closed = seeded_on - dt.timedelta(days=1)
    assert reports.context["year"] == last_closed.year
