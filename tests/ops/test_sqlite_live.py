"""Issue 23, faults: `make run`'s embedded SQLite under concurrent submits, over HTTP. The
development settings and `manage.py runserver` (threaded), as `make run` starts them, on a
SQLite file of their own; 16 visitors fetch the public inquiry form and submit it at the same
moment (scripts/concurrent_submits.py). Every submit is answered with the "sent" page, none
with a 500, and every inquiry is in the database."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUBMITS = 16

sys.path.insert(0, str(ROOT / "scripts"))
from concurrent_submits import main as submit_at_once  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def portal(tmp_path, settings):
    database = tmp_path / "demo.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        # The dev settings' cache is in memory; anything else Redis-bound stays on the
        # test session's own Redis number.
        "REDIS_URL": settings.REDIS_URL,
        "INQUIRY_RATE_LIMIT_PER_HOUR": "1000",
        "INQUIRY_MIN_FILL_SECONDS": "0",
        "INQUIRY_ACKS_PER_ADDRESS_PER_DAY": "1000",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_LOG_FORMAT": "text",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.1)
        yield {"url": f"http://127.0.0.1:{port}", "database": database}
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_concurrent_public_submits_on_make_runs_sqlite_all_succeed(portal, capsys):
    assert submit_at_once(portal["url"], SUBMITS) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.strip() == f"{{200: {SUBMITS}}}"
    with sqlite3.connect(portal["database"]) as db:
        count = db.execute(
            "SELECT count(*) FROM investors_inquiry WHERE organisation = 'Concurrency Ltd'"
        ).fetchone()[0]
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert count == SUBMITS
    assert journal == "wal"
