import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Role
from config.errors import DomainError
from liaison.models import LiaisonAssignment
from liaison.services import liaison_assign
from projects.models import Project
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def today():
    """Today in Shanghai, read when a test runs (the clock may be moved), not at import."""
    return timezone.localdate()


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a)


def test_assignment_hands_over_and_moves_liaison_scope(
    bureau_user, liaison_user, unit_a, unit_b, project
):
    first = liaison_assign(
        user=bureau_user,
        project=project,
        unit=unit_a,
        person=liaison_user,
        start_date=today() - dt.timedelta(days=30),
    )
    assert Project.objects.for_user(liaison_user).filter(pk=project.pk).exists()
    other = UserFactory(role=Role.LIAISON, liaison_unit=unit_b)
    liaison_assign(user=bureau_user, project=project, unit=unit_b, person=other, start_date=today())
    first.refresh_from_db()
    assert first.end_date == today() - dt.timedelta(days=1)
    assert LiaisonAssignment.objects.filter(project=project, end_date__isnull=True).count() == 1
    assert not Project.objects.for_user(liaison_user).filter(pk=project.pk).exists()
    assert Project.objects.for_user(other).filter(pk=project.pk).exists()


def test_person_must_belong_to_unit(bureau_user, liaison_user, unit_b, project):
    with pytest.raises(DomainError) as err:
        liaison_assign(
            user=bureau_user, project=project, unit=unit_b, person=liaison_user, start_date=today()
        )
    assert err.value.field == "person"


def test_only_bureau_assigns(district_user, liaison_user, unit_a, project):
    with pytest.raises(PermissionDenied):
        liaison_assign(
            user=district_user,
            project=project,
            unit=unit_a,
            person=liaison_user,
            start_date=today(),
        )


def test_handover_must_start_after_current(bureau_user, liaison_user, unit_a, unit_b, project):
    liaison_assign(
        user=bureau_user, project=project, unit=unit_a, person=liaison_user, start_date=today()
    )
    other = UserFactory(role=Role.LIAISON, liaison_unit=unit_b)
    with pytest.raises(DomainError) as err:
        liaison_assign(
            user=bureau_user,
            project=project,
            unit=unit_b,
            person=other,
            start_date=today() - dt.timedelta(days=3),
        )
    assert err.value.field == "start_date"


def test_assign_page(client, bureau_user, district_user, liaison_user, unit_a, project):
    client.force_login(district_user)
    assert client.get(f"/en/staff/projects/{project.pk}/liaison/").status_code == 403
    client.force_login(bureau_user)
    resp = client.post(
        f"/en/staff/projects/{project.pk}/liaison/",
        {"unit": unit_a.pk, "person": liaison_user.pk, "start_date": today().isoformat()},
    )
    assert resp.status_code == 302
    body = client.get(f"/en/staff/projects/{project.pk}/").content.decode()
    assert str(unit_a.name_en) in body
    future = client.post(
        f"/en/staff/projects/{project.pk}/liaison/",
        {
            "unit": unit_a.pk,
            "person": liaison_user.pk,
            "start_date": (today() + dt.timedelta(days=2)).isoformat(),
        },
    )
    assert future.status_code == 200
    assert "cannot be in the future" in future.content.decode()
