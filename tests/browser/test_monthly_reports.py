"""A district officer files last month's report from the dashboard; the bureau sees it in the
grid, and a report filed in error is withdrawn and the month filed again."""

import pytest
from django.utils import timezone

from stats.models import MonthlyReport

pytestmark = pytest.mark.browser


def _sign_in(browser, base, username, lang):
    page = browser.new_context().new_page()
    page.set_default_timeout(15000)
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo-pass-2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"**/{lang}/staff/")
    return page


def test_district_files_from_the_dashboard_and_the_bureau_sees_it(
    demo, login, browser, live_server
):
    today = timezone.localdate()
    page = login("district", "en")
    owed = page.get_by_test_id("reports-to-file")
    assert owed.is_visible()
    first = owed.locator("li a").first
    label = first.inner_text()  # "Region · YYYY-MM"
    period = label.rsplit(" · ", 1)[1]
    first.click()
    page.wait_for_url("**/en/staff/stats/reports/new/*")
    assert page.locator("#id_period").input_value() == period
    page.fill("#id_summary", "Visited four enterprises; one signing ceremony.")
    page.get_by_role("button", name="File the report").click()
    page.wait_for_url("**/en/staff/stats/reports/*/")
    state = page.get_by_test_id("report-state").inner_text()
    assert state in ("Filed late", "Filed on time")
    report = MonthlyReport.objects.standing().get(
        year=int(period[:4]), month=int(period[5:]), summary__startswith="Visited four"
    )
    assert report.filed_on == today
    assert report.channel == "portal"

    bureau = _sign_in(browser, live_server.url, "bureau", "zh-hans")
    bureau.goto(f"{live_server.url}/zh-hans/staff/stats/reports/?year={period[:4]}")
    grid = bureau.get_by_test_id("report-grid")
    assert grid.locator(f'a[href$="/staff/stats/reports/{report.pk}/"]').count() == 1
    # Filed for the wrong month: the bureau withdraws it; the month is owed again.
    bureau.goto(f"{live_server.url}/zh-hans/staff/stats/reports/{report.pk}/withdraw/")
    bureau.fill("#id_reason", "月份填错")
    bureau.get_by_role("button", name="撤回月报").click()
    bureau.wait_for_url(f"**/zh-hans/staff/stats/reports/{report.pk}/")
    assert "月份填错" in bureau.get_by_test_id("report-withdrawn").inner_text()
    report.refresh_from_db()
    assert report.withdrawn_at is not None
    page.goto(f"{live_server.url}/en/staff/")
    assert period in page.get_by_test_id("reports-to-file").inner_text()
