"""The dashboard's and the board's cached counts (projects/counts.py): a committed write shows
at once (the counts version moves on commit), two scopes never share a value, and a warm
dashboard does not count the projects table again."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from liaison.models import LiaisonAssignment
from projects import services
from projects.counts import PipelineCounts, scope_key
from projects.models import Project
from reference.models import IndustrySection
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _counts_cached(settings):
    settings.STAFF_COUNTS_CACHE_SECONDS = 300


def _today():
    return timezone.localdate()


def _board(client) -> dict:
    response = client.get(reverse("projects:board"))
    assert response.status_code == 200
    return {c["stage"].code: c["count"] for c in response.context["columns"]}


def _dashboard(client):
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 200
    return response


def _funnel(response) -> dict:
    return {row["stage"]: row["count"] for row in response.context["funnel"]}


def test_a_transition_moves_the_board_counts_at_once(
    client, bureau_user, region_a, django_capture_on_commit_callbacks
):
    projects = ProjectFactory.create_batch(3, region=region_a, intent_date=_today())
    projects[0].enterprise_type = "wfoe"
    projects[0].industry = IndustrySection.objects.get(code="C")
    projects[0].save()
    client.force_login(bureau_user)
    assert _board(client)["intent"] == 3
    assert _board(client)["intent"] == 3  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        services.project_transition(
            user=bureau_user, project=projects[0], to="contract", date=_today()
        )
    counts = _board(client)
    assert (counts["intent"], counts["contract"]) == (2, 1)
    html = client.get(reverse("projects:board")).content.decode()
    assert 'data-stage="contract"' in html


def test_a_new_project_shows_on_the_dashboard_at_once(
    client, bureau_user, region_a, django_capture_on_commit_callbacks
):
    old = _today() - dt.timedelta(days=400)
    ProjectFactory(region=region_a, intent_date=_today())
    ProjectFactory(region=region_a, intent_date=old, last_activity_on=old)
    client.force_login(bureau_user)
    first = _dashboard(client)
    assert (_funnel(first)["intent"], first.context["stalled_total"]) == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory(region=region_a, intent_date=_today())
        ProjectFactory(region=region_a, intent_date=old, last_activity_on=old)
    again = _dashboard(client)
    assert (_funnel(again)["intent"], again.context["stalled_total"]) == (2, 2)
    assert again.context["progress"][0].negotiated == 2
    # The page itself shows the new figure.
    assert '<span class="badge">2</span>' in again.content.decode()


def test_a_liaison_assignment_moves_the_unassigned_total(
    client, bureau_user, region_a, liaison_user, django_capture_on_commit_callbacks
):
    project = ProjectFactory(
        region=region_a, stage="contract", contract_date=_today() - dt.timedelta(days=3)
    )
    client.force_login(bureau_user)
    assert _dashboard(client).context["needing_liaison_total"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        LiaisonAssignment.objects.create(
            project=project,
            unit=liaison_user.liaison_unit,
            person=liaison_user,
            start_date=_today() - dt.timedelta(days=1),
        )
    assert _dashboard(client).context["needing_liaison_total"] == 0


def test_an_uncommitted_write_leaves_the_cached_count(client, bureau_user, region_a):
    """The version moves on commit only: the test's transaction never commits, so the cached
    figure stays (what a view counting during someone's transaction must not store as new)."""
    ProjectFactory(region=region_a, intent_date=_today())
    client.force_login(bureau_user)
    assert _board(client)["intent"] == 1
    ProjectFactory(region=region_a, intent_date=_today())
    assert _board(client)["intent"] == 1
    # A filtered board is always counted.
    response = client.get(reverse("projects:board"), {"region": region_a.pk})
    assert {c["stage"].code: c["count"] for c in response.context["columns"]}["intent"] == 2


def test_two_districts_never_share_a_cached_count(
    client, district_user, district_user_b, bureau_user, region_a, region_b
):
    ProjectFactory.create_batch(2, region=region_a, intent_date=_today())
    ProjectFactory(region=region_b, intent_date=_today())
    assert scope_key(district_user) != scope_key(district_user_b)
    seen = {}
    for user in (district_user, district_user_b, bureau_user, district_user):
        client.force_login(user)
        board = _board(client)
        dash = _dashboard(client)
        seen.setdefault(user.username, []).append(
            (board["intent"], _funnel(dash)["intent"], dash.context["progress"][-1].negotiated)
        )
    assert seen[district_user.username] == [(2, 2, 2), (2, 2, 2)]
    assert seen[district_user_b.username] == [(1, 1, 1)]
    assert seen[bureau_user.username] == [(3, 3, 3)]


def _project_counts(client, url) -> tuple[int, int]:
    """The number of queries of a page view, and of those that count or group projects."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    counting = [
        s
        for s in sqls
        if 'FROM "projects_project"' in s and ("COUNT(" in s or "GROUP BY" in s or "SUM(" in s)
    ]
    return len(sqls), len(counting)


def test_a_warm_dashboard_counts_nothing_again(client, bureau_user, region_a):
    ProjectFactory.create_batch(3, region=region_a, intent_date=_today())
    client.force_login(bureau_user)
    url = reverse("staff:dashboard")
    cold, cold_counting = _project_counts(client, url)
    warm, warm_counting = _project_counts(client, url)
    # Cold: the funnel, the targets (one UNION ALL of the projects, one sum of the arrivals),
    # the stalled and the unassigned totals; warm: none of them.
    assert cold_counting == 4
    assert warm_counting == 0
    assert warm == cold - 5
    assert warm <= 24
    assert 'data-testid="counts-as-of"' in client.get(url).content.decode()


def test_a_warm_board_reads_only_the_cards(client, bureau_user, region_a):
    ProjectFactory.create_batch(3, region=region_a)
    client.force_login(bureau_user)
    url = reverse("projects:board")
    cold, cold_counting = _project_counts(client, url)
    warm, warm_counting = _project_counts(client, url)
    assert (cold_counting, warm_counting) == (1, 0)
    assert warm == cold - 1


def test_counts_off_reads_fresh(settings, bureau_user, region_a):
    settings.STAFF_COUNTS_CACHE_SECONDS = 0
    counts = PipelineCounts(bureau_user)
    ProjectFactory(region=region_a)
    assert counts.get("n", Project.objects.count) == 1
    ProjectFactory(region=region_a)
    assert counts.get("n", Project.objects.count) == 2
    assert not counts.cached


def test_a_batched_import_moves_the_counts_at_once(
    client, bureau_user, region_a, django_capture_on_commit_callbacks
):
    """Bulk inserts send no save signals: the batch bumps the version itself (as the
    targets' copy does)."""
    ProjectFactory(region=region_a, intent_date=_today())
    client.force_login(bureau_user)
    assert _board(client)["intent"] == 1
    rows = [
        {
            "data": {
                "name_zh_hans": f"导入项目{i}",
                "region": region_a,
                "capital_source": "domestic",
                "enterprise_type": "domestic",
            },
            "intent_date": _today(),
            "moves": [],
        }
        for i in range(2)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        written = services.project_create_batch(user=bureau_user, rows=rows, reason="import #1")
    assert all(isinstance(p, Project) for p in written)
    assert _board(client)["intent"] == 3
