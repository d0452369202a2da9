"""Reads of statistics, exports and the API's lists go to the read replica when there is one
(config/replica.py); details, writes and sessions stay on `default`. The replica here is
Django's test mirror of the test database (config/settings/test.py), so each query is seen on
the connection it was sent to."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from staff.models import ExportJob, ExportStatus
from staff.services import export_job_run
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


def _tables(ctx, verb="SELECT"):
    """The portal tables the captured queries of that kind touched."""
    found = set()
    for query in ctx.captured_queries:
        sql = query["sql"]
        if sql.startswith(verb):
            found |= {
                t
                for t in ("projects_project", "stats_statssnapshot", "staff_exportjob")
                if f'"{t}"' in sql
            }
    return found


@pytest.fixture
def replica_on(settings):
    settings.DATABASE_REPLICA_ALIAS = "replica"


def test_api_lists_read_the_replica_details_do_not(replica_on, api_as, bureau_user, region_a):
    project = ProjectFactory(region=region_a)
    api = api_as(bureau_user)
    with (
        CaptureQueriesContext(connections["default"]) as default,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        listed = api.get("/api/v1/projects/")
    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()["results"]] == [project.pk]
    assert "projects_project" in _tables(replica)
    assert "projects_project" not in _tables(default)

    with (
        CaptureQueriesContext(connections["default"]) as default,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        assert api.get(f"/api/v1/projects/{project.pk}/").status_code == 200
    assert "projects_project" in _tables(default)
    assert replica.captured_queries == []


def test_statistics_pages_read_the_replica(replica_on, client, bureau_user):
    client.force_login(bureau_user)
    with (
        CaptureQueriesContext(connections["default"]) as default,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        assert client.get("/en/staff/stats/").status_code == 200
    assert "stats_statssnapshot" in _tables(replica)
    assert "stats_statssnapshot" not in _tables(default)
    # The session (just written at sign-in) is read from `default`.
    assert not any("django_session" in q["sql"] for q in replica.captured_queries)


def test_export_reads_rows_from_the_replica_and_writes_progress_to_default(
    replica_on, bureau_user, region_a
):
    ProjectFactory.create_batch(2, region=region_a)
    job = ExportJob.objects.create(owner=bureau_user, kind="projects", language="en")
    with (
        CaptureQueriesContext(connections["default"]) as default,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        assert export_job_run(job.pk) == "2 rows"
    assert "projects_project" in _tables(replica)
    assert "projects_project" not in _tables(default)
    assert "staff_exportjob" in _tables(default, "UPDATE")
    writes = ("INSERT", "UPDATE", "DELETE")
    assert not any(q["sql"].startswith(writes) for q in replica.captured_queries)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE


def test_without_a_replica_everything_reads_default(api_as, client, bureau_user, region_a):
    ProjectFactory(region=region_a)
    client.force_login(bureau_user)
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert api_as(bureau_user).get("/api/v1/projects/").status_code == 200
        assert client.get("/en/staff/stats/").status_code == 200
    assert replica.captured_queries == []
