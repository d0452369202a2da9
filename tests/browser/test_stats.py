"""Bureau staff compute a period, watch it run, publish it; the bulletin in both languages."""

import pytest
from playwright.sync_api import expect

from stats.models import StatsSnapshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "published"), [("en", "Published"), ("zh-hans", "已发布")])
def test_compute_and_publish_a_period(demo, login, live_server, lang, published):
    page = login("bureau", lang)
    page.goto(f"{live_server.url}/{lang}/staff/stats/?period=2026-09")
    page.get_by_test_id("compute").click()
    page.wait_for_url("**/staff/stats/?period=2026-09")
    status = page.get_by_test_id("snapshot-status")
    assert "2026-09" in status.inner_text()
    page.get_by_test_id("publish-box").locator("summary").click()
    page.get_by_test_id("publish").click()
    # Not confirmed: the browser keeps the form (the box is required) and nothing is published.
    assert StatsSnapshot.objects.get(year=2026, month=9).status == "draft"
    page.get_by_test_id("publish-confirm").check()
    # The answer comes back to the same address: wait for the new page, not for the URL.
    with page.expect_navigation():
        page.get_by_test_id("publish").click()
    notes = page.locator("ul.messages").all_inner_texts()
    assert StatsSnapshot.objects.get(year=2026, month=9).status == "published", notes
    expect(page.get_by_test_id("snapshot-status")).to_contain_text(published)
    assert StatsSnapshot.objects.get(year=2026, month=9).status == "published"
    assert page.locator("[data-testid=months-chart] rect").count() == 24


def test_bulletin_page_reads_like_the_seed(demo, login, live_server):
    page = login("office110", "zh-hans")
    page.goto(f"{live_server.url}/zh-hans/staff/stats/bulletin/?period=2026-11")
    zh = page.get_by_test_id("bulletin-zh").inner_text()
    assert "示范市2026年1—11月利用外资情况通报" in zh
    assert "2026年1—11月，全市新设立外商投资企业38家，总投资224779万元，同比增长46.9%" in zh
    assert "示范市招商局" in page.get_by_test_id("bulletin-signature-zh").inner_text()
    # The demo's province and national figures are October's: left out, and listed to staff.
    assert "35202" not in zh
    assert "全省数据为2026年1—10月" in page.get_by_test_id("bulletin-stale").inner_text()
    en = page.get_by_test_id("bulletin-en").inner_text()
    assert "Utilization of Foreign Investment in Demo City, January–November 2026" in en
    assert "38 new foreign-invested enterprises were established in the city" in en
