"""Load: Locust against gunicorn with the production settings on 200,000 projects.

Two scenarios, each headless and bounded in time: STAFF users (sign in once, then lists,
details, dashboard, board, search, statistics, exports) and PUBLIC visitors (home, showcase,
pages, one inquiry in fifty, from the page cache). Prints p50/p95/p99 and errors per page;
targets on 2 cores: no errors, staff p95 ≤ 300 ms, public ≥ 300 requests/s.

Locust runs on the same machine as gunicorn and PostgreSQL: its own CPU counts against them."""

import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_LOAD_PORT", "8765"))
PASSWORD = "Bench-pass-2026"


def _prepare(projects: int, fill_data: bool):
    from accounts.models import User

    from .pipeline import _fill

    if fill_data:
        _fill(projects)
        with connection.cursor() as c:
            # One project in a hundred at intent on the public showcase.
            c.execute("UPDATE projects_project SET is_published = true WHERE id % 100 = 0")
            # As autovacuum would have by then: the update left every hundredth row's page
            # unmarked in the visibility map, and index-only scans read the table again.
            if connection.get_autocommit():
                c.execute("VACUUM ANALYZE projects_project")
    # The production hasher (settings.bench uses MD5 for speed): sign-in costs what it costs.
    User.objects.filter(username="bench").update(password=_production_hash(PASSWORD))


def _production_hash(password: str) -> str:
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    return PBKDF2PasswordHasher().encode(password, secrets.token_hex(11))


def _gunicorn_env(db_url: str, redis_url: str) -> dict:
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.loadbench",
        DJANGO_SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        DATABASE_URL=db_url,
        REDIS_URL=redis_url,
        # The cache (pages, counts, sessions) in the bench's own Redis database; the broker in
        # memory (no worker runs: what the inquiries queue is dropped with the process), so
        # the run touches no other Redis database.
        DJANGO_CACHE_URL=redis_url,
        CELERY_BROKER_URL="memory://",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DEFAULT_FROM_EMAIL="noreply@bench.invalid",
        DJANGO_SECURE_SSL_REDIRECT="false",
        TWO_FACTOR_REQUIRED="false",
        INQUIRY_RATE_LIMIT_PER_HOUR="1000000",
        DJANGO_BIND=f"127.0.0.1:{PORT}",
    )


def _start_gunicorn(env: dict) -> subprocess.Popen:
    # The deployment's own settings file (config/gunicorn.py: processes, threads, timeout), as
    # deploy/systemd/invest-portal-web.service and the Procfile run it.
    cmd = [
        str(ROOT / ".venv/bin/gunicorn"),
        "-c",
        "config/gunicorn.py",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)  # noqa: S603
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/en/", timeout=10)
            return proc
        except urllib.error.HTTPError as exc:
            proc.terminate()
            raise RuntimeError(f"gunicorn answers {exc.code} on /en/") from exc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("gunicorn did not answer")


_SESSIONS = """
import json, sys, time
from django.contrib.auth.hashers import check_password
from django.test import Client
from accounts.models import User
user = User.objects.get(username="bench")
keys = []
for _ in range(int(sys.argv[1])):
    client = Client()
    client.force_login(user)
    keys.append(client.cookies["sessionid"].value)
t = time.perf_counter()
for _ in range(3):
    assert check_password(sys.argv[2], user.password)
print(json.dumps({"keys": keys, "check_ms": (time.perf_counter() - t) * 1000 / 3}))
"""


def _sessions(env: dict, n: int) -> dict:
    """Signed-in sessions for the staff users, made under the server's settings (its secret),
    and the production hasher's time for one password check."""
    out = subprocess.run(  # noqa: S603
        [
            str(ROOT / ".venv/bin/python"),
            "-c",
            "import django; django.setup()\n" + _SESSIONS,
            str(n),
            PASSWORD,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _sign_in_ms(times: int = 5) -> float:
    """Median time of a whole sign-in (the form, then the post and its redirect) on the idle
    server: what each staff user pays once, apart from the pages' percentiles."""
    import http.cookiejar
    import re
    import statistics
    import urllib.parse

    url = f"http://127.0.0.1:{PORT}/en/accounts/login/"
    took = []
    for _ in range(times):
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        start = time.perf_counter()
        form = opener.open(url, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode(
            {"username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        answer = opener.open(request, timeout=30)
        took.append((time.perf_counter() - start) * 1000)
        if "/accounts/login/" in answer.geturl():
            raise RuntimeError("the bench account could not sign in")
    return statistics.median(took)


def _gunicorn_figures(env: dict) -> tuple[int, int]:
    """The processes and threads config/gunicorn.py gives under `env`."""
    import runpy

    saved = dict(os.environ)
    os.environ.update(env)
    try:
        conf = runpy.run_path(str(ROOT / "config/gunicorn.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return conf["workers"], conf["threads"]


def _stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _locust(
    user_class: str, users: int, seconds: int, projects: int, out: Path, sessions: list[str]
) -> list[dict]:
    env = dict(
        os.environ,
        BENCH_PROJECTS=str(projects),
        BENCH_PASSWORD=PASSWORD,
        BENCH_SESSIONS=",".join(sessions),
    )
    cmd = [
        str(ROOT / ".venv/bin/locust"),
        "-f",
        str(ROOT / "bench/locustfile.py"),
        user_class,
        "--headless",
        "--host",
        f"http://127.0.0.1:{PORT}",
        "-u",
        str(users),
        "-r",
        str(max(1, users // 10)),
        "-t",
        f"{seconds}s",
        "--csv",
        str(out),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    subprocess.run(cmd, cwd=ROOT, env=env, check=False)  # noqa: S603 (errors are in the csv)
    with open(f"{out}_stats.csv") as f:
        return list(csv.DictReader(f))


def run(*, projects: int, fill_data: bool = True):
    seconds = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    staff_users = int(os.environ.get("BENCH_LOAD_STAFF", "100"))
    public_users = int(os.environ.get("BENCH_LOAD_PUBLIC", "100"))
    from django.conf import settings

    _prepare(projects, fill_data)
    connection.close()
    db = settings.DATABASES["default"]
    db_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = _gunicorn_env(db_url, settings.REDIS_URL)
    # BENCH_LOAD_WORKERS / BENCH_LOAD_THREADS try other figures than config/gunicorn.py's.
    for name, var in (
        ("BENCH_LOAD_WORKERS", "WEB_CONCURRENCY"),
        ("BENCH_LOAD_THREADS", "WEB_THREADS"),
    ):
        if os.environ.get(name):
            env[var] = os.environ[name]
    workers, threads = _gunicorn_figures(env)
    # A cold cache: no page, count or session left from an earlier run.
    from django.core.cache import caches

    caches["default"].clear()
    # The production storage serves hashed names from collectstatic's manifest.
    env["DJANGO_STATIC_ROOT"] = tempfile.mkdtemp(prefix="portal-load-static-")
    subprocess.run(  # noqa: S603
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    made = _sessions(env, staff_users)
    print(f"one password check with the production hasher: {made['check_ms']:.0f} ms")
    print(f"gunicorn: {workers} workers × {threads} threads; {seconds} s per scenario")
    results = [("sign-in: one password check (PBKDF2)", f"{made['check_ms']:.0f} ms", "—", True)]
    out = Path(os.environ.get("BENCH_LOAD_OUT", "/tmp/portal-load"))  # noqa: S108
    for label, cls, users in [
        ("staff", "StaffUser", staff_users),
        ("public", "PublicUser", public_users),
    ]:
        if not users:
            continue
        # A fresh server per scenario: one scenario's backlog never queues in front of the next.
        proc = _start_gunicorn(env)
        try:
            if label == "staff":
                ms = _sign_in_ms()
                print(f"sign-in through gunicorn (form and post), median of 5: {ms:.0f} ms")
                results.append(("sign-in: form and post, idle server", f"{ms:.0f} ms", "—", True))
            before = _cpu_seconds(proc.pid, db["NAME"])
            rows = _locust(cls, users, seconds, projects, Path(f"{out}-{label}"), made["keys"])
            after = _cpu_seconds(proc.pid, db["NAME"])
            results += _report(label, users, rows, seconds)
            results += _cpu_report(label, rows, before, after)
        finally:
            _stop(proc)
    shutil.rmtree(env["DJANGO_STATIC_ROOT"], ignore_errors=True)
    from config.celery import app

    app.control.purge()  # exports and acknowledgements queued without a worker
    return results


def _cpu_seconds(master: int, db_name: str) -> dict[str, float]:
    """CPU time used so far by gunicorn (the master and its workers) and by the PostgreSQL
    backends serving the bench database, from /proc (Linux; the same machine). What the
    server spent, whatever else runs beside it: the figure a shared machine cannot spoil."""
    import psycopg

    from . import db as bench_db

    tick = os.sysconf("SC_CLK_TCK")

    def cpu(pid: int) -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / tick  # utime, stime

    def parent(pid: str) -> int:
        try:
            return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError):
            return -1

    workers = [int(p) for p in os.listdir("/proc") if p.isdigit() and parent(p) == master]
    with psycopg.connect(bench_db.admin_url()) as conn:
        backends = [
            pid
            for (pid,) in conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [db_name],
            )
        ]
    return {
        "gunicorn": sum(cpu(p) for p in [master, *workers]),
        "postgres": {p: cpu(p) for p in backends},
    }


def _cpu_report(label: str, rows: list[dict], before: dict, after: dict):
    """CPU per request of the scenario, and the requests a second two idle cores would give."""
    total = next(r for r in rows if r["Name"] == "Aggregated")
    n = max(1, int(total["Request Count"]))
    web = (after["gunicorn"] - before["gunicorn"]) * 1000 / n
    pg = sum(t - before["postgres"].get(p, 0.0) for p, t in after["postgres"].items()) * 1000 / n
    cores = os.cpu_count() or 2
    capacity = cores * 1000 / max(web + pg, 0.001)
    print(
        f"  CPU per request: {web + pg:.1f} ms (gunicorn {web:.1f} ms, PostgreSQL {pg:.1f} ms; "
        f"Redis and Locust not counted): {cores} idle cores would serve about {capacity:.0f}/s"
    )
    return [
        (
            f"load {label}: CPU per request (gunicorn + PostgreSQL)",
            f"{web:.1f} + {pg:.1f} ms",
            "—",
            True,
        ),
        (
            f"load {label}: {cores} idle cores' capacity at that cost",
            f"{capacity:.0f} req/s",
            "—",
            True,
        ),
    ]


def _report(label: str, users: int, rows: list[dict], seconds: int):
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{label}: {users} users, {seconds} s; load average at the end: {load}")
    print(f"  {'page':<44} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6}  req/s")
    results = []
    for r in rows:
        print(
            f"  {r['Name']:<44} {r['Request Count']:>8} {r['Failure Count']:>6} "
            f"{r['50%']:>6} {r['95%']:>6} {r['99%']:>6}  {float(r['Requests/s']):.1f}"
        )
    total = next(r for r in rows if r["Name"] == "Aggregated")
    steady = [r for r in rows if r["Name"] != "Aggregated" and "sign-in" not in r["Name"]]
    errors = sum(int(r["Failure Count"]) for r in rows if r["Name"] != "Aggregated")
    worst_p95 = max(int(float(r["95%"])) for r in steady) if steady else 0
    rps = float(total["Requests/s"])
    results.append((f"load {label}: machine's load average (1/5/15 min)", load, "—", True))
    results.append((f"load {label}: errors, all pages", str(errors), "0", errors == 0))
    if label == "staff":
        p95 = int(float(total["95%"]))
        results += [
            (f"load staff: p95, all pages, {users} users", f"{p95} ms", "≤ 300 ms", p95 <= 300),
            (f"load staff: worst page's p95, {users} users", f"{worst_p95} ms", "—", True),
            (f"load staff: throughput, {users} users", f"{rps:.0f} req/s", "—", True),
        ]
    else:
        ok = rps >= 300
        results.append((f"load public: throughput, {users} users", f"{rps:.0f} req/s", "≥ 300", ok))
    sys.stdout.flush()
    return results
