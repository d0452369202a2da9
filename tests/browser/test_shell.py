import pytest

pytestmark = pytest.mark.browser

# What each demo role sees in the staff navigation (data-nav keys), and what it must not see.
EXPECTED_NAV = {
    "admin": ({"dashboard", "regions", "admin", "api"}, set()),
    "bureau": ({"dashboard", "regions", "api"}, {"admin"}),
    "district": ({"dashboard", "regions", "api"}, {"admin"}),
    "liaison": ({"dashboard", "api"}, {"admin"}),
    "office110": ({"dashboard", "api"}, {"admin"}),
}
ROLE_LABELS = {
    "en": {
        "admin": "Administrator",
        "bureau": "Bureau staff",
        "district": "District staff",
        "liaison": "Liaison-unit staff",
        "office110": "Complaint office (110)",
    },
    "zh-hans": {
        "admin": "管理员",
        "bureau": "招商局工作人员",
        "district": "区县市工作人员",
        "liaison": "联系单位工作人员",
        "office110": "经济环境110办公室",
    },
}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("role", list(EXPECTED_NAV))
def test_each_demo_role_logs_in_and_sees_its_navigation(demo, login, role, lang):
    page = login(role, lang)
    assert page.get_attribute("html", "lang") == lang
    nav = page.locator("nav.staff-nav")
    assert nav.get_attribute("data-role") == role
    keys = set(nav.locator("[data-nav]").evaluate_all("els => els.map(e => e.dataset.nav)"))
    must, must_not = EXPECTED_NAV[role]
    assert must <= keys
    assert not (must_not & keys)
    assert page.get_by_test_id("role").inner_text() == ROLE_LABELS[lang][role]


def test_language_switch_keeps_the_page(demo, login):
    page = login("district", "zh-hans")
    page.goto(page.url.replace("/staff/", "/staff/regions/"))
    assert page.locator("h1").inner_text() == "地区"
    page.click("nav.lang-switch a[hreflang=en]")
    page.wait_for_url("**/en/staff/regions/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "Regions"
    assert page.get_by_text("Chengdong District").first.is_visible()


def test_public_home_switches_language_and_keyboard_reaches_switcher(live_server, page, db):
    from reference.models import RegionKind
    from tests.factories import RegionFactory

    # The site is named after the city set up (manage.py setup_city, or the demo's).
    RegionFactory(kind=RegionKind.CITY, parent=None, name_zh_hans="示范市", name_en="Demo City")
    page.goto(f"{live_server.url}/zh-hans/")
    assert page.locator("h1").inner_text() == "投资示范市"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.click("nav.lang-switch a[hreflang=en]")
    page.wait_for_url("**/en/")
    assert page.locator("h1").inner_text() == "Invest in Demo City"


def test_lockout_in_browser(demo, page, live_server, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/en/accounts/login/")
        page.fill("input[name=username]", "bureau")
        page.fill("input[name=password]", "wrong-password")
        page.click("button[type=submit]")
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=username]", "bureau")
    page.fill("input[name=password]", "demo-pass-2026")
    page.click("button[type=submit]")
    assert page.locator("h1").inner_text() == "Account locked"
