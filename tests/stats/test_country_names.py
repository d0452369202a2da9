"""The statistics name Taiwan, Hong Kong and Macao as the portal does (中国台湾 / "Taiwan,
China" …), on the page, in the xlsx and in the API, in both languages (issue 27, point 3)."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

NAMES = {
    "TW": ("中国台湾", "Taiwan, China"),
    "HK": ("中国香港", "Hong Kong, China"),
    "MO": ("中国澳门", "Macao, China"),
}
WRONG = ("台湾", "Hong Kong SAR China", "Macao SAR China", "香港特别行政区", "澳门特别行政区")


@pytest.fixture
def computed(bureau_user, approve, arrive, region_a, django_capture_on_commit_callbacks, api_as):
    for code in NAMES:
        p = approve(dt.date(2026, 5, 1), region=region_a, fdi="10", source="hmt", country=code)
        arrive(p, dt.date(2026, 6, 1), "5")
    with django_capture_on_commit_callbacks(execute=True):
        resp = api_as(bureau_user).post("/api/v1/stats/runs/", {"period": "2026-10"}, format="json")
    assert resp.status_code == 202, resp.json()


def _without_portal_names(text: str) -> str:
    for zh, en in NAMES.values():
        text = text.replace(zh, "").replace(en, "")
    return text


@pytest.mark.parametrize(("lang", "index"), [("zh-hans", 0), ("en", 1)])
def test_page(computed, client, bureau_user, lang, index):
    client.force_login(bureau_user)
    body = client.get(f"/{lang}/staff/stats/?period=2026-10&breakdown=country").content.decode()
    for names in NAMES.values():
        assert names[index] in body
    rest = _without_portal_names(body)
    assert not [w for w in WRONG if w in rest]


@pytest.mark.parametrize(("lang", "index"), [("zh-hans", 0), ("en", 1)])
def test_xlsx(computed, client, bureau_user, lang, index):
    client.force_login(bureau_user)
    resp = client.get(f"/{lang}/staff/stats/export.xlsx?period=2026-10")
    assert resp.status_code == 200
    wb = load_workbook(io.BytesIO(resp.content))
    cells = {str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value}
    for names in NAMES.values():
        assert names[index] in cells
    assert not [w for w in WRONG if w in cells]


@pytest.mark.parametrize(("lang", "index"), [("zh-hans", 0), ("en", 1)])
def test_api_label(computed, api_as, bureau_user, lang, index):
    api = api_as(bureau_user)
    for code, names in NAMES.items():
        body = api.get(
            f"/api/v1/stats/fdi/?period=2026-10&scope=country:{code}",
            HTTP_ACCEPT_LANGUAGE=lang,
        ).json()
        assert body["scope"]["label"] == names[index]
