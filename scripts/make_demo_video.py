"""Render the demo city video (website/demo_media/) with Chromium: a canvas animation recorded
by MediaRecorder as H.264 MP4, and its poster.

    python scripts/make_demo_video.py website/demo_media
"""

import base64
import pathlib
import sys

from playwright.sync_api import sync_playwright

HTML = (pathlib.Path(__file__).parent / "demo_video.html").read_text(encoding="utf-8")
out = pathlib.Path(sys.argv[1])
with sync_playwright() as pw:
    b = pw.chromium.launch(
        executable_path="/usr/bin/chromium",
        args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
    )
    p = b.new_page(viewport={"width": 1280, "height": 720})
    p.set_content(HTML)
    for mime in ["video/mp4;codecs=avc1.42E01E", "video/mp4;codecs=avc1", "video/mp4"]:
        ok = p.evaluate(f"MediaRecorder.isTypeSupported('{mime}')")
        print(mime, ok)
        if ok:
            break
    else:
        sys.exit("no mp4 recording")
    data = p.evaluate(f"record(12.5, '{mime}')")
    (out / "city.mp4").write_bytes(base64.b64decode(data))
    p.evaluate("poster()")
    p.locator("canvas").screenshot(path=str(out / "poster.jpg"), type="jpeg", quality=78)
    b.close()
