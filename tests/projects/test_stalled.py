"""The stalled clock (`last_activity_on`): derived in one place from the real dates of the
stage moves in force and of logged activities; a correction, an edit or a status change is
not activity. The stalled list, the flags and the API agree."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from projects import services
from projects.models import Project
from projects.selectors import stalled_projects
from reference.models import IndustrySection
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def today():
    """Today in Shanghai, read when a test runs (the clock may be moved), not at import."""
    return timezone.localdate()


def days_ago(n):
    return today() - dt.timedelta(days=n)


@pytest.fixture
def project(region_a):
    p = ProjectFactory(region=region_a, intent_date=days_ago(300), last_activity_on=days_ago(300))
    p.enterprise_type = "wfoe"
    p.industry = IndustrySection.objects.get(code="C")
    p.save()
    return p


def clock(project):
    project.refresh_from_db()
    return project.last_activity_on


def test_backdated_move_sets_the_clock_to_its_real_date(district_user, project):
    services.project_transition(
        user=district_user, project=project, to="contract", date=days_ago(118)
    )
    assert clock(project) == days_ago(118)
    rows, _total = stalled_projects(Project.objects.all())
    assert [p.pk for p in rows] == [project.pk]
    assert (rows[0].stall_level, rows[0].stall_days) == ("red", 118)


def test_correction_never_makes_a_project_look_fresh(bureau_user, district_user, project):
    services.project_transition(
        user=district_user, project=project, to="contract", date=days_ago(170)
    )
    services.project_transition(user=bureau_user, project=project, to="intent", note="未签约")
    # The undone contract date is gone; the clock falls back to the intent, not to today.
    assert clock(project) == days_ago(300)
    rows, _total = stalled_projects(Project.objects.all())
    assert rows[0].pk == project.pk
    assert rows[0].stall_level == "red"


def test_edit_hold_drop_and_reopen_do_not_move_the_clock(district_user, project):
    services.project_update(user=district_user, project=project, data={"name_en": "Renamed"})
    services.project_hold(user=district_user, project=project, reason="等待")
    services.project_reopen(user=district_user, project=project)
    services.project_drop(user=district_user, project=project, reason="撤资")
    services.project_reopen(user=district_user, project=project)
    assert clock(project) == days_ago(300)


def test_logged_activity_counts_at_its_real_date(district_user, project):
    services.project_activity_log(
        user=district_user, project=project, date=days_ago(30), kind="visit", summary="拜访"
    )
    assert clock(project) == days_ago(30)
    # An older activity entered later does not move it back.
    services.project_activity_log(
        user=district_user, project=project, date=days_ago(200), kind="call", summary="电话"
    )
    assert clock(project) == days_ago(30)
    assert stalled_projects(Project.objects.all())[1] == 0


def test_new_project_starts_at_its_intent_date(district_user, region_a):
    p = services.project_create(
        user=district_user,
        data={"name_zh_hans": "新项目", "region": region_a},
        intent_date=days_ago(75),
    )
    assert clock(p) == days_ago(75)


def test_corrected_intent_date_moves_the_clock(district_user, project):
    services.project_update(
        user=district_user,
        project=project,
        data={"intent_date": days_ago(20)},
        reason="洽谈开始日期录错",
    )
    assert clock(project) == days_ago(20)


def test_list_flags_and_api_agree(client, api_as, district_user, project):
    services.project_transition(
        user=district_user, project=project, to="contract", date=days_ago(95)
    )
    body = api_as(district_user).get(f"/api/v1/projects/{project.pk}/").json()
    assert body["last_activity_on"] == days_ago(95).isoformat()
    client.force_login(district_user)
    resp = client.get(reverse("staff:dashboard"))
    (row,) = resp.context["stalled"]
    assert (row.pk, row.stall_days, row.stall_level) == (project.pk, 95, "red")


def test_demo_data_gets_the_clock_through_the_services(db):
    """Every demo project's clock equals the derived one and is never before its intent."""
    from django.core.management import call_command

    from projects.services import last_activity_date

    call_command("seed_demo", verbosity=0)
    projects = list(Project.objects.all())
    assert projects
    for p in projects:
        assert p.last_activity_on == last_activity_date(p), p.name
        assert p.last_activity_on >= p.intent_date
    # The demo still shows stalled projects, yellow and red.
    rows, total = stalled_projects(Project.objects.all())
    assert total >= 2
    assert {r.stall_level for r in rows} == {"yellow", "red"}


def test_the_clock_migration_derives_it_in_one_statement(district_user, region_a, project):
    """projects 0004 resets every project's clock to its latest stage date or logged
    activity, in one UPDATE (a million projects must not be looped over in Python)."""
    import importlib

    from django.apps import apps
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects.models import ProjectActivity

    migration = importlib.import_module("projects.migrations.0004_arrival_history_redate")
    contracted = ProjectFactory(
        region=region_a, intent_date=days_ago(200), last_activity_on=today()
    )
    Project.objects.filter(pk=contracted.pk).update(contract_date=days_ago(120))
    ProjectActivity.objects.create(
        project=project, date=days_ago(40), kind="call", summary="s", logged_by=district_user
    )
    ProjectActivity.objects.create(
        project=project, date=days_ago(90), kind="call", summary="s", logged_by=district_user
    )
    bare = ProjectFactory(region=region_a, intent_date=days_ago(10), last_activity_on=today())

    with CaptureQueriesContext(connection) as queries:
        migration.derive_last_activity(apps, None)

    assert len(queries) == 1
    assert clock(project) == days_ago(40)
    assert clock(contracted) == days_ago(120)
    assert clock(bare) == days_ago(10)
