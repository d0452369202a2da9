"""The go-live checklist (issue 24, item 4): each item missing on an empty portal and done
once it is in place; the test e-mail recorded when it is accepted."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from projects.services import target_set
from reference.models import RegionKind, WorkCalendarDay
from reference.services import city_setup, dev_zone_save
from staff.golive import checklist
from staff.models import MailTest
from stats import services as stats_services
from stats.models import ReferenceFigure
from tests.factories import LiaisonUnitFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)


def _state():
    return {i.key: i.done for i in checklist(2026)}


@time_machine.travel(NOW, tick=False)
def test_items_turn_from_missing_to_done(admin_user, bureau_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    WorkCalendarDay.objects.filter(date__year=2027).delete()
    state = _state()
    assert not any(state[k] for k in ("city", "zones", "units", "targets", "opening", "mail"))
    assert state["calendar"] is False  # 2027 is missing
    users = next(i for i in checklist(2026) if i.key == "users")
    assert set(users.names) == {"t_admin", "t_bureau"}  # no two-factor yet

    city, regions = city_setup(query="430700")
    dev_zone_save(
        user=bureau_user, name_zh_hans="常德经开区", name_en="Changde ETDZ",
        zone_kind="national_etdz", parent=city,
    )  # fmt: skip
    LiaisonUnitFactory()
    target_set(user=bureau_user, region=regions[0], year=2026, negotiated=3)
    for year in (2026, 2027):  # a transactional test elsewhere may have flushed 2026
        WorkCalendarDay.objects.get_or_create(
            date=dt.date(year, 1, 1), defaults={"kind": "holiday", "name": "元旦"}
        )
    ReferenceFigure.objects.create(
        scope="province",
        year=2026,
        month=10,
        new_fie_count=1,
        contracted_fdi_usd_10k=1,
        utilized_fdi_usd_10k=1,
    )
    stats_services.opening_figure_save(
        user=bureau_user, year=2025, month=12,
        values=dict.fromkeys(stats_services.OPENING_VALUES, 0),
    )  # fmt: skip
    admin_user.email = "admin@example.org"
    admin_user.save()
    from staff.services import mail_test_send

    assert mail_test_send(user=admin_user).succeeded
    state = _state()
    assert {k for k, done in state.items() if not done} == {"users"}  # two-factor still missing
    assert mail.outbox[0].to == ["admin@example.org"]
    assert city.kind == RegionKind.CITY


def test_a_refused_test_email_is_recorded_not_done(admin_user, settings):
    settings.EMAIL_BACKEND = "tests.staff.test_go_live.RefusingBackend"
    admin_user.email = "admin@example.org"
    admin_user.save()
    from staff.services import mail_test_send

    test = mail_test_send(user=admin_user)
    assert (test.succeeded, "refused" in test.error) == (False, True)
    assert _state()["mail"] is False


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("refused by the server")


def test_page_lists_each_item_with_its_link(client, admin_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(admin_user)
    page = client.get(reverse("staff:go_live")).content.decode()
    assert page.count('data-done="no"') >= 7
    assert reverse("stats:opening") in page
    assert reverse("staff:regions") in page
    # The admin has no e-mail address: refused with a message, nothing recorded.
    client.post(reverse("staff:go_live"))
    assert not MailTest.objects.exists()
    admin_user.email = "a@example.org"
    admin_user.save()
    assert client.post(reverse("staff:go_live")).status_code == 302
    assert MailTest.objects.get().succeeded


def test_go_live_is_in_the_navigation_of_admin_and_bureau(admin_user, bureau_user, district_user):
    from staff.navigation import nav_for

    assert "go_live" in [i.key for i in nav_for(admin_user)]
    assert "go_live" in [i.key for i in nav_for(bureau_user)]
    assert "go_live" not in [i.key for i in nav_for(district_user)]
