"""Issue #27, point 7, in a real browser at 390 px: a long query stays inside the public search
page, and the pipeline board opens on its first column with projects."""

import pytest

pytestmark = pytest.mark.browser

# The longest query the search takes (100 characters), without a space to break at.
LONG = ("AVeryLongSearchQueryWithoutAnySpaces" * 2 + "招商引资项目" * 6)[:100]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_a_long_search_query_wraps_on_a_phone(demo, browser, live_server, lang):
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    page = ctx.new_page()
    page.goto(f"{live_server.url}/{lang}/search/?q={LONG}")
    status = page.locator(".search-status")
    assert LONG in status.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert status.bounding_box()["x"] + status.bounding_box()["width"] <= 390
    ctx.close()


def test_the_board_opens_on_the_first_column_with_projects_on_a_phone(demo, browser, live_server):
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    page = ctx.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=username]", "district")
    page.fill("input[name=password]", "demo-pass-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/en/staff/")
    # Filtered to one stage, every column before it is empty.
    page.goto(f"{live_server.url}/en/staff/projects/board/?stage=approval")
    board = page.locator(".board")
    assert board.get_attribute("data-board-start") == "approval"
    assert page.evaluate("document.querySelector('.board').scrollLeft") > 0
    column = page.locator("#stage-approval").bounding_box()
    assert 0 <= column["x"] < 40  # in view at the left, not behind two empty columns
    # On a desktop the board does not scroll at all.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    assert page.evaluate("document.querySelector('.board').scrollLeft") == 0
    ctx.close()
