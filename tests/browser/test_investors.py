"""The investor database in the browser: an English inquiry sent on the public site reaches the
bureau's queue and becomes an investor with a follow-up on the bureau dashboard; a district
user enters a project for a new investor in one sitting, warned of a duplicate first."""

import pytest
from django.utils import timezone

from investors.models import Inquiry, Investor

from .conftest import go_to

pytestmark = pytest.mark.browser


def test_english_inquiry_becomes_investor_with_follow_up_on_dashboard(demo, login):
    inquiry = Inquiry.objects.get(organisation="Brightwater Foods Ltd")
    page = login("bureau", "en")
    go_to(page, "investors")
    page.get_by_role("link", name="Inquiries").first.click()
    page.get_by_role("link", name=inquiry.reference).click()
    page.select_option("#id_c-owner_region", label="Chengdong District")
    page.fill("#id_c-follow_up", timezone.localdate().isoformat())
    page.get_by_test_id("convert").click()
    page.wait_for_url("**/staff/investors/*/")
    assert page.locator("h1").inner_text() == "Brightwater Foods Ltd"
    assert "oliver@example.com" in page.get_by_test_id("contacts").inner_text()
    go_to(page, "dashboard")
    assert "Brightwater Foods Ltd" in page.get_by_test_id("follow-ups").inner_text()
    inquiry.refresh_from_db()
    assert inquiry.status == "converted"


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_project_for_a_new_investor_in_one_sitting(demo, login, lang):
    page = login("district", lang)
    go_to(page, "projects")
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


def test_public_english_inquiry_reaches_the_bureau_and_becomes_a_follow_up(
    demo, page, live_server, login
):
    # A visitor on the English site fills in the inquiry form.
    page.goto(f"{live_server.url}/en/inquiry/")
    page.fill("#id_name", "Mara Lindqvist")
    page.fill("#id_organisation", "Nordlys Battery AB")
    page.select_option("#id_country", "SE")
    page.fill("#id_email", "mara@nordlys.example")
    page.fill("#id_interest", "Battery cell plant")
    page.fill("#id_message", "We are looking for a site of about 20 hectares for cell assembly.")
    page.wait_for_timeout(3500)  # a person takes longer than the minimum fill time
    page.locator("form.public-form button[type=submit]").click()
    page.wait_for_url("**/en/inquiry/sent/")
    reference = page.get_by_test_id("reference").inner_text()
    inquiry = Inquiry.objects.get(reference=reference)
    assert (inquiry.organisation, inquiry.country.code, inquiry.status) == (
        "Nordlys Battery AB",
        "SE",
        "new",
    )
    assert inquiry.response_due > inquiry.received_at.date()

    # Bureau staff find it in the queue and turn it into an investor with a follow-up.
    page.context.clear_cookies()
    page = login("bureau", "en")
    go_to(page, "investors")
    page.get_by_role("link", name="Inquiries").first.click()
    page.get_by_role("link", name=reference).click()
    assert "Nordlys Battery AB" in page.content()
    page.select_option("#id_c-owner_region", label="Chengdong District")
    page.fill("#id_c-follow_up", timezone.localdate().isoformat())
    page.get_by_test_id("convert").click()
    page.wait_for_url("**/staff/investors/*/")
    investor = Investor.objects.get(name_en="Nordlys Battery AB")
    assert investor.country.code == "SE"
    assert "mara@nordlys.example" in page.get_by_test_id("contacts").inner_text()

    # The follow-up is on the bureau user's dashboard.
    go_to(page, "dashboard")
    assert "Nordlys Battery AB" in page.get_by_test_id("follow-ups").inner_text()
    inquiry.refresh_from_db()
    assert inquiry.status == "converted"
