import datetime as dt

import pytest

from accounts.models import Role
from liaison.models import LiaisonAssignment
from tests.factories import ProjectFactory, UserFactory


@pytest.fixture
def project_a(region_a):
    return ProjectFactory(region=region_a, stage="contract", contract_date=dt.date(2026, 2, 1))


@pytest.fixture
def assigned(project_a, unit_a, liaison_user):
    LiaisonAssignment.objects.create(
        project=project_a, unit=unit_a, person=liaison_user, start_date=dt.date(2026, 2, 1)
    )
    return project_a


@pytest.fixture
def liaison_user_b(unit_b):
    return UserFactory(username="t_liaison_b", role=Role.LIAISON, liaison_unit=unit_b)


@pytest.fixture
def visit(assigned, unit_a, liaison_user):
    from feedback.services import service_visit_create

    return service_visit_create(
        user=liaison_user,
        project=assigned,
        unit=unit_a,
        date=dt.date(2026, 11, 20),
        purpose="了解用地手续进展",
        problems_raised="供电接入迟缓",
    )


@pytest.fixture
def link(visit, liaison_user):
    from feedback.services import feedback_link_issue

    return feedback_link_issue(user=liaison_user, visit=visit)


RATINGS = {"overall": 5, "efficiency": 4, "quality": 5, "attitude": 5}
BAD = {"overall": 2, "efficiency": 2, "quality": 3, "attitude": 2}
