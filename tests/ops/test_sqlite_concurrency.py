"""Issue 23, faults: the embedded demo database (SQLite under `make run`) holds concurrent
writes. Two submits at once used to answer 500 ("database is locked"): a deferred transaction
reads, another writer commits, and the first one's write can no longer take the lock, at once,
whatever the busy timeout. With the settings' SQLite options (config/settings/base.py,
database_options: WAL, BEGIN IMMEDIATE, a busy timeout) every writer waits its turn.

The writers go through Django's own SQLite backend with those options, each doing what a form
submit does: read, then write, in one atomic block."""

import threading

import pytest
from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.settings.base import database_options

WRITERS = 8
SUBMITS = 5


@pytest.fixture(autouse=True)
def _own_sqlite_files(django_db_blocker):
    """These tests open their own SQLite files, not the test database."""
    with django_db_blocker.unblock():
        yield


def _connect(path, options: dict, alias: str) -> DatabaseWrapper:
    db = DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": dict(options),
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias=alias,
    )
    connections[alias] = db  # this thread's, so that transaction.atomic(using=alias) finds it
    return db


def _create_table(path, options):
    db = _connect(path, options, "sqlite_setup")
    with db.cursor() as cursor:
        cursor.execute("CREATE TABLE rating (id INTEGER PRIMARY KEY, visit INT, score INT)")
    db.close()


def _submit(db, visit: int) -> None:
    with transaction.atomic(using=db.alias), db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM rating WHERE visit = %s", [visit])  # rated yet?
        cursor.fetchone()
        cursor.execute("INSERT INTO rating (visit, score) VALUES (%s, 5)", [visit])


def _rows(path, options) -> tuple[int, str]:
    db = _connect(path, options, "sqlite_check")
    with db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM rating")
        rows = cursor.fetchone()[0]
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    db.close()
    return rows, mode


def test_concurrent_submits_all_land_with_the_settings_options(tmp_path):
    options = database_options({"ENGINE": "django.db.backends.sqlite3"})["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    path = tmp_path / "demo.sqlite3"
    _create_table(path, options)
    errors, start = [], threading.Barrier(WRITERS)

    def writer(n):
        db = _connect(path, options, f"sqlite_writer_{n}")
        start.wait()
        try:
            for i in range(SUBMITS):
                try:
                    _submit(db, n * 100 + i)
                except OperationalError as exc:
                    errors.append(str(exc))
        finally:
            db.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _rows(path, options) == (WRITERS * SUBMITS, "wal")


def test_with_deferred_transactions_a_submit_is_refused(tmp_path):
    """What the options fix, step by step: one submit reads, another commits, the first one's
    write is refused at once, even with WAL and a busy timeout (SQLITE_BUSY_SNAPSHOT)."""
    options = {"timeout": 5, "init_command": "PRAGMA journal_mode=WAL"}
    path = tmp_path / "plain.sqlite3"
    _create_table(path, options)
    first = _connect(path, options, "sqlite_first")
    second = _connect(path, options, "sqlite_second")

    def first_submit():
        with transaction.atomic(using=first.alias), first.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM rating WHERE visit = 1")
            cursor.fetchone()
            _submit(second, 2)  # the other submit, committed meanwhile
            cursor.execute("INSERT INTO rating (visit, score) VALUES (1, 5)")

    with pytest.raises(OperationalError, match="locked"):
        first_submit()
    first.close()
    second.close()
    assert _rows(path, options)[0] == 1
