"""Finding 10: read-only roles are not offered the stage-move, activity and arrival forms, on
pages or in the API's OPTIONS."""

import datetime as dt

import pytest
from django.utils import timezone

from liaison.models import LiaisonAssignment
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

FORMS = ("move/", "activities/new/", "arrivals/new/")


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a, capital_source="foreign")


@pytest.fixture
def assigned(project, unit_a, bureau_user, liaison_user):
    from liaison.services import liaison_assign

    liaison_assign(
        user=bureau_user,
        project=project,
        unit=unit_a,
        person=liaison_user,
        start_date=timezone.localdate() - dt.timedelta(days=3),
    )
    assert LiaisonAssignment.objects.exists()
    return project


@pytest.mark.parametrize("role", ["office110_user", "liaison_user"])
def test_read_only_roles_get_no_forms(request, role, assigned, client):
    user = request.getfixturevalue(role)
    client.force_login(user)
    detail = client.get(f"/en/staff/projects/{assigned.pk}/")
    assert detail.status_code == 200
    body = detail.content.decode()
    for path in FORMS:
        assert f"/{assigned.pk}/{path}" not in body
        assert client.get(f"/en/staff/projects/{assigned.pk}/{path}").status_code == 403


@pytest.mark.parametrize("role", ["district_user", "bureau_user"])
def test_editors_get_the_forms(request, role, project, client):
    client.force_login(request.getfixturevalue(role))
    for path in FORMS:
        assert client.get(f"/en/staff/projects/{project.pk}/{path}").status_code == 200


def test_out_of_scope_form_is_404(district_user_b, project, client):
    client.force_login(district_user_b)
    for path in FORMS:
        assert client.get(f"/en/staff/projects/{project.pk}/{path}").status_code == 404


@pytest.mark.parametrize("role", ["office110_user", "liaison_user"])
def test_options_offer_no_write_action_to_read_only_roles(request, role, assigned, api_as):
    api = api_as(request.getfixturevalue(role))
    for url in (
        "/api/v1/projects/",
        f"/api/v1/projects/{assigned.pk}/",
        f"/api/v1/projects/{assigned.pk}/transition/",
        "/api/v1/capital-arrivals/",
    ):
        resp = api.options(url)
        assert resp.status_code == 200, url
        assert "actions" not in resp.json(), url
    refused = api.post(
        f"/api/v1/projects/{assigned.pk}/transition/", {"to": "contract", "date": "2026-02-01"}
    )
    assert refused.status_code == 403


def test_options_offer_write_actions_to_editors(api_as, district_user, project):
    api = api_as(district_user)
    assert "POST" in api.options(f"/api/v1/projects/{project.pk}/transition/").json()["actions"]
    assert "POST" in api.options("/api/v1/capital-arrivals/").json()["actions"]
