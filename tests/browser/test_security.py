"""Finding 7 in a real browser: the Content-Security-Policy blocks nothing the portal itself
uses (bars, the run page's script, Swagger UI), and the token page shows a token once."""

import pytest

pytestmark = pytest.mark.browser


def _violations(page):
    seen = []
    page.on(
        "console",
        lambda msg: (
            seen.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    return seen


def test_pages_run_under_the_policy_without_violations(demo, login, live_server):
    page = login("bureau")
    seen = _violations(page)
    for path in ("/en/staff/", "/en/staff/stats/", "/en/staff/projects/targets/", "/api/docs/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # Bars get their width from data-width through static/js/portal.js.
    page.goto(f"{live_server.url}/en/staff/")
    widths = page.locator(".funnel-bar").evaluate_all("els => els.map(e => e.style.width)")
    assert widths
    assert any(w not in ("", "0%") for w in widths)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=20000)
    assert seen == []


def test_token_page_shows_a_new_token_once(demo, login, live_server):
    page = login("district")
    seen = _violations(page)
    page.goto(f"{live_server.url}/en/accounts/tokens/")
    page.fill("input[name=client]", "etl")
    page.click("text=Create token")
    token = page.locator("code.token").inner_text()
    assert len(token) == 64
    page.goto(f"{live_server.url}/en/accounts/tokens/")
    assert token not in page.content()
    assert "etl" in page.locator("table.data").inner_text()
    page.get_by_role("button", name="Revoke").click()
    page.wait_for_selector("text=You have no API tokens.")
    assert "The token was revoked." in page.content()
    assert seen == []
