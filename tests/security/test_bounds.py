"""Finding 8: real-world dates between REAL_DATE_EARLIEST (1949-01-01) and today; amounts
within their column and not negative where that means nothing — 400 naming the field."""

import datetime as dt
from decimal import Decimal

import pytest

from config.errors import DomainError
from projects import services
from projects.models import CapitalArrival, Project, ProjectActivity, StageMove
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def project(region_a):
    return ProjectFactory(
        region=region_a, capital_source="foreign", intent_date=dt.date(2020, 1, 5)
    )


@pytest.mark.parametrize("date", ["0001-01-01", "1948-12-31"])
def test_ancient_arrival_is_400_and_not_counted(api_as, district_user, project, date):
    resp = api_as(district_user).post(
        "/api/v1/capital-arrivals/",
        {"project": project.pk, "date": date, "amount": "10", "currency": "USD"},
        format="json",
    )
    assert resp.status_code == 400
    assert set(resp.json()) == {"date"}
    assert not CapitalArrival.objects.exists()


def test_arrival_on_the_earliest_day_is_accepted(api_as, district_user, project, settings):
    settings.REAL_DATE_EARLIEST = dt.date(2019, 1, 1)
    resp = api_as(district_user).post(
        "/api/v1/capital-arrivals/",
        {"project": project.pk, "date": "2019-01-01", "amount": "10", "currency": "USD"},
        format="json",
    )
    assert resp.status_code == 201, resp.json()


def test_the_earliest_date_is_configurable(api_as, district_user, project, settings):
    settings.REAL_DATE_EARLIEST = dt.date(2021, 1, 1)
    resp = api_as(district_user).post(
        "/api/v1/capital-arrivals/",
        {"project": project.pk, "date": "2020-12-31", "amount": "10", "currency": "USD"},
        format="json",
    )
    assert resp.status_code == 400
    assert "2021-01-01" in resp.json()["date"][0]


def test_ancient_intent_date_is_400(api_as, district_user, region_a):
    resp = api_as(district_user).post(
        "/api/v1/projects/",
        {
            "name_zh_hans": "古老项目",
            "region": region_a.pk,
            "category": "other",
            "capital_source": "foreign",
            "intent_date": "1900-01-01",
        },
        format="json",
    )
    assert resp.status_code == 400
    assert set(resp.json()) == {"intent_date"}
    assert not Project.objects.exists()


def test_ancient_stage_date_is_400(api_as, district_user, region_a):
    p = ProjectFactory(region=region_a, intent_date=dt.date(1940, 1, 1))  # a legacy row
    resp = api_as(district_user).post(
        f"/api/v1/projects/{p.pk}/transition/",
        {"to": "contract", "date": "1940-02-01"},
        format="json",
    )
    assert resp.status_code == 400
    assert set(resp.json()) == {"date"}
    assert not StageMove.objects.exists()


def test_ancient_activity_and_far_follow_up_are_refused(client, district_user, project):
    client.force_login(district_user)
    url = f"/en/staff/projects/{project.pk}/activities/new/"
    old = client.post(url, {"date": "0001-01-01", "kind": "visit", "summary": "x"})
    assert old.status_code == 200
    assert "date" in old.context["form"].errors
    far = client.post(
        url,
        {
            "date": TODAY.isoformat(),
            "kind": "visit",
            "summary": "x",
            "next_follow_up": "2999-01-01",
        },
    )
    assert "next_follow_up" in far.context["form"].errors
    assert not ProjectActivity.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("amount", Decimal("1e12")), ("amount", Decimal("0.001")), ("usd_rate", Decimal("1e9"))],
)
def test_arrival_amounts_out_of_the_column_are_refused(district_user, project, field, value):
    kwargs = {"amount": Decimal("10"), "currency": "EUR", "usd_rate": Decimal("1.1"), field: value}
    with pytest.raises(DomainError) as err:
        services.capital_arrival_create(user=district_user, project=project, date=TODAY, **kwargs)
    assert err.value.field == field


@pytest.mark.parametrize("field", ["total_investment_cny_10k", "contracted_fdi_usd_10k"])
@pytest.mark.parametrize("value", ["1000000000000", "-1"])
def test_project_amounts_out_of_range_are_400(api_as, district_user, project, field, value):
    resp = api_as(district_user).patch(
        f"/api/v1/projects/{project.pk}/", {field: value}, format="json"
    )
    assert resp.status_code == 400
    assert field in resp.json()


def test_project_amount_out_of_range_in_the_service(district_user, project):
    with pytest.raises(DomainError) as err:
        services.project_update(
            user=district_user,
            project=project,
            data={"total_investment_cny_10k": Decimal("1e13")},
        )
    assert err.value.field == "total_investment_cny_10k"


@pytest.mark.parametrize(
    ("field", "value"), [("negotiated", 40000), ("utilized_fdi_usd_10k", Decimal("1e13"))]
)
def test_target_values_out_of_range(bureau_user, region_a, field, value):
    with pytest.raises(DomainError) as err:
        services.target_set(user=bureau_user, region=region_a, year=2026, **{field: value})
    assert err.value.field == field
