import datetime as dt

import pytest
from django.utils import timezone

from investors.models import Contact, Investor
from tests.factories import InvestorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inv_a(region_a):
    return InvestorFactory(name_en="Investor of A", country="HK", owner_region=region_a)


@pytest.fixture
def inv_b(region_b):
    return InvestorFactory(name_en="Investor of B", country="CN", owner_region=region_b)


@pytest.mark.parametrize(
    "role", ["admin_user", "bureau_user", "district_user", "liaison_user", "office110_user"]
)
def test_list_city_wide_with_source_group(api_as, request, role, inv_a, inv_b, region_a):
    api = api_as(request.getfixturevalue(role))
    rows = {r["name_en"]: r for r in api.get("/api/v1/investors/").json()["results"]}
    assert rows["Investor of A"]["source_group"] == "hmt"
    assert rows["Investor of A"]["country"] == "HK"
    assert rows["Investor of B"]["source_group"] == "domestic"
    detail = api.get(f"/api/v1/investors/{inv_a.pk}/").json()
    assert detail["source_group"] == "hmt"


def test_anonymous_refused(api, inv_a):
    assert api.get("/api/v1/investors/").status_code in (401, 403)


def test_create_validation_400_naming_the_field(api_as, bureau_user, region_a):
    api = api_as(bureau_user)
    resp = api.post(
        "/api/v1/investors/",
        {"name_en": "X", "country": "XX", "owner_region": region_a.pk},
        format="json",
    )
    assert resp.status_code == 400
    assert "country" in resp.json()
    resp = api.post(
        "/api/v1/investors/",
        {"name_en": "Y", "country": "de", "owner_region": region_a.pk},
        format="json",
    )
    assert resp.status_code == 201
    assert resp.json()["country"] == "DE"
    assert resp.json()["source_group"] == "foreign"
    dup = api.post(
        "/api/v1/investors/",
        {"name_zh_hans": "y ltd", "country": "DE", "owner_region": region_a.pk},
        format="json",
    )
    assert dup.status_code == 400
    assert "name_zh_hans" in dup.json()
    ok = api.post(
        "/api/v1/investors/",
        {
            "name_zh_hans": "y ltd",
            "country": "DE",
            "owner_region": region_a.pk,
            "confirm_new": True,
        },
        format="json",
    )
    assert ok.status_code == 201
    assert Investor.objects.count() == 2


def test_update_scope(api_as, district_user, district_user_b, inv_a):
    assert (
        api_as(district_user_b)
        .patch(f"/api/v1/investors/{inv_a.pk}/", {"notes": "x"}, format="json")
        .status_code
        == 403
    )
    resp = api_as(district_user).patch(
        f"/api/v1/investors/{inv_a.pk}/", {"notes": "ok"}, format="json"
    )
    assert resp.status_code == 200
    assert resp.json()["notes"] == "ok"


def test_contacts_email_400(api_as, bureau_user, liaison_user, inv_a):
    api = api_as(bureau_user)
    resp = api.post(
        "/api/v1/contacts/", {"investor": inv_a.pk, "name": "A", "email": "bad"}, format="json"
    )
    assert resp.status_code == 400
    assert "email" in resp.json()
    assert (
        api.post(
            "/api/v1/contacts/",
            {"investor": inv_a.pk, "name": "A", "email": "a@example.com"},
            format="json",
        ).status_code
        == 201
    )
    assert (
        api_as(liaison_user)
        .post("/api/v1/contacts/", {"investor": inv_a.pk, "name": "B"}, format="json")
        .status_code
        == 403
    )
    assert Contact.objects.count() == 1


def test_interactions_and_follow_up(api_as, district_user_b, liaison_user, inv_a):
    today = timezone.localdate()
    body = {
        "investor": inv_a.pk,
        "kind": "call",
        "date": today.isoformat(),
        "summary": "hi",
        "next_follow_up": (today + dt.timedelta(days=2)).isoformat(),
    }
    resp = api_as(district_user_b).post("/api/v1/interactions/", body, format="json")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["staff"] == [district_user_b.pk]
    assert inv_a.follow_ups.get().owner == district_user_b
    assert (
        api_as(liaison_user).post("/api/v1/interactions/", body, format="json").status_code == 403
    )
    bad = api_as(district_user_b).post(
        "/api/v1/interactions/", {**body, "date": "2100-01-01"}, format="json"
    )
    assert bad.status_code == 400
    assert "date" in bad.json()


def test_activities_agents_and_returns(api_as, bureau_user, district_user, region_a, region_b):
    api = api_as(district_user)
    body = {
        "name_zh_hans": "路演",
        "kind": "roadshow",
        "start_date": "2026-04-01",
        "end_date": "2026-04-02",
        "organiser_region": region_b.pk,
        "cost_cny_10k": "5",
    }
    resp = api.post("/api/v1/activities/", body, format="json")
    assert resp.status_code == 400
    assert "organiser_region" in resp.json()
    assert (
        api.post(
            "/api/v1/activities/", {**body, "organiser_region": region_a.pk}, format="json"
        ).status_code
        == 201
    )
    assert api.get("/api/v1/activities/returns/").status_code == 200
    assert (
        api.post("/api/v1/agents/", {"name": "刘", "email": "bad"}, format="json").status_code
        == 400
    )
    resp = api_as(bureau_user).post(
        "/api/v1/agents/",
        {"name": "刘", "kind": "part_time_director", "country": "sg"},
        format="json",
    )
    assert resp.status_code == 201
    assert resp.json()["country"] == "SG"


def test_inquiries_api_scope(api_as, bureau_user, district_user, region_a):
    from investors import services

    now = timezone.now()
    q = services.inquiry_submit(
        name="A",
        organisation="Org",
        country="FR",
        email="a@example.com",
        message="m",
        started_at=now - dt.timedelta(minutes=1),
        ip="1.2.3.4",
    )
    assert api_as(district_user).get(f"/api/v1/inquiries/{q.pk}/").status_code == 404
    api = api_as(bureau_user)
    assert api.get("/api/v1/inquiries/").json()["count"] == 1
    resp = api.post(
        f"/api/v1/inquiries/{q.pk}/convert/", {"owner_region": region_a.pk}, format="json"
    )
    assert resp.status_code == 201
    assert resp.json()["source_group"] == "foreign"
