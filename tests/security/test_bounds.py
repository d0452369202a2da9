"""Finding 8: real-world dates between REAL_DATE_EARLIEST (1949-01-01) and today; amounts
within their column and not negative where that means nothing — 400 naming the field."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from config.errors import DomainError
from projects import services
from projects.models import CapitalArrival, Project, ProjectActivity, StageMove
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def today():
    """Today in Shanghai, read when a test runs (the clock may be moved), not at import."""
    return timezone.localdate()


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
            "date": today().isoformat(),
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
        services.capital_arrival_create(user=district_user, project=project, date=today(), **kwargs)
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


# ---- promotion activities: dates and cost, through the form and the API -------------------

# More than ACTIVITY_YEARS_AHEAD (3) years on: past any plan. Parameters name it; it is read
# when the test runs (the clock may be moved), not when the tests are collected.
BEYOND_PLANNING = "beyond-planning"


def _dates(values: dict) -> dict:
    far = str(today() + dt.timedelta(days=4 * 366))
    return {k: far if v == BEYOND_PLANNING else v for k, v in values.items()}


ACTIVITY = {
    "name_zh_hans": "赴新加坡小分队",
    "kind": "delegation",
    "start_date": "2026-03-01",
    "end_date": "2026-03-04",
    "cost_cny_10k": "12",
}


def _activity_api(api_as, user, region, **change):
    return api_as(user).post(
        "/api/v1/activities/",
        _dates({**ACTIVITY, "organiser_region": region.pk, **change}),
        format="json",
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_date": "1900-01-01", "end_date": "1900-01-02"}, "start_date"),
        ({"start_date": "0001-01-01", "end_date": "2026-03-04"}, "start_date"),
        ({"start_date": BEYOND_PLANNING, "end_date": BEYOND_PLANNING}, "start_date"),
        ({"end_date": BEYOND_PLANNING}, "end_date"),
        ({"cost_cny_10k": "-1"}, "cost_cny_10k"),
        ({"cost_cny_10k": "10000000000"}, "cost_cny_10k"),
        ({"cost_cny_10k": "1.005"}, "cost_cny_10k"),
    ],
)
def test_activity_api_bounds_are_400_naming_the_field(
    api_as, district_user, region_a, change, field
):
    from investors.models import PromotionActivity

    resp = _activity_api(api_as, district_user, region_a, **change)
    assert resp.status_code == 400, resp.json()
    assert set(resp.json()) == {field}
    assert not PromotionActivity.objects.exists()


def test_a_planned_activity_is_accepted(api_as, district_user, region_a):
    """Fairs and delegations are planned ahead: next month's is recorded now."""
    start = today() + dt.timedelta(days=30)
    resp = _activity_api(
        api_as,
        district_user,
        region_a,
        start_date=str(start),
        end_date=str(start + dt.timedelta(days=3)),
    )
    assert resp.status_code == 201, resp.json()


def test_activity_api_update_beyond_the_planning_horizon_is_400(api_as, district_user, region_a):
    from investors.models import PromotionActivity

    created = _activity_api(api_as, district_user, region_a)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    resp = api_as(district_user).patch(
        f"/api/v1/activities/{pk}/",
        _dates({"end_date": BEYOND_PLANNING}),
        format="json",
    )
    assert resp.status_code == 400
    assert set(resp.json()) == {"end_date"}
    assert PromotionActivity.objects.get(pk=pk).end_date == dt.date(2026, 3, 4)


def test_activity_on_the_earliest_day_is_accepted(api_as, district_user, region_a, settings):
    settings.REAL_DATE_EARLIEST = dt.date(2019, 1, 1)
    resp = _activity_api(
        api_as, district_user, region_a, start_date="2019-01-01", end_date="2019-01-01"
    )
    assert resp.status_code == 201, resp.json()


def test_activity_service_refuses_a_too_large_cost(district_user, region_a):
    from investors import services as investor_services

    data = {**ACTIVITY, "organiser_region": region_a, "cost_cny_10k": Decimal("1e10")}
    data["start_date"] = dt.date(2026, 3, 1)
    data["end_date"] = dt.date(2026, 3, 4)
    with pytest.raises(DomainError) as exc:
        investor_services.activity_create(user=district_user, data=data)
    assert exc.value.field == "cost_cny_10k"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_date": "1948-12-31", "end_date": "1949-01-05"}, "start_date"),
        ({"end_date": BEYOND_PLANNING}, "end_date"),
        ({"cost_cny_10k": "-5"}, "cost_cny_10k"),
    ],
)
def test_activity_form_bounds_show_on_the_field(client, district_user, region_a, change, field):
    from investors.models import PromotionActivity

    client.force_login(district_user)
    resp = client.post(
        "/en/staff/investors/activities/new/",
        _dates({**ACTIVITY, "organiser_region": region_a.pk, **change}),
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors.get(field), resp.context["form"].errors
    assert not PromotionActivity.objects.exists()
