"""Files sent after a permission check (config/files.py): streamed by Django, or, with
MEDIA_ACCEL_REDIRECT set (production behind nginx), handed to nginx's `internal` location by an
X-Accel-Redirect header and no body. The check is the same in both modes: a user outside the
scope gets a 404 and no header."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import services
from staff.models import ExportJob
from tests.factories import ProjectFactory
from website.models import CityVideo

MODES = ["", "/_protected/"]
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _assert_sent(response, mode, file, body_starts):
    assert response.status_code == 200
    if mode:
        assert response["X-Accel-Redirect"] == f"/_protected/{quote(file.name)}"
        assert response.content == b""
    else:
        assert not response.has_header("X-Accel-Redirect")
        assert b"".join(response.streaming_content).startswith(body_starts)


@pytest.mark.django_db
@pytest.mark.parametrize("mode", MODES)
def test_evidence(client, settings, mode, region_a, region_b, district_user, district_user_b):
    settings.MEDIA_ACCEL_REDIRECT = mode
    project = ProjectFactory(region=region_b)
    move = services.project_transition(
        user=district_user_b,
        project=project,
        to="contract",
        date=dt.date(2026, 2, 1),
        evidence=SimpleUploadedFile("合同.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
    )
    url = f"/en/staff/projects/{project.pk}/evidence/{move.pk}/"
    client.force_login(district_user_b)
    response = client.get(url)
    _assert_sent(response, mode, move.evidence, b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert "inline" in response["Content-Disposition"]
    assert "%E5%90%88%E5%90%8C.pdf" in response["Content-Disposition"]  # 合同.pdf
    assert response["Content-Security-Policy"] == "sandbox"
    client.force_login(district_user)  # another region's project
    refused = client.get(url)
    assert refused.status_code == 404
    assert not refused.has_header("X-Accel-Redirect")


@pytest.mark.django_db
@pytest.mark.parametrize("mode", MODES)
def test_export_download_page_and_api(
    client, api_as, settings, mode, region_a, bureau_user, district_user
):
    from django.core.files.base import ContentFile

    settings.MEDIA_ACCEL_REDIRECT = mode
    job = ExportJob.objects.create(owner=district_user, kind="projects", language="en")
    job.file.save("projects.xlsx", ContentFile(b"PK\x03\x04 sheet"), save=False)
    job.status = "done"
    job.save()
    client.force_login(district_user)
    page = client.get(reverse("staff:export_download", args=[job.pk]))
    _assert_sent(page, mode, job.file, b"PK")
    assert "attachment" in page["Content-Disposition"]
    api = api_as(district_user).get(f"/api/v1/exports/{job.pk}/download/")
    _assert_sent(api, mode, job.file, b"PK")
    assert "attachment" in api["Content-Disposition"]
    client.force_login(bureau_user)  # not the owner
    assert client.get(reverse("staff:export_download", args=[job.pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("mode", MODES)
def test_public_video(client, settings, mode, bureau_user):
    settings.MEDIA_ACCEL_REDIRECT = mode
    client.force_login(bureau_user)
    client.post(
        "/en/staff/site/videos/new/",
        {
            "order": 0,
            "title_zh_hans": "城市宣传片",
            "title_en": "City film",
            "description_zh_hans": "",
            "description_en": "",
            "video": SimpleUploadedFile("city.mp4", MP4, content_type="video/mp4"),
            "poster": SimpleUploadedFile("poster.png", PNG, content_type="image/png"),
            "action": "save",
        },
    )
    video = CityVideo.objects.get()
    client.logout()
    assert client.get(f"/en/video/{video.pk}/video").status_code == 404  # a draft
    video.status = "published"
    video.save()
    response = client.get(f"/en/video/{video.pk}/video")
    _assert_sent(response, mode, video.video, MP4[:8])
    assert response["Content-Type"] == "video/mp4"
