"""The groundbreaking gate: a project breaks ground only with a liaison assignment in force.
projects/ reads the assignments through the reverse relation, never importing liaison/."""

import ast
import datetime as dt
import pathlib

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from config.errors import DomainError
from liaison.models import LiaisonAssignment
from liaison.services import liaison_assign, liaison_assignment_void
from projects import services
from projects.models import Project, StageMove
from reference.models import IndustrySection
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

APPROVED = dt.date(2026, 3, 1)


@pytest.fixture
def approved(region_a):
    return ProjectFactory(
        region=region_a,
        stage="approval",
        intent_date=dt.date(2026, 1, 5),
        contract_date=dt.date(2026, 2, 1),
        approval_date=APPROVED,
        enterprise_type="wfoe",
        industry=IndustrySection.objects.get(code="C"),
    )


def _break_ground(user, project):
    return services.project_transition(
        user=user, project=project, to="groundbreaking", date=dt.date(2026, 4, 1)
    )


def _refused(user, project):
    with pytest.raises(DomainError) as err:
        _break_ground(user, project)
    assert err.value.field == "to"
    assert str(err.value.message) == gettext(
        "Groundbreaking needs a responsible liaison unit: assign one to the project first."
    )
    project.refresh_from_db()
    assert project.stage == "approval"
    assert project.groundbreaking_date is None
    assert not StageMove.objects.filter(project=project).exists()


def test_no_assignment_no_groundbreaking(district_user, approved):
    _refused(district_user, approved)


def test_assignment_in_force_lets_it_break_ground(
    district_user, bureau_user, approved, liaison_user
):
    liaison_assign(
        user=bureau_user,
        project=approved,
        unit=liaison_user.liaison_unit,
        person=liaison_user,
        start_date=dt.date(2026, 2, 1),
    )
    _break_ground(district_user, approved)
    approved.refresh_from_db()
    assert approved.stage == "groundbreaking"
    assert StageMove.objects.filter(project=approved, to_stage="groundbreaking").count() == 1


def test_voided_assignment_does_not_count(district_user, bureau_user, approved, liaison_user):
    a = liaison_assign(
        user=bureau_user,
        project=approved,
        unit=liaison_user.liaison_unit,
        person=liaison_user,
        start_date=dt.date(2026, 2, 1),
    )
    liaison_assignment_void(user=bureau_user, assignment=a, reason="wrong project")
    _refused(district_user, approved)


def test_ended_or_future_assignment_does_not_count(district_user, approved, liaison_user):
    today = timezone.localdate()
    unit = liaison_user.liaison_unit
    LiaisonAssignment.objects.create(
        project=approved,
        unit=unit,
        person=liaison_user,
        start_date=dt.date(2026, 2, 1),
        end_date=today - dt.timedelta(days=1),
    )
    _refused(district_user, approved)
    LiaisonAssignment.objects.create(
        project=approved, unit=unit, person=liaison_user, start_date=today + dt.timedelta(days=1)
    )
    _refused(district_user, approved)


def test_other_projects_assignment_does_not_count(district_user, approved, region_a, liaison_user):
    other = ProjectFactory(region=region_a)
    LiaisonAssignment.objects.create(
        project=other,
        unit=liaison_user.liaison_unit,
        person=liaison_user,
        start_date=dt.date(2026, 2, 1),
    )
    _refused(district_user, approved)


def test_edit_after_the_assignment_ended_is_not_blocked(bureau_user, region_a, liaison_user):
    """The gate is checked on entering groundbreaking, not on every later edit."""
    p = ProjectFactory(
        region=region_a,
        stage="groundbreaking",
        enterprise_type="wfoe",
        industry=IndustrySection.objects.get(code="C"),
    )
    services.project_update(user=bureau_user, project=p, data={"name_en": "Renamed"})
    assert Project.objects.get(pk=p.pk).name_en == "Renamed"


def test_projects_imports_neither_liaison_nor_feedback():
    """Issue 9 item 10: the pipeline stands below liaison and feedback."""
    root = pathlib.Path(__file__).resolve().parents[2] / "projects"
    offenders = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in ("liaison", "feedback")
            ]
    assert offenders == []
