"""The investor database in the browser: an English inquiry becomes an investor with a
follow-up on the bureau dashboard; a district user enters a project for a new investor in one
sitting, warned of a duplicate first."""

import datetime as dt

import pytest

from investors.models import Inquiry, Investor

pytestmark = pytest.mark.browser


def test_english_inquiry_becomes_investor_with_follow_up_on_dashboard(demo, login):
    inquiry = Inquiry.objects.get(organisation="Brightwater Foods Ltd")
    page = login("bureau", "en")
    page.click("nav.staff-nav [data-nav=investors]")
    page.get_by_role("link", name="Inquiries").first.click()
    page.get_by_role("link", name=inquiry.reference).click()
    page.select_option("#id_c-owner_region", label="Chengdong District")
    page.fill("#id_c-follow_up", dt.date.today().isoformat())
    page.get_by_test_id("convert").click()
    page.wait_for_url("**/staff/investors/*/")
    assert page.locator("h1").inner_text() == "Brightwater Foods Ltd"
    assert "oliver@example.com" in page.get_by_test_id("contacts").inner_text()
    page.click("nav.staff-nav [data-nav=dashboard]")
    assert "Brightwater Foods Ltd" in page.get_by_test_id("follow-ups").inner_text()
    inquiry.refresh_from_db()
    assert inquiry.status == "converted"


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_project_for_a_new_investor_in_one_sitting(demo, login, lang):
    page = login("district", lang)
    page.click("nav.staff-nav [data-nav=projects]")
    page.goto(page.url.split("/staff/")[0] + "/staff/projects/new/")
    page.get_by_test_id("new-investor").click()
    page.wait_for_url("**/staff/investors/new/?for=project")
    # A name that matches a demo investor after normalising: shown first.
    page.fill("#id_name_en", "SANWA TEXTILE co ltd")
    page.select_option("#id_country", "JP")
    page.select_option("#id_owner_region", index=1)
    page.locator("form.panel button[type=submit]").click()
    assert page.get_by_test_id("duplicates").is_visible()
    page.fill("#id_name_en", f"Fresh Pearl Partners {lang}")
    page.locator("form.panel button[type=submit]").click()
    page.wait_for_url("**/staff/projects/new/?investor=*")
    investor = Investor.objects.get(name_en=f"Fresh Pearl Partners {lang}")
    assert page.locator("#id_investor").input_value() == str(investor.pk)
