"""Finding 9: evidence downloads take the extension of the detected type; uploads are capped
while they stream in."""

import datetime as dt
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from config.uploads import BoundedUploadHandler, OversizedUpload
from projects.models import StageMove
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5))


def test_a_gif_named_html_downloads_as_gif(api_as, client, district_user, project):
    upload = SimpleUploadedFile("poly.html", GIF + b"<script>alert(1)</script>", "text/html")
    resp = api_as(district_user).post(
        f"/api/v1/projects/{project.pk}/transition/",
        {"to": "contract", "date": "2026-02-01", "evidence": upload},
        format="multipart",
    )
    assert resp.status_code == 200, resp.content
    move = StageMove.objects.get()
    client.force_login(district_user)
    got = client.get(f"/en/staff/projects/{project.pk}/evidence/{move.pk}/")
    assert got.status_code == 200
    assert got["Content-Type"] == "image/gif"
    assert 'filename="poly.gif"' in got["Content-Disposition"]
    assert ".html" not in got["Content-Disposition"]
    assert got["Content-Security-Policy"] == "sandbox"
    assert "no-store" in got["Cache-Control"]


def _parse(body: bytes, settings_limit, settings):
    settings.EVIDENCE_MAX_BYTES = settings_limit
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    handlers = [BoundedUploadHandler(request)]
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    memory = MemoryFileUploadHandler(request)
    handlers.append(memory)
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    _post, files = MultiPartParser(meta, BytesIO(body), handlers).parse()
    return files, memory


def test_an_oversized_file_is_not_kept_while_it_streams(settings):
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 300_000, "application/pdf")
    body = encode_multipart(BOUNDARY, {"evidence": big})
    files, memory = _parse(body, 100_000, settings)
    upload = files["evidence"]
    assert isinstance(upload, OversizedUpload)
    assert upload.size == 300_005
    assert upload.read() == b""
    # Django's own handler got the bytes up to the limit only, never the whole file.
    assert memory.file.tell() <= 100_000 + 64 * 1024


def test_a_small_file_passes_through(settings):
    small = SimpleUploadedFile("s.pdf", b"%PDF-1.4 ok", "application/pdf")
    files, _memory = _parse(encode_multipart(BOUNDARY, {"evidence": small}), 1000, settings)
    assert files["evidence"].read() == b"%PDF-1.4 ok"


def test_an_oversized_evidence_upload_is_refused_naming_the_field(
    api_as, district_user, project, settings
):
    settings.EVIDENCE_MAX_BYTES = 50_000  # the evidence field's streaming limit too
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 200_000, "application/pdf")
    resp = api_as(district_user).post(
        f"/api/v1/projects/{project.pk}/transition/",
        {"to": "contract", "date": "2026-02-01", "evidence": big},
        format="multipart",
    )
    assert resp.status_code == 400
    assert "195.3" in resp.json()["evidence"][0]  # the real size, in the message
    assert not StageMove.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
