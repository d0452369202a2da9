"""Issue #12 item 1: every staff page fits a 390 px phone without the page scrolling sideways
(wide tables scroll inside their own box), and at 1280 px the project list shows every column
that matters. One browser, one sign-in per role; each role walks its pages at both widths in
both languages. A page is too wide when ``document.documentElement.scrollWidth`` exceeds the
viewport's width; the failure names the elements that stick out.
"""

import os
from pathlib import Path

import pytest

from feedback.models import Case, ServiceVisit
from investors.models import Inquiry, Investor, PromotionActivity
from projects.models import Project
from stats.models import MonthlyReport
from stats.selectors import report_regions

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)
LANGS = ("en", "zh-hans")
PASSWORD = "demo-pass-2026"

# What sticks out of the viewport outside any box that scrolls or clips it.
OVERFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1) continue;
    let p = el.parentElement, clipped = false;
    while (p) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') { clipped = true; break; }
      p = p.parentElement;
    }
    const name = `${el.tagName.toLowerCase()}.${el.className}`;
    if (!clipped) out.push(`${name} → ${Math.round(r.right)}px`);
  }
  const scroll = document.documentElement.scrollWidth;
  return {scroll: scroll, viewport: window.innerWidth, out: out.slice(0, 3)};
}"""


def _pages_for(role: str) -> list[str]:
    """The staff pages a role walks (objects it may open, picked from the demo data)."""
    from accounts.models import User

    user = User.objects.get(username=role)
    project = Project.objects.for_user(user).order_by("pk").first()
    pages = ["/staff/", "/staff/projects/", "/staff/projects/board/", "/staff/investors/"]
    pages += ["/staff/stats/", "/staff/regions/", "/accounts/password/", "/accounts/tokens/"]
    if project:
        pages.append(f"/staff/projects/{project.pk}/")
    if role in ("admin", "bureau", "district"):
        pages += ["/staff/projects/new/", "/staff/projects/targets/"]
        pages += [f"/staff/projects/{project.pk}/edit/", f"/staff/projects/{project.pk}/move/"]
        pages += [f"/staff/projects/{project.pk}/arrivals/new/", "/staff/investors/new/"]
        pages += ["/staff/stats/reports/new/"]
    if role in ("admin", "bureau", "district", "office110"):
        report = MonthlyReport.objects.filter(region__in=report_regions(user)).first()
        pages += ["/staff/stats/reports/", f"/staff/stats/reports/{report.pk}/"]
    if role in ("admin", "bureau"):
        investor = Investor.objects.order_by("pk").first()
        activity = PromotionActivity.objects.order_by("pk").first()
        inquiry = Inquiry.objects.order_by("pk").first()
        pages += [
            f"/staff/investors/{investor.pk}/",
            "/staff/investors/activities/",
            f"/staff/investors/activities/{activity.pk}/",
            "/staff/investors/agents/",
            "/staff/investors/inquiries/",
            f"/staff/investors/inquiries/{inquiry.pk}/",
            "/staff/investors/report/",
            "/staff/investors/import/",
            "/staff/investors/reminders/",
            f"/staff/projects/{project.pk}/checks/new/",
            f"/staff/stats/reports/{MonthlyReport.objects.order_by('pk').first().pk}/withdraw/",
            "/staff/stats/bulletin/",
            "/staff/stats/reference/",
            "/staff/site/",
            "/staff/site/news/",
            "/staff/go-live/",
            "/staff/stats/opening/",
            "/staff/regions/zones/new/",
            "/staff/stats/reconciliations/",
        ]
        from stats.models import Reconciliation, StatsSnapshot

        published = StatsSnapshot.objects.filter(status="published").order_by("pk").first()
        if published:
            pages.append(f"/staff/stats/snapshots/{published.pk}/province/")
        reconciliation = Reconciliation.objects.order_by("pk").first()
        if reconciliation:
            pages.append(f"/staff/stats/reconciliations/{reconciliation.pk}/")
        domestic = Project.objects.filter(capital_source="domestic").order_by("pk").first()
        if domestic:
            pages.append(f"/staff/projects/{domestic.pk}/domestic-arrivals/new/")
    if role in ("admin", "bureau", "office110", "liaison"):
        pages += ["/staff/service/", "/staff/service/cases/"]
    if role in ("admin", "bureau", "office110"):
        case = Case.objects.order_by("pk").first()
        visit = ServiceVisit.objects.order_by("pk").first()
        pages += [
            f"/staff/service/cases/{case.pk}/",
            f"/staff/service/visits/{visit.pk}/",
            "/staff/service/satisfaction/",
        ]
    return pages


def _sign_in(browser, base: str, role: str):
    # The portal's Content-Security-Policy (rightly) refuses the injected axe-core script; the
    # checker's own context bypasses it, the pages are the same.
    ctx = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, bypass_csp=True)
    page = ctx.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{base}/en/accounts/login/")
    page.fill("input[name=username]", role)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/en/staff/")
    return ctx, page


AXE = os.environ.get("AXE_CORE_JS", "node_modules/axe-core/axe.min.js")
AXE_AT = {"zh-hans": 390, "en": 1280}
AXE_RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag',
  values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
  .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""


def test_every_staff_page_fits_the_phone_and_the_desktop(demo, browser, live_server):
    """Every role's pages at 390 and 1280 px in both languages: none wider than the screen,
    and none with a WCAG 2.1 AA violation axe-core finds (when axe-core is installed, as
    `make install` does; Chinese at 390 px, English at 1280 px). With the bureau's sign-in,
    the project list's columns at 1280 px and its folded filters and pinned column at 390."""
    axe = Path(AXE).read_text() if Path(AXE).exists() else None
    too_wide, broken, inaccessible = [], [], []
    walked = 0
    for role in ("bureau", "district", "liaison", "office110", "admin"):
        pages = _pages_for(role)
        ctx, page = _sign_in(browser, live_server.url, role)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for lang in LANGS:
                for path in pages:
                    resp = page.goto(f"{live_server.url}/{lang}{path}", wait_until="load")
                    walked += 1
                    if resp.status != 200:
                        broken.append(f"{role} {lang}{path}: {resp.status}")
                        continue
                    m = page.evaluate(OVERFLOW_JS)
                    if m["scroll"] > m["viewport"]:
                        too_wide.append(
                            f"{role} {width}px {lang}{path}: {m['scroll']}px > {m['viewport']}px "
                            f"{m['out']}"
                        )
                    # axe-core: each page in both languages and at both widths, Chinese on
                    # the phone and English on the desktop (the width check above is every
                    # combination; running axe at all four doubles the suite's longest test).
                    if axe and AXE_AT[lang] == width:
                        page.add_script_tag(content=axe)
                        if found := page.evaluate(AXE_RUN):
                            inaccessible.append(f"{role} {width}px {lang}{path}: {found}")
        if role == "bureau":
            for lang in LANGS:
                _check_desktop_columns(page, live_server.url, lang)
            _check_phone_list(page, live_server.url)
        ctx.close()
    assert walked > 150
    assert not broken, broken
    assert not too_wide, "\n".join(too_wide)
    assert not inaccessible, "\n".join(inaccessible)


COLUMNS_JS = """(names) => {
  const wrap = document.querySelector('.table-wrap').getBoundingClientRect();
  const heads = [...document.querySelectorAll('table.data thead th')];
  return names.map(n => {
    const th = heads.find(h => h.textContent.trim() === n);
    if (!th) return [n, 'missing'];
    const r = th.getBoundingClientRect();
    return [n, r.right <= wrap.right + 1 && r.left >= wrap.left - 1 ? 'visible' : 'hidden'];
  });
}"""


COLUMNS = {
    "en": ["Name", "Stage", "Total investment (10k CNY)", "Industry", "Tags", "Updated"],
    "zh-hans": ["名称", "阶段", "行业", "标签", "更新"],
}


def _check_desktop_columns(page, base, lang):
    """At 1280 px the project list shows every column that matters, dates on one line."""
    columns = COLUMNS[lang]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/{lang}/staff/projects/")
    seen = dict(page.evaluate(COLUMNS_JS, columns))
    assert seen == dict.fromkeys(columns, "visible")
    # Dates do not wrap mid-value.
    heights = page.locator("td.date").evaluate_all("els => els.map(e => e.getClientRects().length)")
    assert heights
    assert set(heights) == {1}


def _check_phone_list(page, base):
    """On a phone the filters fold away and the name column stays pinned."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base}/en/staff/projects/")
    assert page.locator("details.filters-box").get_attribute("open") is None
    # The staff menu folds behind "Menu", so the first result is on the first screen.
    assert not page.locator("#staff-nav").is_visible()
    first = page.locator("table.data tbody tr").first.bounding_box()
    assert first["y"] < 800
    page.locator("[data-staff-menu]").click()
    assert page.locator("#staff-nav").is_visible()
    assert page.locator("[data-staff-menu]").get_attribute("aria-expanded") == "true"
    page.locator("[data-staff-menu]").click()
    assert not page.locator("#staff-nav").is_visible()
    wrap = page.locator(".table-wrap")
    wrap.evaluate("el => el.scrollLeft = 400")
    name = page.locator("table.data tbody td").first.bounding_box()
    assert abs(name["x"] - wrap.bounding_box()["x"]) < 3  # pinned while the table scrolls
