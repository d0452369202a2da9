"""A new year without targets (issue 19): the targets page and the dashboard say so, and
bureau and admin copy last year's targets to every region that has none yet."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from config.errors import DomainError
from projects import services
from projects.models import RegionTarget

pytestmark = pytest.mark.django_db

NEW_YEARS_DAY = dt.datetime(2027, 1, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def last_years(region_a, region_b):
    return [
        RegionTarget.objects.create(
            region=region_a, year=2026, negotiated=6, approved=3, started=2,
            utilized_fdi_usd_10k=Decimal("1500.50"), contracted_fdi_usd_10k=Decimal("2000"),
        ),
        RegionTarget.objects.create(region=region_b, year=2026, negotiated=4),
    ]  # fmt: skip


def test_copy_gives_every_region_without_targets_last_years(bureau_user, region_b, last_years):
    RegionTarget.objects.create(region=region_b, year=2027, negotiated=9)  # already decided
    created = services.targets_copy(user=bureau_user, from_year=2026, to_year=2027)
    assert [t.region_id for t in created] == [last_years[0].region_id]
    copied = RegionTarget.objects.get(region=last_years[0].region, year=2027)
    assert (copied.negotiated, copied.approved, copied.started) == (6, 3, 2)
    assert copied.utilized_fdi_usd_10k == Decimal("1500.50")
    assert copied.contracted_fdi_usd_10k == Decimal("2000")
    assert RegionTarget.objects.get(region=region_b, year=2027).negotiated == 9
    # Again: nothing left to copy, nothing changes.
    assert services.targets_copy(user=bureau_user, from_year=2026, to_year=2027) == []


def test_copy_refuses_other_roles_and_an_empty_year(district_user, bureau_user, last_years):
    with pytest.raises(PermissionDenied):
        services.targets_copy(user=district_user, from_year=2026, to_year=2027)
    with pytest.raises(DomainError) as refused:
        services.targets_copy(user=bureau_user, from_year=2025, to_year=2026)
    assert refused.value.field == "year"


@time_machine.travel(NEW_YEARS_DAY, tick=False)
def test_new_years_day_pages_say_so_and_offer_the_copy(client, bureau_user, last_years):
    client.force_login(bureau_user)
    page = client.get("/en/staff/projects/targets/")
    assert page.context["year"] == 2027
    body = page.content.decode()
    assert "No targets have been set for 2027 yet" in body
    assert "Copy the targets of 2026" in body
    dashboard = client.get("/en/staff/").content.decode()
    assert "No targets have been set for 2027 yet." in dashboard
    response = client.post("/en/staff/projects/targets/copy/", {"year": "2027"})
    assert response.status_code == 302
    assert RegionTarget.objects.filter(year=2027).count() == 2
    after = client.get("/en/staff/projects/targets/").content.decode()
    assert "No targets have been set" not in after
    # Last year's stay reachable.
    assert client.get("/en/staff/projects/targets/?year=2026").context["year"] == 2026


@time_machine.travel(NEW_YEARS_DAY, tick=False)
def test_copy_page_refuses_others_and_bad_input(client, district_user, bureau_user, last_years):
    client.force_login(district_user)
    assert client.post("/en/staff/projects/targets/copy/", {"year": "2027"}).status_code == 403
    assert "Copy the targets" not in client.get("/en/staff/projects/targets/").content.decode()
    client.force_login(bureau_user)
    response = client.post("/en/staff/projects/targets/copy/", {"year": "二〇二七"}, follow=True)
    assert response.status_code == 200
    assert "Give a year between 2000 and 2100." in response.content.decode()
    assert RegionTarget.objects.filter(year=2027).count() == 0
