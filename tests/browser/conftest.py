import datetime as dt
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The demo city is seeded through the services once per session (20–40 s); every later
# browser test gets the same rows back from a copy taken right after, in under a second.
# The copy is every table's rows (PostgreSQL COPY), restored in one transaction with the
# sequences moved past the restored ids, plus the files the demo wrote under MEDIA_ROOT.
_SNAPSHOT: dict = {}
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(n for n in names if n != "django_migrations")


def _take_snapshot(connection, media_root: Path, store: Path) -> None:
    rows = {}
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for table in _tables(connection):
            data = bytearray()
            with raw.copy(f'COPY "{table}" TO STDOUT') as copy:
                for chunk in copy:
                    data += chunk
            rows[table] = bytes(data)
    if media_root.exists():
        shutil.copytree(media_root, store, dirs_exist_ok=True)
    _SNAPSHOT.update(rows=rows, media=store)


def _restore_snapshot(connection, media_root: Path) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    rows = _SNAPSHOT["rows"]
    with transaction.atomic(), connection.cursor() as cursor:
        # Foreign keys are deferred: they are checked once every table is back.
        cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in rows))
        raw = cursor.cursor
        for table, data in rows.items():
            if data:
                with raw.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
        cursor.execute(
            """SELECT seq.relname, tbl.relname, col.attname
                 FROM pg_class seq
                 JOIN pg_depend dep ON dep.objid = seq.oid AND dep.deptype IN ('a', 'i')
                 JOIN pg_class tbl ON tbl.oid = dep.refobjid
                 JOIN pg_attribute col ON col.attrelid = tbl.oid AND col.attnum = dep.refobjsubid
                WHERE seq.relkind = 'S'"""
        )
        for sequence, table, column in cursor.fetchall():
            # Names from the PostgreSQL catalog, not from input.
            highest = f'SELECT MAX("{column}") FROM "{table}"'  # noqa: S608
            cursor.execute(f"SELECT setval(%s, COALESCE(({highest}), 0) + 1, false)", [sequence])
    ContentType.objects.clear_cache()
    shutil.copytree(_SNAPSHOT["media"], media_root, dirs_exist_ok=True)


def first_of_this_month() -> dt.datetime:
    """09:00 in Shanghai on the 1st of this month: the day a month has just turned and its
    figures are not computed yet, when a page that defaults to the calendar shows nothing."""
    today = dt.datetime.now(SHANGHAI)
    return today.replace(day=1, hour=9, minute=0, second=0, microsecond=0)


@pytest.fixture(scope="package", autouse=True)
def _on_the_first_of_the_month():
    """The browser tests' demo is seeded, and their server answers, as on the 1st of a
    month (the clock ticks on from there)."""
    with time_machine.travel(first_of_this_month(), tick=True):
        yield


@pytest.fixture
def demo(transactional_db, settings, tmp_path_factory):
    from django.db import connection

    media_root = Path(settings.MEDIA_ROOT)
    if _SNAPSHOT:
        _restore_snapshot(connection, media_root)
        return
    call_command("seed_demo", verbosity=0)
    _take_snapshot(connection, media_root, tmp_path_factory.mktemp("demo-media"))


def go_to(page, key):
    """Click the staff menu's entry `key`, opening its group first (staff/navigation.py)."""
    group = page.locator(f"nav.staff-nav details:has([data-nav={key}])")
    if group.count() and not group.evaluate("d => d.open"):
        group.locator("summary").click()
    page.click(f"nav.staff-nav [data-nav={key}]")


@pytest.fixture
def login(page, live_server):
    def _login(username, lang="en", password="demo-pass-2026"):  # noqa: S107
        page.goto(f"{live_server.url}/{lang}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"**/{lang}/staff/")
        return page

    return _login
