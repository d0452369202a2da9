"""Finding 7: Content-Security-Policy (nonces, no 'unsafe-inline'), Cache-Control: no-store on
every signed-in page, API answer and export, Permissions-Policy."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import PASSWORD, ProjectFactory

pytestmark = pytest.mark.django_db


def _csp(resp) -> dict:
    header = resp["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in header.split(";")) if d}


def _assert_headers(resp, *, no_store=True):
    csp = _csp(resp)
    assert "'unsafe-inline'" not in resp["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "camera=()" in resp["Permissions-Policy"]
    if no_store:
        assert "no-store" in resp["Cache-Control"]


def test_staff_page(client, bureau_user):
    client.force_login(bureau_user)
    _assert_headers(client.get("/en/staff/"))
    _assert_headers(client.get("/en/staff/projects/"))


def test_export(client, district_user, region_a):
    ProjectFactory(region=region_a)
    client.force_login(district_user)
    resp = client.get("/en/staff/projects/export.xlsx")
    assert resp.status_code == 200
    _assert_headers(resp)


def test_api_with_token_and_the_token_answer(api, bureau_user):
    resp = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": PASSWORD})
    _assert_headers(resp)
    api.credentials(HTTP_AUTHORIZATION=f"Token {resp.json()['token']}")
    _assert_headers(api.get("/api/v1/projects/"))


def test_public_page_has_csp_and_stays_cacheable(client):
    resp = client.get("/en/")
    _assert_headers(resp, no_store=False)
    assert "no-store" not in resp.get("Cache-Control", "")


def test_inline_script_carries_the_nonce(client, bureau_user):
    from stats.models import StatsRun

    run = StatsRun.objects.create(year=2026, month=5, requested_by=bureau_user)
    client.force_login(bureau_user)
    resp = client.get(f"/en/staff/stats/runs/{run.pk}/")
    assert resp.status_code == 200
    nonce = re.search(r"<script nonce=\"([^\"]+)\"", resp.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in _csp(resp)["script-src"]


def test_api_docs_have_no_inline_script(client):
    resp = client.get("/api/docs/")
    assert resp.status_code == 200
    body = resp.content.decode()
    assert re.findall(r"<script>", body) == []
    nonce = re.search(r"<style nonce=\"([^\"]+)\"", body).group(1)
    assert f"'nonce-{nonce}'" in _csp(resp)["style-src"]


def test_templates_have_no_inline_style_handler_or_unnonced_script():
    """The policy has no 'unsafe-inline': a style attribute, an on… handler or a <script>
    without the nonce in any template would be blocked in the browser. Set widths with
    data-width (static/js/portal.js), styles in static/css, scripts with
    nonce="{{ request.csp_nonce }}"."""
    root = Path(settings.BASE_DIR) / "templates"
    bad = []
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\sstyle\s*=", text):
            bad.append(f"{path}: style attribute")
        if re.search(r"\son[a-z]+\s*=", text):
            bad.append(f"{path}: inline event handler")
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
            if "src=" not in tag and "nonce=" not in tag:
                bad.append(f"{path}: {tag}")
    assert bad == []
