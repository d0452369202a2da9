"""The smoke journey over HTTP against a running portal (scripts/smoke.sh starts one with the
production settings): sign in with a password and an authenticator code, create a project on
its page, compute a statistics period through the worker and wait for it, export the project
list through the worker and download it, and, signed out, send a public inquiry.

The portal's cookies are `Secure` and it redirects plain HTTP: each request says it came over
HTTPS (`X-Forwarded-Proto`, as the nginx in front does) and the cookies are carried by hand.

    python scripts/smoke_journey.py http://127.0.0.1:8000 --username u --password p --totp-key HEX
"""

import argparse
import datetime as dt
import hashlib
import hmac
import re
import struct
import sys
import time
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

TIMEOUT = 120  # a cold start on a busy CI machine


def totp(key_hex: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), as django-otp's TOTPDevice checks it."""
    counter = int((at or time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


class Forms(HTMLParser):
    """The forms of a page: action, method and the fields with their first sensible value."""

    def __init__(self):
        super().__init__()
        self.forms, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": a.get("action") or "",
                    "method": a.get("method", "get"),
                    "fields": {},
                    "required": set(),
                    "options": {},
                }
            )
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form["fields"][name] = a.get("value", "on")
                elif "required" in a:
                    form["required"].add((name, kind))
                    form["options"].setdefault(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                form["fields"][name] = a.get("value", "")
                if "required" in a:
                    form["required"].add((name, kind))
        elif tag == "select" and name:
            self._select = name
            form["fields"].setdefault(name, "")
            if "required" in a:
                form["required"].add((name, "select"))
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if "selected" in a:
                form["fields"][self._select] = value
            if value:
                form["options"].setdefault(self._select, value)
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"][name] = ""
            if "required" in a:
                form["required"].add((name, "textarea"))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


FILL = {"email": "smoke@portal.example.org", "number": "100", "date": dt.date.today().isoformat()}


class Browser:
    def __init__(self, base: str):
        self.base, self.cookies = base, {}

    def request(self, method, path, **kwargs):
        headers = {
            "X-Forwarded-Proto": "https",
            "Accept-Language": "en",
            **kwargs.pop("headers", {}),
        }
        if method not in ("GET", "HEAD") and "csrftoken" in self.cookies:
            headers.setdefault("X-CSRFToken", self.cookies["csrftoken"])
            headers.setdefault("Referer", f"https://{self.base.split('://')[1]}/")
        response = requests.request(
            method,
            urljoin(self.base, path),
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=TIMEOUT,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def form(self, path, wait=0.0, **values):
        """Fetch the page, fill its form (the first that has every field of `values`) with
        `values` and whatever a required field needs, submit it; the answer (a redirect when
        accepted)."""
        page = self.request("GET", path)
        check(page.status_code == 200, f"GET {path}: {page.status_code}")
        parser = Forms()
        parser.feed(page.text)
        forms = [
            f
            for f in parser.forms
            if f["method"].lower() == "post" and set(values) <= set(f["fields"])
        ]
        check(forms, f"{path} has no form with {sorted(values)}")
        form = forms[0]
        data = dict(form["fields"])
        for name, kind in form["required"]:
            if not data.get(name):
                first = form["options"].get(name)
                if kind in ("select", "checkbox", "radio"):
                    data[name] = first
                else:
                    data[name] = FILL.get(kind, "Smoke test 烟雾测试")
        data.update(values)
        time.sleep(wait)
        return self.request("POST", form["action"] or path, data=data)


def check(ok, message):
    if not ok:
        print(f"smoke journey: {message}", file=sys.stderr)
        sys.exit(1)


def wait_for(browser, path, done, what, limit=300):
    for _ in range(limit):
        answer = browser.request("GET", path)
        check(answer.status_code == 200, f"GET {path}: {answer.status_code}")
        body = answer.json()
        if body["status"] in done:
            return body
        time.sleep(1)
    check(False, f"{what} still {body['status']} after {limit} s")
    return None


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument("base")
    args.add_argument("--username", required=True)
    args.add_argument("--password", required=True)
    args.add_argument("--totp-key", required=True)
    opts = args.parse_args()
    browser = Browser(opts.base)

    for _ in range(60):  # the web process starting
        try:
            if browser.request("GET", "/en/").status_code == 200:
                break
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    plain = requests.get(urljoin(opts.base, "/en/"), allow_redirects=False, timeout=TIMEOUT)
    check(
        plain.status_code == 301 and plain.headers["Location"].startswith("https://"),
        "plain HTTP is not redirected to HTTPS",
    )
    print("home page: 200; plain HTTP redirected to HTTPS")

    signed = browser.form("/en/accounts/login/", username=opts.username, password=opts.password)
    check(signed.status_code == 302, f"sign-in answered {signed.status_code}")
    verified = browser.form("/en/accounts/two-factor/", code=totp(opts.totp_key))
    check(verified.status_code == 302, f"two-factor code answered {verified.status_code}")
    check(browser.request("GET", "/en/staff/").status_code == 200, "the dashboard after sign-in")
    print("signed in with password and authenticator code")

    created = browser.form(
        "/en/staff/projects/new/", name_zh_hans="烟雾测试项目", name_en="Smoke test project"
    )
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', created.text, re.S)
    check(
        created.status_code == 302,
        f"project form answered {created.status_code}: {errors}",
    )
    listed = browser.request("GET", "/api/v1/projects/?q=Smoke")
    check(listed.status_code == 200 and listed.json()["count"] >= 1, "the new project in the API")
    print(f"project created: {created.headers['Location']}")

    period = dt.date.today().strftime("%Y-%m")
    run = browser.request("POST", "/api/v1/stats/runs/", json={"period": period})
    check(run.status_code == 202, f"statistics run: {run.status_code} {run.text[:300]}")
    run = wait_for(
        browser,
        f"/api/v1/stats/runs/{run.json()['id']}/",
        {"succeeded", "failed"},
        "the statistics run",
    )
    check(run["status"] == "succeeded", f"statistics run {run['status']}: {run['message']}")
    print(f"statistics {period} computed by the worker (run {run['id']})")

    job = browser.request("POST", "/api/v1/exports/", json={"kind": "projects"})
    check(job.status_code == 202, f"export: {job.status_code} {job.text[:300]}")
    job = wait_for(browser, f"/api/v1/exports/{job.json()['id']}/", {"done", "failed"}, "export")
    check(job["status"] == "done", f"export {job['status']}")
    download = browser.request("GET", job["download_url"])
    check(
        download.status_code == 200 and download.content[:2] == b"PK",
        f"export download: {download.status_code}",
    )
    print(f"export written by the worker and downloaded ({len(download.content)} bytes)")

    browser.cookies.clear()
    sent = browser.form(
        "/en/inquiry/",
        wait=1.2,  # INQUIRY_MIN_FILL_SECONDS
        homepage="",
        name="Smoke Tester",
        message="Smoke test inquiry: please ignore.",
    )
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', sent.text, re.S)
    check(
        sent.status_code == 302 and "/inquiry/sent/" in sent.headers.get("Location", ""),
        f"inquiry answered {sent.status_code}: {errors}",
    )
    print("public inquiry sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
