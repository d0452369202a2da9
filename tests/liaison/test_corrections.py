"""A mistaken liaison assignment is corrected the same day: voided as entered in error (kept on
record with the reason, invisible to its unit from then on) and the right one takes effect.
The Django admin cannot bypass the service."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Role
from config.errors import DomainError
from liaison.models import LiaisonAssignment
from liaison.selectors import assignments_in_force, current_assignment
from liaison.services import liaison_assign, liaison_assignment_void
from projects.models import Project
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def today():
    """Today in Shanghai, read when a test runs (the clock may be moved), not at import."""
    return timezone.localdate()


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a)


@pytest.fixture
def person_b(unit_b):
    return UserFactory(username="t_liaison_b", role=Role.LIAISON, liaison_unit=unit_b)


def sees(user, project):
    return Project.objects.for_user(user).filter(pk=project.pk).exists()


def test_same_day_mistake_is_replaced(bureau_user, liaison_user, person_b, unit_a, unit_b, project):
    wrong = liaison_assign(
        user=bureau_user, project=project, unit=unit_a, person=liaison_user, start_date=today()
    )
    assert sees(liaison_user, project)
    right = liaison_assign(
        user=bureau_user,
        project=project,
        unit=unit_b,
        person=person_b,
        start_date=today(),
        current_in_error=True,
        reason="误选了联系单位",
    )
    wrong.refresh_from_db()
    assert wrong.voided_at is not None
    assert (wrong.voided_by, wrong.void_reason) == (bureau_user, "误选了联系单位")
    assert current_assignment(project) == right
    assert not sees(liaison_user, project)  # invisible to the wrong unit from now on
    assert sees(person_b, project)
    # Kept on record, with history naming who voided it and why.
    assert LiaisonAssignment.objects.filter(project=project).count() == 2
    h = wrong.history.latest()
    assert (h.history_user, h.history_change_reason) == (bureau_user, "误选了联系单位")
    assert list(assignments_in_force().filter(project=project)) == [right]


def test_voiding_restores_the_assignment_it_ended(
    bureau_user, liaison_user, person_b, unit_a, unit_b, project
):
    first = liaison_assign(
        user=bureau_user,
        project=project,
        unit=unit_a,
        person=liaison_user,
        start_date=today() - dt.timedelta(days=40),
    )
    mistake = liaison_assign(
        user=bureau_user, project=project, unit=unit_b, person=person_b, start_date=today()
    )
    liaison_assignment_void(user=bureau_user, assignment=mistake, reason="不应移交")
    first.refresh_from_db()
    assert first.end_date is None
    assert current_assignment(project) == first
    assert sees(liaison_user, project)
    assert not sees(person_b, project)


def test_void_rules(bureau_user, district_user, liaison_user, unit_a, project):
    a = liaison_assign(
        user=bureau_user, project=project, unit=unit_a, person=liaison_user, start_date=today()
    )
    with pytest.raises(PermissionDenied):
        liaison_assignment_void(user=district_user, assignment=a, reason="x")
    with pytest.raises(DomainError) as err:
        liaison_assignment_void(user=bureau_user, assignment=a, reason=" ")
    assert err.value.field == "reason"
    liaison_assignment_void(user=bureau_user, assignment=a, reason="错")
    with pytest.raises(DomainError):
        liaison_assignment_void(user=bureau_user, assignment=a, reason="again")


def test_without_marking_the_error_a_same_day_change_is_still_refused(
    bureau_user, liaison_user, person_b, unit_a, unit_b, project
):
    liaison_assign(
        user=bureau_user, project=project, unit=unit_a, person=liaison_user, start_date=today()
    )
    with pytest.raises(DomainError) as err:
        liaison_assign(
            user=bureau_user, project=project, unit=unit_b, person=person_b, start_date=today()
        )
    assert err.value.field == "start_date"
    with pytest.raises(DomainError) as err:
        liaison_assign(
            user=bureau_user,
            project=project,
            unit=unit_b,
            person=person_b,
            start_date=today(),
            current_in_error=True,
        )
    assert err.value.field == "reason"
    assert LiaisonAssignment.objects.filter(voided_at__isnull=False).count() == 0


def test_correction_on_the_assign_page(
    client, bureau_user, liaison_user, person_b, unit_a, unit_b, project
):
    liaison_assign(
        user=bureau_user, project=project, unit=unit_a, person=liaison_user, start_date=today()
    )
    client.force_login(bureau_user)
    url = f"/en/staff/projects/{project.pk}/liaison/"
    data = {"unit": unit_b.pk, "person": person_b.pk, "start_date": today().isoformat()}
    resp = client.post(url, data | {"current_in_error": "on", "reason": ""})
    assert resp.status_code == 200
    assert "reason" in resp.context["form"].errors
    resp = client.post(url, data | {"current_in_error": "on", "reason": "Wrong unit chosen"})
    assert resp.status_code == 302
    page = client.get(url).content.decode()
    assert "entered in error" in page
    assert "Wrong unit chosen" in page
    client.force_login(liaison_user)
    assert client.get(f"/en/staff/projects/{project.pk}/").status_code == 404


def test_admin_assignment_pages_are_read_only(client, admin_user, liaison_user, unit_a, project):
    a = liaison_assign(
        user=admin_user, project=project, unit=unit_a, person=liaison_user, start_date=today()
    )
    client.force_login(admin_user)
    base = "/en/admin/liaison/liaisonassignment/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    resp = client.post(
        f"{base}add/",
        {
            "project": project.pk,
            "unit": unit_a.pk,
            "person": liaison_user.pk,
            "start_date": today().isoformat(),
        },
    )
    assert resp.status_code == 403
    assert client.post(f"{base}{a.pk}/delete/", {"post": "yes"}).status_code == 403
    assert LiaisonAssignment.objects.count() == 1


def test_void_without_replacement_on_the_page(
    client, bureau_user, district_user, liaison_user, unit_a, project
):
    a = liaison_assign(
        user=bureau_user, project=project, unit=unit_a, person=liaison_user, start_date=today()
    )
    url = f"/en/staff/projects/{project.pk}/liaison/void/"
    client.force_login(district_user)
    assert client.post(url, {"void-reason": "x"}).status_code == 403
    client.force_login(bureau_user)
    page = client.get(f"/en/staff/projects/{project.pk}/liaison/").content.decode()
    assert 'data-testid="void-form"' in page
    client.post(url, {"void-reason": ""})
    a.refresh_from_db()
    assert a.voided_at is None
    resp = client.post(url, {"void-reason": "Assigned to the wrong project"})
    assert resp.status_code == 302
    a.refresh_from_db()
    assert a.void_reason == "Assigned to the wrong project"
    assert current_assignment(project) is None
    assert not sees(liaison_user, project)
    page = client.get(f"/en/staff/projects/{project.pk}/liaison/").content.decode()
    assert 'data-testid="void-form"' not in page
    assert "Assigned to the wrong project" in page
