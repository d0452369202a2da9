"""Capital arrivals: ISO 4217 currencies only, the USD rate, amounts too small to record,
history of every change with the acting user, deletion with a reason, and the row locks that
keep the copied classification from racing with an edit of the project."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.errors import DomainError
from projects import services
from projects.models import CapitalArrival
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/capital-arrivals/"


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5))


def post(api, project, **kw):
    data = {"project": project.pk, "date": "2026-03-01", "amount": "100"} | kw
    return api.post(URL, data, format="json")


@pytest.mark.parametrize("code", ["XXX", "XAU", "XTS", "XDR", "DEM", "FRF", "ABC", "usd1"])
def test_non_currencies_and_withdrawn_codes_refused(api_as, district_user, project, code):
    resp = post(api_as(district_user), project, currency=code, usd_rate="1.1")
    assert resp.status_code == 400
    assert "currency" in resp.json()
    assert not CapitalArrival.objects.exists()


@pytest.mark.parametrize("code", ["EUR", "HKD", "JPY", "XOF", "XAF", "XCD", "eur"])
def test_current_currencies_accepted(api_as, district_user, project, code):
    resp = post(api_as(district_user), project, currency=code, usd_rate="0.5")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["currency"] == code.upper()


@pytest.mark.parametrize("rate", ["0", "0.000000", "1.2", "-1"])
def test_usd_rate_other_than_one_refused(api_as, district_user, project, rate):
    resp = post(api_as(district_user), project, currency="USD", usd_rate=rate)
    assert resp.status_code == 400
    assert "usd_rate" in resp.json()
    assert not CapitalArrival.objects.exists()


@pytest.mark.parametrize("rate", [None, "1", "1.000000"])
def test_usd_rate_one_or_absent(api_as, district_user, project, rate):
    kw = {"currency": "USD"} | ({"usd_rate": rate} if rate else {})
    resp = post(api_as(district_user), project, **kw)
    assert resp.status_code == 201, resp.json()
    assert Decimal(resp.json()["usd_rate"]) == 1


def test_arrival_rounding_to_zero_is_refused(api_as, district_user, project):
    # 0.01 (10k) JPY at 0.0067 USD = 0.000067 (10k USD): 0.00 once rounded.
    resp = post(api_as(district_user), project, amount="0.01", currency="JPY", usd_rate="0.0067")
    assert resp.status_code == 400
    assert "amount" in resp.json()
    assert not CapitalArrival.objects.exists()
    # 1 (10k) JPY at the same rate is 0.01 (10k USD): recorded.
    assert (
        post(
            api_as(district_user), project, amount="1", currency="JPY", usd_rate="0.0067"
        ).status_code
        == 201
    )


def test_arrival_history_records_creation_and_deletion_with_reason(api_as, district_user, project):
    api = api_as(district_user)
    arrival_id = post(api, project, currency="USD").json()["id"]
    created = CapitalArrival.history.get(id=arrival_id, history_type="+")
    assert created.history_user == district_user
    refused = api.delete(f"{URL}{arrival_id}/")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    assert CapitalArrival.objects.filter(pk=arrival_id).exists()
    resp = api.delete(f"{URL}{arrival_id}/", {"reason": "重复录入"}, format="json")
    assert resp.status_code == 204
    assert not CapitalArrival.objects.filter(pk=arrival_id).exists()
    deleted = CapitalArrival.history.get(id=arrival_id, history_type="-")
    assert (deleted.history_user, deleted.history_change_reason) == (district_user, "重复录入")
    assert deleted.amount_usd_10k == Decimal("100.00")


def test_arrival_delete_unknown_field_is_400(api_as, district_user, project):
    api = api_as(district_user)
    arrival_id = post(api, project, currency="USD").json()["id"]
    resp = api.delete(f"{URL}{arrival_id}/", {"reason": "x", "force": True}, format="json")
    assert resp.status_code == 400
    assert "force" in resp.json()


def test_arrival_delete_on_the_page_needs_a_reason_and_shows_history(
    client, district_user, project
):
    arrival = services.capital_arrival_create(
        user=district_user,
        project=project,
        date=dt.date(2026, 3, 1),
        amount=Decimal("5"),
        currency="USD",
    )
    client.force_login(district_user)
    delete = reverse("projects:arrival_delete", args=[project.pk, arrival.pk])
    client.post(delete, {"reason": ""})
    assert CapitalArrival.objects.filter(pk=arrival.pk).exists()
    client.post(delete, {"reason": "金额录错"})
    assert not CapitalArrival.objects.filter(pk=arrival.pk).exists()
    page = client.get(reverse("projects:detail", args=[project.pk]))
    assert "金额录错" in page.content.decode()
    assert [h.history_type for h in page.context["arrival_history"]] == ["-", "+"]


def test_arrival_delete_outside_scope_is_404(api_as, district_user_b, district_user, project):
    arrival = services.capital_arrival_create(
        user=district_user,
        project=project,
        date=dt.date(2026, 3, 1),
        amount=Decimal("5"),
        currency="USD",
    )
    resp = api_as(district_user_b).delete(f"{URL}{arrival.pk}/", {"reason": "x"}, format="json")
    assert resp.status_code == 404


def test_service_refuses_deletion_without_reason(district_user, project):
    arrival = services.capital_arrival_create(
        user=district_user,
        project=project,
        date=dt.date(2026, 3, 1),
        amount=Decimal("5"),
        currency="USD",
    )
    with pytest.raises(DomainError) as err:
        services.capital_arrival_delete(user=district_user, arrival=arrival, reason="  ")
    assert err.value.field == "reason"


def test_create_locks_the_project_and_investor_rows(district_user, project):
    with CaptureQueriesContext(connection) as ctx:
        services.capital_arrival_create(
            user=district_user,
            project=project,
            date=dt.date(2026, 3, 1),
            amount=Decimal("5"),
            currency="USD",
        )
    locking = [q["sql"] for q in ctx.captured_queries if "FOR UPDATE" in q["sql"]]
    assert any('FROM "projects_project"' in sql for sql in locking)
    assert any('FROM "investors_investor"' in sql for sql in locking)
    # The classification is read after the locks are taken.
    first_lock = next(i for i, q in enumerate(ctx.captured_queries) if "FOR UPDATE" in q["sql"])
    insert = next(
        i
        for i, q in enumerate(ctx.captured_queries)
        if q["sql"].startswith('INSERT INTO "projects_capitalarrival"')
    )
    assert first_lock < insert


def test_classification_copy_is_in_the_arrivals_history(district_user, project, region_a):
    from reference.models import IndustrySection

    arrival = services.capital_arrival_create(
        user=district_user,
        project=project,
        date=dt.date(2026, 3, 1),
        amount=Decimal("5"),
        currency="USD",
    )
    services.project_update(
        user=district_user,
        project=project,
        data={"industry": IndustrySection.objects.get(code="I")},
        reason="行业划分更正",
    )
    arrival.refresh_from_db()
    assert arrival.industry.code == "I"
    latest = arrival.history.latest()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        district_user,
        "行业划分更正",
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"currency": "XAU", "usd_rate": "2000"}, "currency"),
        ({"currency": "DEM", "usd_rate": "0.5"}, "currency"),
        ({"currency": "USD", "usd_rate": "0"}, "usd_rate"),
        ({"currency": "JPY", "usd_rate": "0.0067", "amount": "0.01"}, "amount"),
    ],
)
def test_arrival_page_shows_the_refusal_on_the_field(client, district_user, project, data, field):
    client.force_login(district_user)
    form = {"date": "2026-03-01", "amount": "100", "rate_source": ""} | data
    resp = client.post(reverse("projects:arrival_create", args=[project.pk]), form)
    assert resp.status_code == 200
    assert field in resp.context["form"].errors
    assert resp.context["form"]["currency"].value() == data["currency"]  # nothing lost
    assert not CapitalArrival.objects.exists()
