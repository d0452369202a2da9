"""The API of liaison units and assignments, the ranked suggestions, fund allocations and the
projects that need a unit (bureau dashboard and its full list)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Role
from config.errors import DomainError
from liaison import hooks
from liaison.models import FundAllocation, LiaisonAssignment
from liaison.selectors import projects_needing_assignment, unit_suggestions
from liaison.services import fund_allocation_create, liaison_assign
from reference.models import IndustrySection
from tests.factories import LiaisonUnitFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def today():
    """Today in Shanghai, read when a test runs (the clock may be moved), not at import."""
    return timezone.localdate()


@pytest.fixture
def industries(db):
    from reference.industries import sync_sections

    if not IndustrySection.objects.exists():
        sync_sections()
    return {s.code: s for s in IndustrySection.objects.all()}


@pytest.fixture
def contracted(region_a):
    return ProjectFactory(region=region_a, stage="contract", contract_date=today())


@pytest.fixture
def person_b(unit_b):
    return UserFactory(username="t_liaison_b", role=Role.LIAISON, liaison_unit=unit_b)


def _assign(bureau_user, project, unit, person, days_ago=10, **kw):
    return liaison_assign(
        user=bureau_user,
        project=project,
        unit=unit,
        person=person,
        start_date=today() - dt.timedelta(days=days_ago),
        **kw,
    )


# --- API: units -------------------------------------------------------------------------------


def test_units_all_for_staff_own_for_liaison(api_as, bureau_user, liaison_user, unit_a, unit_b):
    codes = {u["code"] for u in api_as(bureau_user).get("/api/v1/liaison-units/").json()["results"]}
    assert codes == {unit_a.code, unit_b.code}
    mine = api_as(liaison_user).get("/api/v1/liaison-units/").json()["results"]
    assert [u["id"] for u in mine] == [unit_a.pk]
    assert api_as(liaison_user).get(f"/api/v1/liaison-units/{unit_b.pk}/").status_code == 404


# --- API: assignments -------------------------------------------------------------------------


def test_assign_and_reassign_through_the_api_keep_history(
    api_as, bureau_user, liaison_user, person_b, unit_a, unit_b, contracted
):
    api = api_as(bureau_user)
    first = api.post(
        "/api/v1/assignments/",
        {
            "project": contracted.pk,
            "unit": unit_a.pk,
            "person": liaison_user.pk,
            "start_date": (today() - dt.timedelta(days=20)).isoformat(),
        },
        format="json",
    )
    assert first.status_code == 201, first.json()
    assert first.json()["visit_cadence_days"] == 90
    second = api.post(
        "/api/v1/assignments/",
        {
            "project": contracted.pk,
            "unit": unit_b.pk,
            "person": person_b.pk,
            "start_date": today().isoformat(),
            "visit_cadence_days": 30,
        },
        format="json",
    )
    assert second.status_code == 201, second.json()
    rows = api.get(f"/api/v1/assignments/?project={contracted.pk}").json()["results"]
    assert [(r["unit"]["id"], r["end_date"]) for r in rows] == [
        (unit_b.pk, None),
        (unit_a.pk, (today() - dt.timedelta(days=1)).isoformat()),
    ]
    assert rows[0]["visit_cadence_days"] == 30
    assert LiaisonAssignment.history.filter(id=first.json()["id"]).count() == 2


def test_assignment_create_refusals_name_the_field(
    api_as, bureau_user, district_user, liaison_user, unit_b, contracted
):
    body = {
        "project": contracted.pk,
        "unit": unit_b.pk,
        "person": liaison_user.pk,  # staff of unit A
        "start_date": today().isoformat(),
    }
    resp = api_as(bureau_user).post("/api/v1/assignments/", body, format="json")
    assert resp.status_code == 400
    assert "person" in resp.json()
    resp = api_as(bureau_user).post(
        "/api/v1/assignments/", body | {"visit_cadence_days": 3}, format="json"
    )
    assert "visit_cadence_days" in resp.json()
    assert (
        api_as(district_user).post("/api/v1/assignments/", body, format="json").status_code == 403
    )
    assert not LiaisonAssignment.objects.exists()


def test_assignment_list_scoped(
    api_as,
    bureau_user,
    district_user,
    liaison_user,
    office110_user,
    person_b,
    unit_a,
    unit_b,
    region_a,
    region_b,
):
    in_a = _assign(bureau_user, ProjectFactory(region=region_a), unit_a, liaison_user)
    in_b = _assign(bureau_user, ProjectFactory(region=region_b), unit_b, person_b)

    def ids(user):
        return {r["id"] for r in api_as(user).get("/api/v1/assignments/").json()["results"]}

    assert ids(bureau_user) == ids(office110_user) == {in_a.pk, in_b.pk}
    assert ids(district_user) == {in_a.pk}
    assert ids(liaison_user) == {in_a.pk}
    assert api_as(liaison_user).get(f"/api/v1/assignments/{in_b.pk}/").status_code == 404
    assert api_as(district_user).get(f"/api/v1/assignments/{in_b.pk}/").status_code == 404


def test_cadence_is_edited_by_the_unit_and_recorded(
    api_as, bureau_user, liaison_user, person_b, unit_a, contracted
):
    a = _assign(bureau_user, contracted, unit_a, liaison_user)
    resp = api_as(liaison_user).post(
        f"/api/v1/assignments/{a.pk}/cadence/", {"visit_cadence_days": 45}, format="json"
    )
    assert resp.status_code == 200
    a.refresh_from_db()
    assert a.visit_cadence_days == 45
    assert a.history.first().history_user == liaison_user
    resp = api_as(liaison_user).post(
        f"/api/v1/assignments/{a.pk}/cadence/", {"visit_cadence_days": 0}, format="json"
    )
    assert resp.status_code == 400
    assert "visit_cadence_days" in resp.json()
    assert (
        api_as(person_b)
        .post(f"/api/v1/assignments/{a.pk}/cadence/", {"visit_cadence_days": 30}, format="json")
        .status_code
        == 404
    )


# --- suggestions ------------------------------------------------------------------------------


def test_suggestions_rank_by_fit_load_and_open_cases(
    bureau_user, liaison_user, person_b, unit_a, unit_b, region_a, industries
):
    unit_c = LiaisonUnitFactory()
    unit_a.industries.add(industries["C"])
    unit_b.industries.add(industries["C"])
    project = ProjectFactory(region=region_a, industry=industries["C"])
    # Unit A already serves two enterprises, unit B one.
    for _i in range(2):
        _assign(bureau_user, ProjectFactory(region=region_a), unit_a, liaison_user)
    _assign(bureau_user, ProjectFactory(region=region_a), unit_b, person_b)
    rows = unit_suggestions(project, open_cases={unit_b.pk: 4})
    by_unit = {r["unit"]: r for r in rows}
    assert by_unit[unit_a]["industry_fit"]
    assert by_unit[unit_b]["industry_fit"]
    assert not by_unit[unit_c]["industry_fit"]
    assert (by_unit[unit_a]["enterprises"], by_unit[unit_b]["enterprises"]) == (2, 1)
    assert by_unit[unit_b]["open_cases"] == 4
    # A: 50 + 0 (most enterprises) + 20 (no cases) = 70; B: 50 + 15 + 0 = 65; C: 0 + 30 + 20.
    assert [(r["unit"], r["score"], r["rank"]) for r in rows] == [
        (unit_a, 70.0, 1),
        (unit_b, 65.0, 2),
        (unit_c, 50.0, 3),
    ]
    # Without open cases B (fewer enterprises) comes first.
    assert unit_suggestions(project, open_cases={})[0]["unit"] == unit_b


def test_suggestions_api_counts_open_cases_from_feedback(
    api_as, bureau_user, district_user, unit_a, unit_b, contracted
):
    from feedback.models import Case

    Case.objects.create(
        source="complaint", subject="x", unit=unit_a, received_on=today(), due_date=today()
    )
    assert hooks.open_case_counts() == {unit_a.pk: 1}
    resp = api_as(bureau_user).get(f"/api/v1/liaison-units/suggestions/?project={contracted.pk}")
    assert resp.status_code == 200
    rows = resp.json()
    assert [r["unit"]["id"] for r in rows] == [unit_b.pk, unit_a.pk]
    assert rows[1]["open_cases"] == 1
    assert set(rows[0]) >= {"rank", "score", "industry_fit", "enterprises", "open_cases"}
    assert api_as(bureau_user).get("/api/v1/liaison-units/suggestions/").status_code == 400
    assert (
        api_as(district_user)
        .get(f"/api/v1/liaison-units/suggestions/?project={contracted.pk}")
        .status_code
        == 403
    )


def test_assign_page_shows_the_ranked_suggestions(client, bureau_user, unit_a, unit_b, contracted):
    client.force_login(bureau_user)
    page = client.get(f"/en/staff/projects/{contracted.pk}/liaison/")
    assert page.status_code == 200
    assert [r["rank"] for r in page.context["suggestions"]] == [1, 2]
    assert b'data-testid="suggestions"' in page.content


# --- projects needing a unit ------------------------------------------------------------------


def test_projects_needing_assignment_and_the_dashboard(
    client, bureau_user, district_user, liaison_user, unit_a, region_a
):
    intent = ProjectFactory(region=region_a, stage="intent")
    needing = ProjectFactory(
        region=region_a, stage="contract", contract_date=today(), name="缺单位"
    )
    served = ProjectFactory(region=region_a, stage="approval", contract_date=today())
    dropped = ProjectFactory(region=region_a, stage="contract", status="dropped")
    _assign(bureau_user, served, unit_a, liaison_user)
    ended = ProjectFactory(region=region_a, stage="groundbreaking", contract_date=today())
    a = _assign(bureau_user, ended, unit_a, liaison_user)
    LiaisonAssignment.objects.filter(pk=a.pk).update(end_date=today() - dt.timedelta(days=1))
    assert set(projects_needing_assignment()) == {needing, ended}
    assert intent not in projects_needing_assignment()
    assert dropped not in projects_needing_assignment()
    client.force_login(bureau_user)
    page = client.get("/en/staff/")
    assert page.context["needing_liaison_total"] == 2
    assert needing in page.context["needing_liaison"]
    assert "/staff/projects/liaison/unassigned/" in page.content.decode()
    full = client.get("/en/staff/projects/liaison/unassigned/")
    assert full.status_code == 200
    assert full.context["total"] == 2
    client.force_login(district_user)
    assert "needing_liaison_total" not in client.get("/en/staff/").context
    assert client.get("/en/staff/projects/liaison/unassigned/").status_code == 404


# --- fund allocations -------------------------------------------------------------------------


def test_fund_allocations_rows_bounds_and_scope(
    client, bureau_user, liaison_user, person_b, office110_user, unit_a, unit_b
):
    fund_allocation_create(
        user=bureau_user,
        unit=unit_a,
        year=today().year,
        amount_10k=Decimal("12.50"),
        purpose="走访",
    )
    fund_allocation_create(
        user=bureau_user, unit=unit_b, year=today().year, amount_10k=Decimal("3"), purpose="培训"
    )
    assert FundAllocation.history.count() == 2
    for bad, field in (
        ({"amount_10k": Decimal("-1")}, "amount_10k"),
        ({"amount_10k": Decimal("1e12")}, "amount_10k"),
        ({"amount_10k": Decimal("1.234")}, "amount_10k"),
        ({"year": 1900}, "year"),
        ({"purpose": " "}, "purpose"),
    ):
        values = {"unit": unit_a, "year": today().year, "amount_10k": Decimal(1), "purpose": "x"}
        with pytest.raises(DomainError) as err:
            fund_allocation_create(user=bureau_user, **(values | bad))
        assert err.value.field == field
    with pytest.raises(PermissionDenied):
        fund_allocation_create(
            user=liaison_user, unit=unit_a, year=today().year, amount_10k=1, purpose="x"
        )
    assert FundAllocation.objects.count() == 2

    client.force_login(bureau_user)
    resp = client.post(
        "/en/staff/projects/liaison/funds/",
        {"unit": unit_a.pk, "year": today().year, "amount_10k": "99999999999", "purpose": "x"},
    )
    assert resp.status_code == 200
    assert "amount_10k" in resp.context["form"].errors
    resp = client.post(
        "/en/staff/projects/liaison/funds/",
        {"unit": unit_a.pk, "year": today().year, "amount_10k": "7.5", "purpose": "调研"},
    )
    assert resp.status_code == 302
    page = client.get("/en/staff/projects/liaison/funds/")
    totals = {(t["unit"], t["year"]): t["total"] for t in page.context["totals"]}
    assert totals[(unit_a, today().year)] == Decimal("20.00")

    client.force_login(liaison_user)
    page = client.get("/en/staff/projects/liaison/funds/")
    assert {a.unit for a in page.context["allocations"]} == {unit_a}
    assert page.context["form"] is None
    resp = client.post(
        "/en/staff/projects/liaison/funds/",
        {"unit": unit_a.pk, "year": today().year, "amount_10k": "1", "purpose": "x"},
    )
    assert resp.status_code == 403
    client.force_login(office110_user)
    assert client.get("/en/staff/projects/liaison/funds/").status_code == 404


def test_dashboard_queries_do_not_grow_with_assignments(
    client, bureau_user, liaison_user, unit_a, region_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/staff/").status_code == 200
        return len(ctx.captured_queries)

    client.force_login(bureau_user)
    for _i in range(2):
        p = ProjectFactory(region=region_a, stage="contract", contract_date=today())
        _assign(bureau_user, p, unit_a, liaison_user, days_ago=200)
    ProjectFactory(region=region_a, stage="contract", contract_date=today())
    queries()  # warm per-process caches
    few = queries()
    for _i in range(10):
        p = ProjectFactory(region=region_a, stage="contract", contract_date=today())
        _assign(bureau_user, p, unit_a, liaison_user, days_ago=200)
        ProjectFactory(region=region_a, stage="approval", contract_date=today())
    assert queries() == few
