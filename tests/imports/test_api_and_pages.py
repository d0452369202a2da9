import io

import pytest
from openpyxl import load_workbook

from projects.models import Project

from .helpers import filled

pytestmark = pytest.mark.django_db


def _rows(region):
    return [
        {"code": "A1", "name_zh_hans": "甲", "region": region.code, "intent_date": "2026-01-02"},
        {"code": "A2", "name_zh_hans": "乙", "region": "nowhere", "intent_date": "2026-01-02"},
    ]


def test_api_dry_run_apply_progress_and_template(
    api_as, bureau_user, region_a, django_capture_on_commit_callbacks
):
    client = api_as(bureau_user)
    template = client.get("/api/v1/imports/templates/projects/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert template.status_code == 200
    wb = load_workbook(io.BytesIO(template.content))
    assert wb.worksheets[0]["A1"].value == "项目编号"
    assert wb.worksheets[1].title == "允许值"
    assert client.get("/api/v1/imports/templates/nothing/").status_code == 404

    resp = client.post(
        "/api/v1/imports/",
        {"kind": "projects", "file": filled("projects", _rows(region_a))},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert (body["valid"], body["invalid"]) == (1, 1)
    assert body["rows"][1]["row"] == 3
    assert body["rows"][1]["errors"][0]["column"] == "Region"
    assert not Project.objects.exists()

    refused = client.post(f"/api/v1/imports/{body['id']}/apply/", {}, format="json")
    assert refused.status_code == 400
    assert "only_valid" in refused.json()
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            f"/api/v1/imports/{body['id']}/apply/", {"only_valid": True}, format="json"
        )
    assert resp.status_code == 202
    progress = client.get(f"/api/v1/imports/{body['id']}/").json()
    assert (progress["status"], progress["progress"], progress["written"]) == ("done", 100, 1)
    assert "rows" not in progress
    assert Project.objects.get().name_zh_hans == "甲"


def test_api_bad_file_is_a_400_naming_it(api_as, bureau_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    resp = api_as(bureau_user).post(
        "/api/v1/imports/",
        {"kind": "projects", "file": SimpleUploadedFile("x.pdf", b"%PDF")},
        format="multipart",
    )
    assert resp.status_code == 400
    assert "file" in resp.json()


def test_page_check_then_apply(client, bureau_user, region_a, django_capture_on_commit_callbacks):
    client.force_login(bureau_user)
    page = client.get("/en/staff/imports/")
    assert "Templates" in page.content.decode()
    resp = client.post(
        "/en/staff/imports/", {"kind": "projects", "file": filled("projects", _rows(region_a))}
    )
    assert resp.status_code == 302
    detail = client.get(resp["Location"]).content.decode()
    assert "Unknown region" in detail
    assert "Import the valid rows" in detail
    with django_capture_on_commit_callbacks(execute=True):
        client.post(resp["Location"] + "apply/", {"mode": "valid"})
    assert Project.objects.count() == 1
    done = client.get(resp["Location"]).content.decode()
    assert "1 records written, 0 rows refused." in done
