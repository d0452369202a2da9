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
    assert "Published" in page.get_by_test_id("status").inner_text()
    assert Appraisal.objects.get(year=year).status == "published"

    page.goto(f"{live_server.url}/en/lists/")
    commendations = page.get_by_test_id("commendations").inner_text()
    assert "Municipal Bureau of Commerce" in commendations
    assert "Most enterprise votes" in commendations
    assert "below 3.50" in page.get_by_test_id("warnings").inner_text()
    page.goto(f"{live_server.url}/zh-hans/lists/")
    assert "企业投票最多" in page.get_by_test_id("commendations").inner_text()
    assert "市商务局" in page.get_by_test_id("warnings").inner_text()
