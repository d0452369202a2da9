"""The home page's hero buttons meet WCAG AA contrast (issue 21, item 10), measured on the
rendered page: each button's computed text colour against every pixel drawn behind it (the
button's own background, or the hero's gradient and skyline through a transparent button).
axe-core cannot see through a background image, so it does not catch this."""

import io
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.browser

AA_NORMAL_TEXT = 4.5


def _luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast((118, 118, 118), (255, 255, 255)), 2) == 4.54


def _worst_contrast(page, locator) -> tuple[float, str]:
    """The lowest contrast between the button's text colour and the pixels behind its text
    (the text itself made transparent for the screenshot; the border left out)."""
    color = locator.evaluate("el => getComputedStyle(el).color")
    text_rgb = tuple(int(v) for v in re.findall(r"[\d.]+", color)[:3])
    locator.evaluate("el => { el.dataset.c = el.style.color; el.style.color = 'transparent'; }")
    png = locator.screenshot(animations="disabled")
    locator.evaluate("el => { el.style.color = el.dataset.c; }")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = image.size
    inner = image.crop((4, 4, max(w - 4, 5), max(h - 4, 5)))
    pixels = (
        set(inner.get_flattened_data())
        if hasattr(inner, "get_flattened_data")
        else set(inner.getdata())
    )
    return min(contrast(text_rgb, p) for p in pixels), color


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize("width", [390, 1280])
def test_hero_buttons_meet_aa_contrast(browser, live_server, lang, width, db):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(f"{live_server.url}/{lang}/")
    page.mouse.move(0, 0)
    buttons = page.locator(".hero-actions a.btn")
    assert buttons.count() == 2
    found = {}
    for i in range(buttons.count()):
        button = buttons.nth(i)
        ratio, color = _worst_contrast(page, button)
        found[button.inner_text()] = (round(ratio, 2), color)
    ctx.close()
    assert all(ratio >= AA_NORMAL_TEXT for ratio, _c in found.values()), found
