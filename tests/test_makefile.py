"""`make run` never touches the database `make test` uses: a DATABASE_URL exported for the
tests (PostgreSQL) must not be migrated and seeded with the demo."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("dev_url", [None, "sqlite:////tmp/portal-demo.sqlite3"])
def test_make_run_ignores_an_exported_database_url(dev_url):
    env = dict(os.environ, DATABASE_URL="postgres://postgres@127.0.0.1:5432/test_db_of_make_test")
    env.pop("DEV_DATABASE_URL", None)
    if dev_url:
        env["DEV_DATABASE_URL"] = dev_url
    out = subprocess.run(  # noqa: S603
        [shutil.which("make"), "-n", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    commands = [line for line in out.splitlines() if "manage.py" in line]
    assert [c.split("manage.py ")[1].split()[0] for c in commands] == [
        "migrate",
        "seed_demo",
        "runserver",
    ]
    expected = dev_url or f"sqlite:///{ROOT}/db.sqlite3"
    for command in commands:
        assert f"DATABASE_URL={expected} " in command
        assert "postgres" not in command
