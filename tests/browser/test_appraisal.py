"""The admin runs the year-end appraisal, sends it to review and publishes it; the
commendation and warning lists appear on the English and Chinese public sites."""

import pytest
from django.utils import timezone

from appraisal.models import Appraisal

pytestmark = pytest.mark.browser


def test_admin_runs_reviews_and_publishes(demo, login, live_server):
    Appraisal.objects.all().delete()  # the demo's published appraisal: start from none
    year = timezone.localdate().year
    page = login("admin", "en")
    page.goto(f"{live_server.url}/en/lists/")
    assert page.get_by_test_id("lists-empty").is_visible()
    page.goto(f"{live_server.url}/en/staff/appraisal/")
    page.fill("#id_year", str(year))
    page.get_by_test_id("run").click()
    page.wait_for_url("**/en/staff/appraisal/*/")
    assert "Draft" in page.get_by_test_id("status").inner_text()
    assert page.get_by_test_id("ranking-region").locator("tbody tr").count() >= 6
    # Every score opens its explanation.
    page.get_by_test_id("ranking-unit").get_by_test_id("score-link").first.click()
    assert page.get_by_test_id("explanation").count() >= 5
    page.go_back()
    page.get_by_test_id("submit").click()
    assert "In review" in page.get_by_test_id("status").inner_text()
    page.get_by_test_id("publish").click()
    assert "Under public notice" in page.get_by_test_id("status").inner_text()
    assert page.get_by_test_id("notice-banner").is_visible()
    assert Appraisal.objects.get(year=year).status == "notice"

    page.goto(f"{live_server.url}/en/lists/")
    assert "under public notice until" in page.get_by_test_id("notice-banner").inner_text()
    # The commerce bureau has the most votes but is warned: it is not commended (issue 20).
    assert "rank 1 by votes" in page.get_by_test_id("list-advanced").inner_text()
    assert "Municipal Bureau of Commerce" not in page.get_by_test_id("list-advanced").inner_text()
    assert "below 3.50" in page.get_by_test_id("list-warning").inner_text()
    page.goto(f"{live_server.url}/zh-hans/lists/")
    assert "企业投票第1名" in page.get_by_test_id("list-advanced").inner_text()
    assert "市商务局" in page.get_by_test_id("list-warning").inner_text()
