"""Staff pages for the investor content: policies, setup guide, zones, plots and premises,
costs and the industries' figures. Bureau and administrators edit (others 403); bad input is
a form error on the field at fault and nothing is saved."""

import datetime as dt

import pytest
import time_machine

from tests.website.investor_content import make_listing, make_policy, make_step, make_zone
from website.models import CostItem, Industry, Listing, Policy, Status

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 6, 1, 2, 0, tzinfo=dt.UTC)
TODAY = dt.date(2027, 6, 1)
KINDS = ("policies", "guide", "zones", "plots", "costs")


def _policy_data(**extra):
    return {
        "title_zh_hans": "示范市促进外商投资若干措施",
        "title_en": "Measures to promote foreign investment",
        "issuing_body_zh_hans": "示范市人民政府",
        "issuing_body_en": "Demo City People's Government",
        "document_number": "示政发〔2025〕8号",
        "issued_on": "2025-03-15",
        "effective_on": "2025-04-01",
        "expires_on": "2030-03-31",
        "summary_zh_hans": "摘要",
        "summary_en": "In short",
        "text_zh_hans": "第一条　原文",
        "text_en": "Article 1. Translation",
        "incentives": ["grant", "land"],
        "sections": [],
        "reviewed_on": "2027-05-20",
        "next_review_on": "2027-11-20",
        "action": "save",
        **extra,
    }


@pytest.mark.parametrize("who", ["admin_user", "bureau_user"])
@time_machine.travel(NOW, tick=False)
def test_editors_open_every_new_kind(client, request, who, sections):
    policy = make_policy(TODAY, number=1, title_en="Measures")
    zone = make_zone(TODAY)
    listing = make_listing(TODAY, zone, "E-L1")
    step = make_step(TODAY, 1, "Incorporation")
    client.force_login(request.getfixturevalue(who))
    for kind in KINDS:
        assert client.get(f"/en/staff/site/{kind}/").status_code == 200, kind
        assert client.get(f"/en/staff/site/{kind}/new/").status_code == 200, kind
    for kind, obj in (("policies", policy), ("zones", zone), ("plots", listing), ("guide", step)):
        assert client.get(f"/en/staff/site/{kind}/{obj.pk}/").status_code == 200, kind
        assert client.get(f"/en/staff/site/{kind}/{obj.pk}/preview/").status_code == 200, kind
    # New items are due for review half a year on
    body = client.get("/en/staff/site/policies/new/").content.decode()
    assert 'value="2027-06-01"' in body
    assert 'value="2027-11-30"' in body


@pytest.mark.parametrize("who", ["district_user", "liaison_user", "office110_user"])
def test_other_roles_are_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for kind in KINDS:
        assert client.get(f"/en/staff/site/{kind}/").status_code == 403, kind
        assert client.post(f"/en/staff/site/{kind}/new/", {}).status_code == 403, kind
    assert Policy.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_a_policy_is_saved_with_its_industries_and_incentives(client, bureau_user, sections):
    from reference.models import IndustrySection

    client.force_login(bureau_user)
    c = IndustrySection.objects.get(code="C")
    resp = client.post("/en/staff/site/policies/new/", _policy_data(sections=[c.pk]))
    assert resp.status_code == 302
    policy = Policy.objects.get()
    assert policy.incentives == ["grant", "land"]
    assert list(policy.sections.all()) == [c]
    assert policy.status == Status.DRAFT
    assert policy.history.first().history_user == bureau_user
    client.post(f"/en/staff/site/policies/{policy.pk}/publish/")
    client.logout()
    assert "Measures to promote foreign investment" in client.get("/en/policies/").content.decode()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"expires_on": "2025-01-01"}, "expires_on", "cannot expire before it takes effect"),
        ({"effective_on": "2025-01-01"}, "effective_on", "cannot take effect before"),
        ({"next_review_on": "2027-05-01"}, "next_review_on", "must come after the last one"),
        ({"issued_on": "15/03/2025"}, "issued_on", "Enter a valid date."),
        ({"incentives": ["bribes"]}, "incentives", "Select a valid choice."),
        ({"text_zh_hans": ""}, "text_zh_hans", "This field is required."),
    ],
)
def test_bad_policy_input_is_a_form_error_on_the_field(
    client, bureau_user, sections, extra, field, message
):
    client.force_login(bureau_user)
    resp = client.post("/en/staff/site/policies/new/", _policy_data(**extra))
    assert resp.status_code == 200
    errors = resp.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert Policy.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_bad_listing_input_is_refused_on_the_field(client, bureau_user):
    zone = make_zone(TODAY)
    client.force_login(bureau_user)
    data = {
        "zone": zone.pk,
        "code": "E-L9",
        "kind": "land",
        "name_zh_hans": "地块",
        "name_en": "Plot",
        "area_m2": "-5",
        "price_cny": "384",
        "price_basis": "sale",
        "zoning": "industrial",
        "utilities": ["power"],
        "available_from": "2027-07-01",
        "reviewed_on": "2027-05-20",
        "next_review_on": "2027-11-20",
        "action": "save",
    }
    resp = client.post("/en/staff/site/plots/new/", data)
    assert resp.status_code == 200
    assert "The area must be more than zero." in resp.context["form"].errors["area_m2"]
    resp = client.post("/en/staff/site/plots/new/", {**data, "area_m2": "a lot"})
    assert "area_m2" in resp.context["form"].errors
    assert Listing.objects.count() == 0
    assert client.post("/en/staff/site/plots/new/", {**data, "area_m2": "500"}).status_code == 302
    assert Listing.objects.get().utilities == ["power"]


@time_machine.travel(NOW, tick=False)
def test_a_zone_must_be_a_development_zone(client, bureau_user, region_a):
    client.force_login(bureau_user)
    resp = client.post(
        "/en/staff/site/zones/new/",
        {"region": region_a.pk, "slug": "x", "order": 0, "name_zh_hans": "区", "action": "save",
         "reviewed_on": "2027-05-20", "next_review_on": "2027-11-20"},
    )  # fmt: skip
    assert resp.status_code == 200
    assert "region" in resp.context["form"].errors


@time_machine.travel(NOW, tick=False)
def test_a_cost_figure_is_saved_and_bad_numbers_refused(client, bureau_user):
    client.force_login(bureau_user)
    data = {
        "category": "tax",
        "order": 0,
        "label_zh_hans": "企业所得税",
        "label_en": "Corporate income tax",
        "value": "25",
        "unit_zh_hans": "%",
        "unit_en": "%",
        "source_zh_hans": "税务局",
        "source_en": "Tax Service",
        "as_of": "2025-12-31",
        "reviewed_on": "2027-05-20",
        "next_review_on": "2027-11-20",
        "action": "publish",
    }
    resp = client.post("/en/staff/site/costs/new/", {**data, "value": "twenty"})
    assert "value" in resp.context["form"].errors
    resp = client.post("/en/staff/site/costs/new/", {**data, "category": "bribes"})
    assert "category" in resp.context["form"].errors
    assert client.post("/en/staff/site/costs/new/", data).status_code == 302
    assert CostItem.objects.get().status == Status.PUBLISHED


@time_machine.travel(NOW, tick=False)
def test_each_sector_has_its_own_contact(client, bureau_user, industry, sections):
    other = Industry.objects.create(
        slug="food", name="食品", name_zh_hans="食品", status=Status.PUBLISHED
    )
    client.force_login(bureau_user)
    data = {
        "slug": "food",
        "kind": "industry",
        "order": 1,
        "name_zh_hans": "食品",
        "name_en": "Food",
        "contact_email": industry.contact_email,
        "enterprises_count": "158",
        "workforce": "18900",
        "action": "save",
    }
    resp = client.post(f"/en/staff/site/industries/{other.pk}/", data)
    assert resp.status_code == 200
    assert "each sector has its own person" in " ".join(
        resp.context["form"].errors["contact_email"]
    )
    resp = client.post(
        f"/en/staff/site/industries/{other.pk}/", {**data, "contact_email": "food@example.cn"}
    )
    assert resp.status_code == 302
    other.refresh_from_db()
    assert (other.enterprises_count, other.workforce) == (158, 18900)


@time_machine.travel(NOW, tick=False)
def test_the_list_marks_content_past_its_review_date(client, bureau_user):
    zone = make_zone(TODAY)
    make_listing(TODAY, zone, "E-L1", next_review_on=TODAY - dt.timedelta(days=1))
    client.force_login(bureau_user)
    body = client.get("/en/staff/site/plots/").content.decode()
    assert 'data-testid="review-due"' in body
    assert "2027-05-31" in body


@time_machine.travel(NOW, tick=False)
def test_preview_of_an_unsaved_policy_shows_both_languages_and_saves_nothing(
    client, bureau_user, sections
):
    from reference.models import IndustrySection

    client.force_login(bureau_user)
    c = IndustrySection.objects.get(code="C")
    resp = client.post(
        "/en/staff/site/policies/new/", _policy_data(action="preview", sections=[c.pk])
    )
    assert resp.status_code == 200
    body = resp.content.decode()
    assert 'data-testid="preview"' in body
    assert "Article 1. Translation" in body
    assert "第一条　原文" in body
    assert Policy.objects.count() == 0
