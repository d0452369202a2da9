"""Locust users of `make bench BENCH_ARGS=load` (bench/load.py starts gunicorn and runs these).

StaffUser starts signed in, with a session bench/load.py made for it (BENCH_SESSIONS; the
password hasher costs about 0.6 s of a core per sign-in by design, which bench/load.py times
apart; without sessions it signs in on_start, not counted in the steady state) and then walks
the workspace; PublicUser reads the public site from
the page cache and sends one inquiry in fifty. Each request is named by its page, so the
statistics come per page."""

import os
import random
import re
import time

from locust import HttpUser, between, task

PROJECTS = int(os.environ.get("BENCH_PROJECTS", "200000"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "Bench-pass-2026")
SESSIONS = [k for k in os.environ.get("BENCH_SESSIONS", "").split(",") if k]
_next_session = iter(range(10**9))
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_STARTED = re.compile(r'name="started"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="started"')


def _csrf(html: str) -> str:
    m = _CSRF.search(html)
    return m.group(1) if m else ""


class StaffUser(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        if SESSIONS:
            self.client.cookies.set("sessionid", SESSIONS[next(_next_session) % len(SESSIONS)])
            return
        page = self.client.get("/en/accounts/login/", name="sign-in form")
        self.client.post(
            "/en/accounts/login/",
            {"username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page.text)},
            headers={"Referer": f"{self.host}/en/accounts/login/"},
            name="sign-in (once per user, not steady state)",
        )

    @task(4)
    def project_list(self):
        self.client.get("/en/staff/projects/?stage=contract&sort=-investment", name="project list")

    @task(4)
    def project_detail(self):
        pk = random.randint(1, PROJECTS)
        self.client.get(f"/en/staff/projects/{pk}/", name="project detail")

    @task(3)
    def dashboard(self):
        self.client.get("/en/staff/", name="dashboard")

    @task(2)
    def board(self):
        self.client.get("/en/staff/projects/board/", name="board")

    @task(2)
    def search(self):
        q = f"project {random.randint(1, 19999)}"
        self.client.get("/en/staff/projects/", params={"q": q}, name="project search")

    @task(2)
    def investors(self):
        self.client.get("/en/staff/investors/?q=investor+19", name="investor list+search")

    @task(1)
    def statistics(self):
        self.client.get("/en/staff/stats/", name="statistics")

    @task(1)
    def exports(self):
        self.client.get("/en/staff/exports/", name="exports list")


class PublicUser(HttpUser):
    # Short waits: each user stands for many visitors, so that the scenario measures how many
    # requests a second the server gives (with 1 s between clicks, 100 users cap at ~100/s).
    wait_time = between(0, 0.2)

    @task(10)
    def home(self):
        self.client.get(random.choice(["/en/", "/zh-hans/"]), name="home")

    @task(6)
    def showcase(self):
        self.client.get("/en/projects/", name="showcase")

    @task(6)
    def pages(self):
        path = random.choice(
            ["/en/industries/", "/en/news/", "/en/contact/", "/en/policies/", "/en/costs/"]
        )
        self.client.get(path, name="public pages")

    @task(1)
    def inquiry(self):
        # About one request in fifty: 1 of 23 tasks, and it makes two requests.
        if random.random() > 0.5:
            return
        form = self.client.get("/en/inquiry/", name="inquiry form")
        started = _STARTED.search(form.text)
        time.sleep(float(os.environ.get("INQUIRY_MIN_FILL_SECONDS", "3")) + 0.5)
        n = random.randint(1, 10**9)
        self.client.post(
            "/en/inquiry/",
            {
                "csrfmiddlewaretoken": _csrf(form.text),
                "started": (started.group(1) or started.group(2)) if started else "",
                "name": f"Load Visitor {n}",
                "organisation": "Bench GmbH",
                "country": "DE",
                "email": f"visitor{n}@example.org",
                "interest": "A plant for precision parts",
                "message": "We would like to learn about land and incentives.",
                "homepage": "",
            },
            headers={"Referer": f"{self.host}/en/inquiry/"},
            name="inquiry sent",
        )
