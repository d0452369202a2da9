"""The public site under gunicorn: requests per second of the home page and a project page
against a trivial Django view (robots.txt: no database, the whole middleware stack), measured
in the same run, same settings, same server, same load generator. Target: each page at least
half the trivial view's rate.

The database holds the demo city (`seed_demo`: ~90 projects, published statistics, the site's
content). Pages are served as in production: DEBUG off, the page cache on in Redis."""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

from django.core.management import call_command

PORT = int(os.environ.get("BENCH_WEB_PORT", "8765"))
WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "2"))
CONCURRENCY = 8
SECONDS = 8.0
TARGET_RATIO = 0.5


def _load(url: str, seconds: float, concurrency: int) -> float:
    """Requests per second that `concurrency` clients get from `url` in `seconds`."""
    counts = [0] * concurrency
    errors = []
    stop = time.perf_counter() + seconds

    def client(i):
        while time.perf_counter() < stop:
            try:
                with urllib.request.urlopen(url, timeout=10) as resp:  # noqa: S310 - localhost
                    resp.read()
                    if resp.status != 200:
                        errors.append(resp.status)
                counts[i] += 1
            except Exception as exc:  # a failed request is reported, not fatal here
                errors.append(repr(exc))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"{url}: {len(errors)} failed requests, e.g. {errors[0]}")
    return sum(counts) / (time.perf_counter() - start)


def _wait_up(url: str, timeout: float = 30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - localhost
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def run():
    from projects.models import Project
    from website.selectors import public_projects

    call_command("seed_demo", verbosity=0)
    project = public_projects().first() or Project.objects.first()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.bench"),
    }
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn with fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{PORT}"
    urls = {
        "trivial view (robots.txt)": f"{base}/robots.txt",
        "home page (/en/)": f"{base}/en/",
        "project page": f"{base}/en/projects/{project.pk}/",
    }
    try:
        _wait_up(urls["trivial view (robots.txt)"])
        for url in urls.values():  # warm up: connections, caches
            _load(url, 1.0, 2)
        # Interleaved rounds so a slow moment of the machine hits every URL alike.
        rates = {name: [] for name in urls}
        for _round in range(3):
            for name, url in urls.items():
                rates[name].append(_load(url, SECONDS / 3, CONCURRENCY))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    rps = {name: sum(values) / len(values) for name, values in rates.items()}
    trivial = rps["trivial view (robots.txt)"]
    results = [
        (
            f"gunicorn x{WORKERS}: trivial view (robots.txt)",
            f"{trivial:.0f} req/s",
            "—",
            True,
        )
    ]
    for name in ("home page (/en/)", "project page"):
        ratio = rps[name] / trivial
        results.append(
            (
                f"gunicorn x{WORKERS}: {name}",
                f"{rps[name]:.0f} req/s ({ratio:.2f}x)",
                f">= {TARGET_RATIO:.1f}x trivial",
                ratio >= TARGET_RATIO,
            )
        )
    return results
