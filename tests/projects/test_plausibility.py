"""Records stay plausible (issue #27, point 4): every real-world date goes through
config/bounds.py, contracted foreign capital above the total investment and a capital source
the investor's country contradicts need a reason, and a rate to US dollars keeps ten
significant digits whatever the currency."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from config.errors import DomainError
from feedback import services as feedback_services
from investors import services as investor_services
from liaison import services as liaison_services
from projects import services
from projects.models import CapitalArrival, Project
from tests.factories import (
    ChainFactory,
    ChainLinkFactory,
    InvestorFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ANCIENT = dt.date(1, 1, 1)


# --- dates ------------------------------------------------------------------------------------


def _visit(bureau_user, unit_a, region_a, **kw):
    return feedback_services.service_visit_create(
        user=bureau_user,
        project=ProjectFactory(region=region_a),
        unit=unit_a,
        purpose="走访",
        **({"date": ANCIENT} | kw),
    )


def _assignment(bureau_user, unit_a, region_a):
    person = UserFactory(role=Role.LIAISON, liaison_unit=unit_a)
    return liaison_services.liaison_assign(
        user=bureau_user,
        project=ProjectFactory(region=region_a),
        unit=unit_a,
        person=person,
        start_date=ANCIENT,
    )


def _interaction(bureau_user, unit_a, region_a):
    return investor_services.interaction_log(
        user=bureau_user,
        investor=InvestorFactory(owner_region=region_a),
        kind="meeting",
        date=ANCIENT,
        summary="会谈",
    )


def _complaint(bureau_user, unit_a, region_a):
    office = UserFactory(role=Role.OFFICE110)
    return feedback_services.complaint_record(
        user=office, received_on=ANCIENT, subject="投诉", description="说明"
    )


def _gap(bureau_user, unit_a, region_a):
    from chains import services as chain_services

    link = ChainLinkFactory(segment__chain=ChainFactory())
    return chain_services.link_rate_gap(
        user=bureau_user, link=link, gap="missing", reason="没有企业", rated_on=ANCIENT
    )


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (_visit, "date"),
        (_assignment, "start_date"),
        (_interaction, "date"),
        (_complaint, "received_on"),
        (_gap, "rated_on"),
    ],
    ids=["service visit", "liaison assignment", "interaction", "complaint", "gap rating"],
)
def test_a_date_in_the_year_one_is_refused_everywhere(record, field, bureau_user, unit_a, region_a):
    with pytest.raises(DomainError) as err:
        record(bureau_user, unit_a, region_a)
    assert err.value.field == field
    assert "1949" in str(err.value)


def test_a_service_visit_of_0001_01_01_is_a_400_naming_the_date(api_as, bureau_user, unit_a):
    project = ProjectFactory()
    resp = api_as(bureau_user).post(
        "/api/v1/service-visits/",
        {"project": project.pk, "unit": unit_a.pk, "date": "0001-01-01", "purpose": "走访"},
        format="json",
    )
    assert resp.status_code == 400, resp.content
    assert "date" in resp.json()


def test_a_visit_dated_in_range_is_still_recorded(bureau_user, unit_a, region_a):
    visit = _visit(bureau_user, unit_a, region_a, date=dt.date(2026, 3, 2))
    assert visit.pk
    assert visit.date == dt.date(2026, 3, 2)


# --- contracted foreign capital against the total investment ---------------------------------


def _data(region, **kw):
    investor = kw.pop("investor", None) or InvestorFactory(country="DE", owner_region=region)
    return {
        "name_zh_hans": "新项目",
        "region": region,
        "investor": investor,
        "capital_source": "foreign",
        "total_investment_cny_10k": Decimal("1000"),
        "contracted_fdi_usd_10k": Decimal("100"),
    } | kw


def test_contracted_capital_far_above_the_total_is_refused_without_a_reason(
    district_user, region_a
):
    data = _data(region_a, contracted_fdi_usd_10k=Decimal("99999999999"))
    data["total_investment_cny_10k"] = Decimal("700000")
    with pytest.raises(DomainError) as err:
        services.project_create(user=district_user, data=data)
    assert err.value.field == "contracted_fdi_usd_10k"
    assert "Reason for unusual figures" in str(err.value) or "理由" in str(err.value)
    assert not Project.objects.exists()


def test_the_line_is_the_total_at_the_configured_rate(district_user, region_a, settings):
    """At 7.1 yuan a dollar: 140.84 × 7.1 = 999.964 is within 1000; 140.85 × 7.1 = 1000.035
    is above it."""
    settings.PLAUSIBILITY_CNY_PER_USD = Decimal("7.1")
    services.project_create(
        user=district_user, data=_data(region_a, contracted_fdi_usd_10k=Decimal("140.84"))
    )
    with pytest.raises(DomainError):
        services.project_create(
            user=district_user, data=_data(region_a, contracted_fdi_usd_10k=Decimal("140.85"))
        )


def test_a_reason_confirms_the_figures_and_is_kept_in_the_history(district_user, region_a):
    data = _data(
        region_a,
        contracted_fdi_usd_10k=Decimal("500"),
        unusual_reason="  外方以设备作价增资，总投资待变更登记。 ",
    )
    project = services.project_create(user=district_user, data=data)
    project.refresh_from_db()
    assert project.unusual_reason == "外方以设备作价增资，总投资待变更登记。"
    assert project.history.first().unusual_reason == project.unusual_reason


def test_an_unknown_total_investment_is_not_a_contradiction(district_user, region_a):
    data = _data(region_a, total_investment_cny_10k=Decimal("0"))
    assert services.project_create(user=district_user, data=data).pk


def test_an_edit_that_does_not_touch_the_figures_is_not_stopped(district_user, region_a):
    """A record entered before the rule (figures as they were) can still be renamed; an edit
    that raises the contracted capital meets the rule."""
    project = ProjectFactory(
        region=region_a, total_investment_cny_10k=10, contracted_fdi_usd_10k=100
    )
    services.project_update(user=district_user, project=project, data={"name_zh_hans": "改名"})
    with pytest.raises(DomainError) as err:
        services.project_update(
            user=district_user, project=project, data={"contracted_fdi_usd_10k": Decimal("200")}
        )
    assert err.value.field == "contracted_fdi_usd_10k"


def test_the_api_answers_400_naming_the_field_then_accepts_the_reason(api_as, district_user):
    investor = InvestorFactory(country="DE", owner_region=district_user.region)
    body = {
        "name_zh_hans": "设备项目",
        "region": district_user.region.pk,
        "investor": investor.pk,
        "capital_source": "foreign",
        "total_investment_cny_10k": "100",
        "contracted_fdi_usd_10k": "99999999999",
    }
    client = api_as(district_user)
    resp = client.post("/api/v1/projects/", body, format="json")
    assert resp.status_code == 400
    assert "contracted_fdi_usd_10k" in resp.json()
    resp = client.post("/api/v1/projects/", body | {"unusual_reason": "合同待变更"}, format="json")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["unusual_reason"] == "合同待变更"


def test_the_form_keeps_what_was_typed_and_shows_the_reason_field(client, district_user):
    investor = InvestorFactory(country="DE", owner_region=district_user.region)
    client.force_login(district_user)
    with translation.override("en"):
        url = reverse("projects:create")
    resp = client.post(
        url,
        {
            "name_zh_hans": "设备项目",
            "region": district_user.region.pk,
            "investor": investor.pk,
            "category": "other",
            "capital_source": "foreign",
            "total_investment_cny_10k": "100",
            "contracted_fdi_usd_10k": "99999",
        },
    )
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "more than the total investment" in body
    assert 'name="unusual_reason"' in body
    assert 'value="99999"' in body
    assert not Project.objects.exists()


# --- capital source against the investor's country --------------------------------------------


def test_a_german_investor_with_hong_kong_capital_needs_a_reason(district_user, region_a):
    with translation.override("en"), pytest.raises(DomainError) as err:
        services.project_create(user=district_user, data=_data(region_a, capital_source="hmt"))
    assert err.value.field == "capital_source"
    assert "Germany" in str(err.value)
    assert "Hong Kong, Macao and Taiwan" in str(err.value)
    project = services.project_create(
        user=district_user,
        data=_data(region_a, capital_source="hmt", unusual_reason="经香港子公司投资"),
    )
    assert project.capital_source == "hmt"


@pytest.mark.parametrize(("country", "source"), [("HK", "hmt"), ("TW", "hmt"), ("US", "foreign")])
def test_a_matching_source_passes(district_user, region_a, country, source):
    investor = InvestorFactory(country=country, owner_region=region_a)
    data = _data(region_a, investor=investor, capital_source=source)
    assert services.project_create(user=district_user, data=data).pk


def test_changing_the_investor_to_one_from_elsewhere_asks_again(district_user, region_a):
    project = ProjectFactory(region=region_a)
    hk = InvestorFactory(country="HK", owner_region=region_a)
    with pytest.raises(DomainError) as err:
        services.project_update(user=district_user, project=project, data={"investor": hk})
    assert err.value.field == "capital_source"


# --- rates to US dollars ------------------------------------------------------------------------


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5))


@pytest.mark.parametrize(
    ("currency", "rate", "amount", "usd"),
    [
        # 1 USD = 16,000 IDR: 0.0000625 USD per rupiah, kept whole (six decimals made it
        # 0.000063, one per cent too much).
        ("IDR", "0.0000625", "1600000", "100.00"),
        # 1 USD = 25,400 VND: 0.00003937007874 has ten significant digits.
        ("VND", "0.00003937007874", "2540000", "100.00"),
        ("KWD", "3.254000000", "100", "325.40"),
    ],
)
def test_rates_keep_ten_significant_digits(
    api_as, district_user, project, currency, rate, amount, usd
):
    resp = api_as(district_user).post(
        "/api/v1/capital-arrivals/",
        {
            "project": project.pk,
            "date": "2026-03-01",
            "amount": amount,
            "currency": currency,
            "usd_rate": rate,
        },
        format="json",
    )
    assert resp.status_code == 201, resp.json()
    arrival = CapitalArrival.objects.get()
    assert arrival.usd_rate == Decimal(rate)
    assert arrival.amount_usd_10k == Decimal(usd)
    assert resp.json()["usd_rate"] == str(Decimal(rate).normalize())


def test_a_rate_with_eleven_significant_digits_is_refused(api_as, district_user, project):
    resp = api_as(district_user).post(
        "/api/v1/capital-arrivals/",
        {
            "project": project.pk,
            "date": "2026-03-01",
            "amount": "100",
            "currency": "EUR",
            "usd_rate": "1.0812345678",
        },
        format="json",
    )
    assert resp.status_code == 400
    assert "usd_rate" in resp.json()
    assert "10" in resp.json()["usd_rate"][0]


def test_the_detail_page_shows_the_rate_as_given(client, district_user, project):
    services.capital_arrival_create(
        user=district_user,
        project=project,
        date=dt.date(2026, 3, 1),
        amount=Decimal("1600000"),
        currency="IDR",
        usd_rate=Decimal("0.0000625"),
    )
    client.force_login(district_user)
    body = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "0.0000625<" in body
    assert "0.00006250000000" not in body
