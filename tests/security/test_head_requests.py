"""Issue 22 item 11: every public page that answers GET answers HEAD (uptime monitors,
crawlers and link checkers send HEAD)."""

import re
from urllib.parse import urlsplit

import pytest

from tests.website.conftest import content_page, sections  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/en/", "/zh-hans/", "/en/projects/", "/en/contact/", "/robots.txt", "/sitemap.xml"]
)
def test_head_answers_like_get(client, path):
    get = client.get(path)
    head = client.head(path)
    assert get.status_code == 200
    assert head.status_code == 200, path
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


@pytest.mark.usefixtures("content_page", "sections")
def test_head_on_every_page_of_the_sitemap(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = sorted({urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)})
    assert any(u.endswith("/projects/") for u in urls)
    refused = [u for u in urls if client.head(u).status_code != 200]
    assert refused == []


def test_other_methods_are_still_refused(client):
    assert client.put("/en/contact/").status_code == 405
    assert client.delete("/robots.txt").status_code == 405
