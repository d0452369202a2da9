"""Opportunities seeking investment (issue 21 point 1): the workflow, the public showcase (open
and valid only, never a project already invested, English text only on the English list, an
expired offer reachable and marked), filters, the inquiry that becomes a lead and the one
button that makes it a pipeline project at intent, the staff pages and the API."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from config.errors import DomainError
from investors.forms import inquiry_started_token
from investors.models import Inquiry, InquiryRoute
from projects.models import Project
from reference.models import IndustrySection
from website import selectors, services
from website.models import Opportunity, OpportunityLead, OpportunityStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    """ "Today" is Monday 16 November 2026 in Shanghai."""
    with time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


def make(region, *, name_en="Fabric mill", status="published", valid=dt.date(2027, 6, 30),
         amount=45000, code="C", **extra):  # fmt: skip
    return Opportunity.objects.create(
        name="面料厂",
        name_zh_hans=extra.pop("name_zh_hans", "面料厂"),
        name_en=name_en,
        summary_zh_hans="中文简介",
        summary_en="A weaving plant next to the spinning mills.",
        sector=IndustrySection.objects.get(code=code),
        zone=region,
        investment_cny_10k=Decimal(amount),
        valid_until=valid,
        status=status,
        incentives_en="Rent relief\nTalent apartments",
        **extra,
    )


@pytest.fixture
def opp(sections, region_a):
    return make(region_a)


def test_workflow_draft_review_published_and_illegal_moves(sections, region_a, bureau_user):
    o = make(region_a, status="draft")
    with pytest.raises(DomainError) as err:
        services.opportunity_move(user=bureau_user, opp=o, to="published")
    assert err.value.field == "to"
    services.opportunity_move(user=bureau_user, opp=o, to="review")
    services.opportunity_move(user=bureau_user, opp=o, to="published")
    o.refresh_from_db()
    assert o.status == OpportunityStatus.PUBLISHED
    assert o.published_at is not None
    assert o.history.first().history_user == bureau_user


def test_an_expired_offer_cannot_be_published(sections, region_a, bureau_user):
    o = make(region_a, status="review", valid=dt.date(2026, 11, 15))
    with pytest.raises(DomainError) as err:
        services.opportunity_move(user=bureau_user, opp=o, to="published")
    assert err.value.field == "valid_until"


def test_only_site_editors_write(sections, region_a, district_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.opportunity_save(user=district_user, opp=make(region_a, status="draft"))


def test_showcase_lists_open_offers_and_marks_expired_ones(client, sections, region_a, opp):
    expired = make(region_a, name_en="Old offer", valid=dt.date(2026, 11, 15))
    draft = make(region_a, name_en="Secret draft", status="draft")
    body = client.get("/en/opportunities/").content.decode()
    assert "Fabric mill" in body
    assert "Old offer" not in body
    assert "Secret draft" not in body
    page = client.get(f"/en/opportunities/{expired.pk}/").content.decode()
    assert 'data-testid="expired"' in page
    assert "Old offer" in page
    assert 'data-testid="opportunity-inquiry"' not in page
    assert client.get(f"/en/opportunities/{draft.pk}/").status_code == 404
    page = client.get(f"/en/opportunities/{opp.pk}/").content.decode()
    assert "Rent relief" in page
    assert 'data-testid="expired"' not in page


def test_english_list_leaves_out_offers_without_english(client, sections, region_a, opp):
    make(region_a, name_en="", name_zh_hans="只有中文的项目")
    en = client.get("/en/opportunities/").content.decode()
    zh = client.get("/zh-hans/opportunities/").content.decode()
    assert "只有中文的项目" not in en
    assert "只有中文的项目" in zh


def test_an_invested_offer_leaves_the_list(sections, region_a, opp, bureau_user):
    project = Project.objects.create(
        name="x", name_zh_hans="x", region=region_a, stage="contract",
        intent_date=dt.date(2026, 1, 5), contract_date=dt.date(2026, 3, 1),
        last_activity_on=dt.date(2026, 3, 1),
    )  # fmt: skip
    inquiry = Inquiry.objects.create(
        name="n", organisation="o", country="GB", email="a@b.example", message="m",
        response_due=dt.date(2026, 11, 18),
    )  # fmt: skip
    assert opp in selectors.public_opportunities()
    OpportunityLead.objects.create(opportunity=opp, inquiry=inquiry, project=project)
    assert opp not in selectors.public_opportunities()


def test_filters_by_sector_zone_and_size(client, sections, region_a, region_b, opp):
    small = make(region_b, name_en="Small logistics", amount=5000, code="G")
    assert list(selectors.public_opportunity_filter(sector="g")) == [small]
    assert list(selectors.public_opportunity_filter(zone=str(region_a.pk))) == [opp]
    assert list(selectors.public_opportunity_filter(size="s")) == [small]
    assert list(selectors.public_opportunity_filter(size="m")) == [opp]
    assert set(selectors.public_opportunity_filter(size="?", zone="x")) == {opp, small}
    body = client.get("/en/opportunities/?size=s").content.decode()
    assert "Small logistics" in body
    assert "Fabric mill" not in body
    assert "Under 100 million CNY" in body


def test_inquiry_on_an_offer_is_a_lead_routed_to_the_sector_contact(
    client, sections, region_a, opp, bureau_user
):
    InquiryRoute.objects.create(industry=opp.sector, contact=bureau_user)
    page = client.get(f"/en/inquiry/?opportunity={opp.pk}").content.decode()
    assert 'data-testid="inquiry-about"' in page
    assert "Fabric mill" in page
    resp = client.post(
        f"/en/inquiry/?opportunity={opp.pk}",
        {
            "name": "James Carter",
            "organisation": "Brightwater Fabrics Ltd",
            "country": "GB",
            "email": "james@brightwater.example",
            "industry": "",
            "interest": "Opportunity: Fabric mill",
            "message": "We would like to visit.",
            "homepage": "",
            "started": inquiry_started_token(timezone.now() - dt.timedelta(seconds=30)),
        },
    )
    assert resp.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.opportunity_lead.opportunity == opp
    assert inquiry.industry == opp.sector
    assert inquiry.assigned_to == bureau_user


def test_a_lead_becomes_a_pipeline_project_at_intent_once(
    client, sections, region_a, opp, bureau_user
):
    inquiry = Inquiry.objects.create(
        name="n", organisation="Brightwater", country="GB", email="a@b.example", message="m",
        response_due=dt.date(2026, 11, 18),
    )  # fmt: skip
    lead = OpportunityLead.objects.create(opportunity=opp, inquiry=inquiry)
    client.force_login(bureau_user)
    resp = client.post(f"/en/staff/site/opportunities/{opp.pk}/leads/{lead.pk}/project/")
    lead.refresh_from_db()
    project = lead.project
    assert resp.status_code == 302
    assert resp.url.endswith(f"/projects/{project.pk}/")
    assert project.stage == "intent"
    assert project.region == region_a
    assert project.industry == opp.sector
    assert project.total_investment_cny_10k == opp.investment_cny_10k
    assert project.capital_source == "foreign"
    assert project.opportunity_lead.opportunity == opp
    with pytest.raises(DomainError):
        services.opportunity_lead_to_project(user=bureau_user, lead=lead)
    assert Project.objects.count() == 1


def test_staff_create_edit_and_review_from_the_pages(client, sections, region_a, bureau_user):
    client.force_login(bureau_user)
    data = {
        "sector": IndustrySection.objects.get(code="C").pk,
        "zone": region_a.pk,
        "investment_cny_10k": "12000",
        "valid_until": "2027-12-31",
        "name_zh_hans": "预制菜中央厨房",
        "name_en": "Central kitchen",
    }
    resp = client.post("/en/staff/site/opportunities/new/", data)
    assert resp.status_code == 302
    o = Opportunity.objects.get()
    assert o.status == "draft"
    assert o.updated_by == bureau_user
    bad = client.post(
        f"/en/staff/site/opportunities/{o.pk}/", {**data, "valid_until": "2999-01-01"}
    )
    assert bad.status_code == 200
    assert "valid_until" in bad.context["form"].errors
    client.post(f"/en/staff/site/opportunities/{o.pk}/status/", {"to": "review"})
    client.post(f"/en/staff/site/opportunities/{o.pk}/status/", {"to": "published"})
    o.refresh_from_db()
    assert o.status == "published"
    listing = client.get("/en/staff/site/opportunities/?status=published").content.decode()
    assert "Central kitchen" in listing


def test_api_lists_with_filters_and_bureau_creates(sections, region_a, region_b, opp, bureau_user):
    from rest_framework.test import APIClient

    make(region_b, name_en="Draft", status="draft", code="G")
    api = APIClient()
    api.force_authenticate(bureau_user)
    rows = api.get("/api/v1/opportunities/?status=published&sector=C").json()["results"]
    assert [r["id"] for r in rows] == [opp.pk]
    assert api.get(f"/api/v1/opportunities/?zone={region_b.pk}").json()["count"] == 1
    resp = api.post(
        "/api/v1/opportunities/",
        {"name_zh_hans": "新项目", "sector": "C", "zone": region_a.pk,
         "investment_cny_10k": "100", "valid_until": "2027-01-31", "status": "review"},
        format="json",
    )  # fmt: skip
    assert resp.status_code == 201, resp.json()
    assert resp.json()["status"] == "review"
    bad = api.post(
        "/api/v1/opportunities/",
        {"name_zh_hans": "x", "sector": "C", "zone": region_a.pk,
         "investment_cny_10k": "-1", "valid_until": "2027-01-31"},
        format="json",
    )  # fmt: skip
    assert bad.status_code == 400
    assert "investment_cny_10k" in bad.json()


def test_an_opportunity_page_lists_the_policies_for_its_sector(client, opp):
    """Manufacturing (C): the policy naming C and the one naming every industry are listed;
    the one for another industry and the expired one are not."""
    from tests.website.investor_content import make_policy

    today = dt.date(2026, 11, 16)
    make_policy(today, number=1, title_en="Manufacturing relief", codes=("C",))
    make_policy(today, number=2, title_en="For every industry")
    make_policy(today, number=3, title_en="Farming grant", codes=("A",))
    make_policy(today, number=4, title_en="Lapsed rule", codes=("C",), expires=dt.date(2026, 1, 1))
    page = client.get(f"/en/opportunities/{opp.pk}/")
    titles = sorted(p.title_en for p in page.context["policies"])
    assert titles == ["For every industry", "Manufacturing relief"]
    assert "Manufacturing relief" in page.content.decode()
