"""Every write endpoint of the API, found from the OpenAPI schema (so a new endpoint is covered
the day it is added): a field the endpoint does not accept answers 400 naming that field, and
nothing is written."""

import datetime as dt

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from projects.models import CapitalArrival, Project, RegionTarget
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch", "delete")
UNKNOWN = "zz_not_a_field"


def write_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in WRITE_METHODS
    )


@pytest.fixture
def objects(admin_user, region_a):
    from stats.models import StatsSnapshot

    project = ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5))
    arrival = CapitalArrival.objects.create(
        project=project,
        date=dt.date(2026, 3, 1),
        amount=1,
        currency="USD",
        usd_rate=1,
        amount_usd_10k=1,
        recorded_by=admin_user,
    )
    target = RegionTarget.objects.create(region=region_a, year=2026)
    snapshot = StatsSnapshot.objects.create(year=2026, month=1, computed_at=timezone.now())
    from feedback.models import Case, ServiceRequest, ServiceVisit
    from tests.factories import LiaisonUnitFactory

    unit = LiaisonUnitFactory()
    visit = ServiceVisit.objects.create(
        project=project, unit=unit, date=dt.date(2026, 3, 2), purpose="x", created_by=admin_user
    )
    request = ServiceRequest.objects.create(
        project=project,
        owner_unit=unit,
        description="x",
        raised_on=dt.date(2026, 3, 2),
        deadline=dt.date(2026, 3, 9),
        created_by=admin_user,
    )
    case = Case.objects.create(
        source="complaint",
        subject="x",
        received_on=dt.date(2026, 3, 2),
        due_date=dt.date(2026, 3, 9),
    )
    from investors.models import Agent, Contact, Inquiry, Interaction, PromotionActivity

    contact = Contact.objects.create(investor=project.investor, name="A")
    interaction = Interaction.objects.create(
        investor=project.investor,
        kind="call",
        date=dt.date(2026, 3, 1),
        summary="x",
        logged_by=admin_user,
    )
    activity = PromotionActivity.objects.create(
        name_zh_hans="展会",
        kind="fair",
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 3, 1),
        organiser_region=region_a,
    )
    agent = Agent.objects.create(name="刘")
    inquiry = Inquiry.objects.create(
        name="A",
        organisation="B",
        country="DE",
        email="a@example.com",
        message="m",
        response_due=dt.date(2026, 3, 3),
    )
    from accounts.services import api_token_issue
    from appraisal.models import Appraisal, Scheme
    from liaison.models import LiaisonAssignment
    from tests.factories import UserFactory

    person = UserFactory(username="unknown_fields_liaison", role="liaison", liaison_unit=unit)
    assignment = LiaisonAssignment.objects.create(
        project=project, unit=unit, person=person, start_date=dt.date(2026, 3, 1)
    )

    appraisal = Appraisal.objects.create(year=2026, scheme=Scheme.objects.create(year=2026))
    from feedback.models import Referral

    referral = Referral.objects.create(
        request=request,
        from_unit=unit,
        to_unit=LiaisonUnitFactory(),
        note="x",
        created_by=admin_user,
    )
    from projects.models import ProjectCheck

    check = ProjectCheck.objects.create(
        project=project,
        checked_on=dt.date(2026, 3, 3),
        result="falsified",
        finding="x",
        checked_by=admin_user,
    )
    from stats.models import MonthlyReport

    report = MonthlyReport.objects.create(
        region=region_a,
        year=2026,
        month=1,
        summary="x",
        filed_on=dt.date(2026, 2, 9),
        due_on=dt.date(2026, 2, 10),
        recorded_by=admin_user,
    )
    from reference.models import IndustrySection
    from website.models import Opportunity

    opportunity = Opportunity.objects.create(
        name_zh_hans="招商项目",
        sector=IndustrySection.objects.get_or_create(
            code="C", defaults={"name": "制造业", "three_industry": "secondary"}
        )[0],
        zone=region_a,
        investment_cny_10k=100,
        valid_until=dt.date(2026, 12, 31),
    )
    from stats.models import OpeningFigure

    opening = OpeningFigure.objects.create(year=2025, month=6)
    from projects.models import DomesticArrival
    from stats.models import Reconciliation

    domestic_project = ProjectFactory(
        region=region_a, capital_source="domestic", enterprise_type="domestic",
        contracted_fdi_usd_10k=0,
    )  # fmt: skip
    domestic = DomesticArrival.objects.create(
        project=domestic_project,
        date=dt.date(2026, 3, 1),
        amount_cny_10k=1,
        source_province="32",
        recorded_by=admin_user,
        region=region_a,
        capital_source="domestic",
    )
    reconciliation = Reconciliation.objects.create(
        year=2026, month=1, source="safe", imported_at=timezone.now(), imported_by=admin_user
    )
    from chains import services as chain_services
    from tests.factories import ChainLinkFactory

    chain_link = ChainLinkFactory()
    chain_target = chain_services.target_company_add(
        user=admin_user, link=chain_link, investor=project.investor
    )
    from imports.models import ImportJob

    imported = ImportJob.objects.create(owner=admin_user, kind="targets", filename="t.csv")
    return {
        "/api/v1/stats/opening-figures/": opening.pk,
        "/api/v1/domestic-arrivals/": domestic.pk,
        "/api/v1/stats/reconciliations/": reconciliation.pk,
        "/api/v1/chain-links/": chain_link.pk,
        "/api/v1/chain-targets/": chain_target.pk,
        "/api/v1/imports/": imported.pk,
        "/api/v1/opportunities/": opportunity.pk,
        "/api/v1/monthly-reports/": report.pk,
        "/api/v1/project-checks/": check.pk,
        "/api/v1/referrals/": referral.pk,
        "/api/v1/appraisals/": appraisal.pk,
        "/api/v1/assignments/": assignment.pk,
        "/api/v1/auth/tokens/": api_token_issue(user=admin_user, client="x").record.public_id,
        "/api/v1/service-visits/": visit.pk,
        "/api/v1/service-requests/": request.pk,
        "/api/v1/complaints/": case.pk,
        "/api/v1/investors/": project.investor_id,
        "/api/v1/contacts/": contact.pk,
        "/api/v1/interactions/": interaction.pk,
        "/api/v1/activities/": activity.pk,
        "/api/v1/agents/": agent.pk,
        "/api/v1/inquiries/": inquiry.pk,
        "/api/v1/projects/": project.pk,
        "/api/v1/capital-arrivals/": arrival.pk,
        "/api/v1/targets/": target.pk,
        "/api/v1/stats/snapshots/": snapshot.pk,
    }


def test_the_schema_lists_the_write_endpoints():
    ops = write_operations()
    assert ("patch", "/api/v1/projects/{id}/") in ops
    assert ("post", "/api/v1/capital-arrivals/") in ops
    assert ("delete", "/api/v1/capital-arrivals/{id}/") in ops
    assert len(ops) >= 12


# Endpoints only another role writes to (sent as that role; everything else as an admin).
WRITERS = {"/api/v1/appraisals/{id}/objections/": "district_user"}


@pytest.mark.parametrize(("method", "path"), write_operations())
def test_unknown_field_is_a_400_naming_it(request, api_as, admin_user, objects, method, path):
    user = request.getfixturevalue(WRITERS[path]) if path in WRITERS else admin_user
    if "{id}" in path:
        prefix = path.split("{id}")[0]
        assert prefix in objects, f"add an object for {path} to this test's fixture"
        path = path.replace("{id}", str(objects[prefix]))
    # An objection's answer: the input is refused before the objection is looked up.
    path = path.replace("{oid}", "1")
    counts = (Project.objects.count(), CapitalArrival.objects.count(), RegionTarget.objects.count())
    history = Project.history.count()
    resp = getattr(api_as(user), method)(path, {UNKNOWN: "1"}, format="json")
    assert resp.status_code == 400, (method, path, resp.status_code)
    assert UNKNOWN in resp.json(), resp.json()
    after = (Project.objects.count(), CapitalArrival.objects.count(), RegionTarget.objects.count())
    assert after == counts
    assert Project.history.count() == history


def test_read_only_field_is_named_too(api_as, admin_user, objects):
    resp = api_as(admin_user).patch(
        f"/api/v1/projects/{objects['/api/v1/projects/']}/",
        {"last_activity_on": "2026-11-01", "name_en": "x"},
        format="json",
    )
    assert resp.status_code == 400
    assert set(resp.json()) == {"last_activity_on"}
    resp = api_as(admin_user).post(
        "/api/v1/capital-arrivals/",
        {
            "project": objects["/api/v1/projects/"],
            "date": "2026-03-01",
            "amount": "1",
            "currency": "USD",
            "amount_usd_10k": "999",
        },
        format="json",
    )
    assert resp.status_code == 400
    assert set(resp.json()) == {"amount_usd_10k"}


def test_multipart_unknown_field_is_named(api_as, admin_user, objects):
    resp = api_as(admin_user).post(
        f"/api/v1/projects/{objects['/api/v1/projects/']}/transition/",
        {"to": "contract", "date": "2026-02-01", "evidence_file": "x"},
        format="multipart",
    )
    assert resp.status_code == 400
    assert set(resp.json()) == {"evidence_file"}
