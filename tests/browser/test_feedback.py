"""From the liaison's feedback link to the case in the office's queue, in both languages."""

import pytest

from feedback.models import Case

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "thanks"), [("zh-hans", "110办公室已收到"), ("en", "has been received")]
)
def test_enterprise_rates_a_visit_and_the_office_sees_the_case(
    demo, login, live_server, browser, lang, thanks
):
    page = login("liaison", lang)
    page.goto(f"{live_server.url}/{lang}/staff/service/")
    page.get_by_test_id("enterprises").get_by_role("row").last.get_by_role("link").first.click()
    page.get_by_test_id("record-visit").click()
    page.fill("input[name=purpose]", "走访 / visit")
    # The enterprise's language: its feedback link opens in it.
    page.select_option("select[name=contact_language]", lang)
    page.get_by_role("button", name="保存" if lang == "zh-hans" else "Save").click()
    page.get_by_test_id("issue-link").click()
    url = page.get_by_test_id("feedback-url").inner_text()
    assert page.locator(".qr svg").count() == 1
    before = Case.objects.count()

    # The enterprise, without an account, in a fresh browser context.
    context = browser.new_context()
    public = context.new_page()
    public.goto(url)
    for field in ("overall", "efficiency", "quality", "attitude"):
        public.locator(f"input[name={field}][value='1']").check()
    public.fill("textarea[name=comment]", "三次都没有解决")
    public.get_by_test_id("submit-feedback").click()
    assert thanks in public.get_by_test_id("thanks").inner_text()
    public.goto(url)
    assert public.get_by_test_id("link-invalid").is_visible()
    context.close()
    assert Case.objects.count() == before + 1
    case = Case.objects.latest("id")

    page.context.clear_cookies()
    login("office110", lang)
    page.goto(f"{live_server.url}/{lang}/staff/service/cases/?status=open")
    assert page.get_by_role("link", name=str(case.pk), exact=True).is_visible()
    page.get_by_role("link", name=str(case.pk), exact=True).click()
    assert "三次都没有解决" in page.get_by_test_id("case-facts").inner_text()


@pytest.mark.parametrize("username", ["office110", "liaison"])
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_dashboard_case_cards_fit_phone_and_desktop(demo, login, live_server, page, username, lang):
    """The case queue on the office's and the unit's dashboards: no sideways scroll, the due
    date before the subject, the subject not broken every few characters (issue 27.1)."""
    import pathlib

    shots = pathlib.Path("/tmp/case-cards-shots")
    shots.mkdir(exist_ok=True)
    login(username, lang)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/{lang}/staff/")
        queue = page.get_by_test_id("case-queue")
        queue.screenshot(path=str(shots / f"{username}-{lang}-{width}.png"))
        cards = queue.get_by_test_id("case-cards")
        assert cards.locator("li").count() >= 1
        assert not queue.evaluate("q => q.scrollWidth > q.clientWidth + 1")
        assert not cards.evaluate("c => c.scrollWidth > c.clientWidth + 1")
        first = cards.locator("li").first
        due, subject = first.locator(".case-due"), first.locator(".case-subject")
        assert due.bounding_box()["y"] < subject.bounding_box()["y"]
        # The subject runs the card's width: at most a few lines, not a column of characters.
        box = subject.bounding_box()
        assert box["width"] > first.bounding_box()["width"] * 0.6 or box["height"] < 60
