"""The city video (upload checks, serving with ranges, published only) and the page cache
(staff edits rebuild cached pages at once, pipeline changes within seconds; a hit asks the
database nothing)."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from website.cache import DATA_KEY
from website.models import CityVideo, Status
from website.services import content_publish, content_save

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 40
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\n示范市\n".encode()


def video_data(**extra):
    return {
        "order": 0,
        "title_zh_hans": "城市宣传片",
        "title_en": "City film",
        "description_zh_hans": "",
        "description_en": "",
        "video": SimpleUploadedFile("city.mp4", MP4, content_type="video/mp4"),
        "poster": SimpleUploadedFile("poster.png", PNG, content_type="image/png"),
        "captions_zh_hans": SimpleUploadedFile("zh.vtt", VTT, content_type="text/vtt"),
        "action": "publish",
        **extra,
    }


@pytest.mark.django_db
def test_staff_upload_and_public_playback(client, bureau_user):
    client.force_login(bureau_user)
    resp = client.post("/en/staff/site/videos/new/", video_data())
    assert resp.status_code == 302
    video = CityVideo.objects.get()
    assert video.status == Status.PUBLISHED
    client.logout()
    page = client.get("/zh-hans/video/").content.decode()
    assert "<video" in page
    assert f'src="/zh-hans/video/{video.pk}/video"' in page
    assert 'srclang="zh-hans"' in page
    assert "youtube" not in page.lower()
    assert "youku" not in page.lower()
    full = client.get(f"/en/video/{video.pk}/video")
    assert full.status_code == 200
    assert full["Content-Type"] == "video/mp4"
    assert b"".join(full.streaming_content) == MP4
    part = client.get(f"/en/video/{video.pk}/video", HTTP_RANGE="bytes=4-11")
    assert part.status_code == 206
    assert part.content == b"ftypmp42"
    assert part["Content-Range"] == f"bytes 4-11/{len(MP4)}"
    tail = client.get(f"/en/video/{video.pk}/video", HTTP_RANGE="bytes=-4")
    assert tail.content == MP4[-4:]
    assert client.get(f"/en/video/{video.pk}/video", HTTP_RANGE="bytes=99999-").status_code == 416
    captions = client.get(f"/en/video/{video.pk}/captions_zh_hans")
    assert b"".join(captions.streaming_content) == VTT
    assert client.get(f"/en/video/{video.pk}/captions_en").status_code == 404
    assert client.get(f"/en/video/{video.pk}/title").status_code == 404
    # The English page says the captions are Chinese only
    assert "no English captions yet" in client.get("/en/video/").content.decode()


@pytest.mark.django_db
def test_draft_video_files_are_not_public(client, bureau_user):
    client.force_login(bureau_user)
    client.post("/en/staff/site/videos/new/", video_data(action="save"))
    video = CityVideo.objects.get()
    assert client.get(f"/en/video/{video.pk}/poster").status_code == 200  # staff preview
    client.logout()
    assert client.get(f"/en/video/{video.pk}/poster").status_code == 404
    assert client.get(f"/en/video/{video.pk}/video").status_code == 404
    assert "<video" not in client.get("/en/video/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        ("video", SimpleUploadedFile("x.mp4", b"GIF89a not a video"), "The video must be an MP4"),
        ("poster", SimpleUploadedFile("x.png", b"<svg></svg>"), "The poster must be a JPEG"),
        ("captions_zh_hans", SimpleUploadedFile("x.vtt", b"1\n00:00"), "Captions must be a WebVTT"),
    ],
)
def test_uploads_are_checked_by_content(client, bureau_user, field, upload, message):
    client.force_login(bureau_user)
    resp = client.post("/en/staff/site/videos/new/", video_data(**{field: upload}))
    assert resp.status_code == 200
    assert message in resp.content.decode()
    assert CityVideo.objects.count() == 0


@pytest.mark.django_db
def test_video_too_large_is_refused(client, bureau_user, settings):
    settings.WEBSITE_VIDEO_MAX_BYTES = 100
    client.force_login(bureau_user)
    resp = client.post("/en/staff/site/videos/new/", video_data())
    assert "The file is too large" in resp.content.decode()
    assert CityVideo.objects.count() == 0


@pytest.fixture
def page_cache(settings):
    settings.WEBSITE_PAGE_CACHE_SECONDS = 600
    settings.WEBSITE_DATA_CHECK_SECONDS = 5


@pytest.mark.django_db(transaction=True)
def test_cached_page_is_rebuilt_after_a_staff_edit(client, page_cache, bureau_user, content_page):
    url = f"/en/page/{content_page.slug}/"
    assert "City profile" in client.get(url).content.decode()
    # The cache serves the page without asking for the content again
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert "City profile" in client.get(url).content.decode()
    assert not any("website_page" in q["sql"] for q in ctx.captured_queries)

    content_page.title_en = "City profile, revised"
    content_save(user=bureau_user, obj=content_page)  # commits: the version moves on
    assert "City profile, revised" in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_cached_pages_follow_publishing(client, page_cache, bureau_user, news):
    assert "Textile project signed" in client.get("/en/news/").content.decode()
    from website.services import content_unpublish

    content_unpublish(user=bureau_user, obj=news)
    assert "Textile project signed" not in client.get("/en/news/").content.decode()
    with transaction.atomic():
        content_publish(user=bureau_user, obj=news)
    assert "Textile project signed" in client.get("/en/news/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_cached_project_list_follows_the_pipeline(client, page_cache, bureau_user, public_project):
    from projects.services import project_update

    assert "High-end textile fabrics" in client.get("/en/projects/").content.decode()
    project_update(user=bureau_user, project=public_project, data={"is_published": False})
    # Within WEBSITE_DATA_CHECK_SECONDS the cached list may still show it...
    assert "High-end textile fabrics" in client.get("/en/projects/").content.decode()
    # ...and once the check is due (its shared key expires) it is gone
    cache.delete(DATA_KEY)
    assert "High-end textile fabrics" not in client.get("/en/projects/").content.decode()
    assert client.get(f"/en/projects/{public_project.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_cache_hit_asks_the_database_nothing(client, page_cache, content_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/en/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/en/").status_code == 200
    assert ctx.captured_queries == []


@pytest.mark.django_db(transaction=True)
def test_signed_in_staff_are_never_served_from_the_cache(
    client, page_cache, bureau_user, content_page
):
    client.get("/en/")
    client.force_login(bureau_user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get("/en/")
    assert any("website_industry" in q["sql"] for q in ctx.captured_queries)
