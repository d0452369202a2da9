"""Screenshots of the main pages for docs/screenshots/ (issue #12 item 10), made on demand:

    SCREENSHOTS=1 make test PYTEST_ARGS=tests/browser/test_screenshots.py

Each page at a phone (390 px) and a desktop (1280 px) width, in Chinese and in English, signed
in as the demo bureau user on the demo data. Each image is one screen (the desktop's first; on
a phone, from the start of the page's content, below the menu), reduced to a 256-colour PNG
so the set stays small; README.md shows four. Without SCREENSHOTS=1 the test is skipped (it
rewrites files in the repository).
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("SCREENSHOTS") != "1", reason="set SCREENSHOTS=1 to rewrite the images"
    ),
]

OUT = Path(settings.BASE_DIR) / "docs" / "screenshots"
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
PAGES = {
    "dashboard": "/staff/",
    "projects": "/staff/projects/",
    "project": None,  # the first demo project, found at run time
    "targets": "/staff/projects/targets/",
    "statistics": "/staff/stats/",
    "home": "/",
}
MAX_TOTAL_BYTES = 3 * 1024 * 1024


def _save_small(png: bytes, path: Path) -> None:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    img.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def test_screenshots_of_the_main_pages(demo, browser, live_server):
    from projects.models import Project

    project = Project.objects.exclude(name_en="").order_by("pk").first()
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for size_name, (width, height) in SIZES.items():
        ctx = browser.new_context(viewport={"width": width, "height": height})
        page = ctx.new_page()
        page.goto(f"{live_server.url}/en/accounts/login/")
        page.fill("input[name=username]", "bureau")
        page.fill("input[name=password]", "demo-pass-2026")
        page.click("button[type=submit]")
        page.wait_for_url("**/en/staff/")
        for lang in ("zh-hans", "en"):
            for name, path in PAGES.items():
                path = path or f"/staff/projects/{project.pk}/"
                resp = page.goto(f"{live_server.url}/{lang}{path}", wait_until="networkidle")
                assert resp.status == 200, path
                if size_name == "phone":
                    # A phone's first screen is mostly the menu: show the page's own content.
                    page.evaluate("document.querySelector('main').scrollIntoView()")
                target = OUT / f"{name}-{lang}-{size_name}.png"
                _save_small(page.screenshot(), target)
                written.append(target)
        ctx.close()
    total = sum(p.stat().st_size for p in written)
    assert len(written) == len(PAGES) * len(SIZES) * 2
    assert total < MAX_TOTAL_BYTES, total
