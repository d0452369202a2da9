"""The restore drill (docs/operations.md, *Backups*): the seeded demo is backed up, restored
into a fresh database and an empty media folder, and every table's row count, the key tables'
rows, the sequences and the media files come back identical."""

import datetime as dt
import hashlib
import io
import json
import tarfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from config.errors import DomainError
from staff.backups import backup_create, backups_in

pytestmark = pytest.mark.django_db(transaction=True)

SHANGHAI = ZoneInfo("Asia/Shanghai")
KEY_TABLES = (
    "accounts_user",
    "investors_investor",
    "projects_project",
    "projects_capitalarrival",
    "stats_statssnapshot",
    "stats_statsfigure",
    "feedback_case",
    "projects_stagemove",
)


def _tables(alias):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        return [row[0] for row in cursor.fetchall()]


def _fingerprint(alias):
    """Row count of every table, md5 of the key tables' rows in id order, sequence values."""
    with connections[alias].cursor() as cursor:
        counts = {}
        for table in _tables(alias):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        digests = {}
        for table in KEY_TABLES:
            cursor.execute(
                f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) "  # noqa: S608
                f'FROM "{table}" t'
            )
            digests[table] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        )
        sequences = dict(cursor.fetchall())
    return counts, digests, sequences


def _files(root: Path):
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def restore_alias():
    """A throwaway database beside the test database (`<test db>_restore`), as alias
    `restore`; dropped afterwards."""
    source = connections["default"].settings_dict
    name = f"{source['NAME']}_restore"

    def admin(sql):
        with connections["default"].cursor() as cursor:
            cursor.execute(sql)

    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    # A connection made here, not declared in DATABASES: the test runner leaves it alone.
    connections["restore"] = type(connections["default"])({**source, "NAME": name}, "restore")
    try:
        yield "restore"
    finally:
        connections["restore"].close()
        del connections["restore"]
        admin(f'DROP DATABASE IF EXISTS "{name}"')


def test_the_demo_backs_up_and_restores_identically(settings, tmp_path, restore_alias):
    media = Path(settings.MEDIA_ROOT)
    with time_machine.travel(dt.datetime(2027, 3, 10, 8, 30, tzinfo=SHANGHAI)):
        call_command("seed_demo", verbosity=0)
    # Evidence as the portal stores it, in a folder with a Chinese name; and a background
    # export, which a backup leaves out (temporary).
    (media / "evidence" / "合同").mkdir(parents=True, exist_ok=True)
    (media / "evidence" / "合同" / "a.pdf").write_bytes(b"%PDF-1.4 evidence " * 1000)
    (media / "exports").mkdir(exist_ok=True)
    (media / "exports" / "projects.xlsx").write_bytes(b"temporary")
    before = _fingerprint("default")
    files_before = {k: v for k, v in _files(media).items() if not k.startswith("exports/")}
    assert before[0]["projects_project"] > 0
    assert before[0]["stats_statssnapshot"] > 0
    assert "evidence/合同/a.pdf" in files_before

    out = io.StringIO()
    call_command("backup", dir=str(tmp_path / "backups"), keep=3, stdout=out)
    archive = Path(out.getvalue().strip())
    assert archive.parent == tmp_path / "backups"
    assert (
        (tmp_path / "backups" / f"{archive.name}.sha256")
        .read_text()
        .startswith(hashlib.sha256(archive.read_bytes()).hexdigest() + "  ")
    )
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("MANIFEST.json"))
    assert "database.dump" in manifest["files"]
    assert not any(name.startswith("media/exports/") for name in manifest["files"])

    # Refused: a database that is not empty, a media folder that is not empty, a damaged file.
    restored_media = tmp_path / "restored-media"
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive), media_root=str(restored_media))
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(CommandError, match=r"media folder .* is not empty"):
        call_command(
            "restore", str(archive), media_root=str(tmp_path / "busy"), database=restore_alias
        )
    damaged = tmp_path / "damaged" / archive.name
    damaged.parent.mkdir()
    damaged.write_bytes(archive.read_bytes()[:-1] + b"x")
    (damaged.parent / f"{archive.name}.sha256").write_bytes(
        (archive.parent / f"{archive.name}.sha256").read_bytes()
    )
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command(
            "restore", str(damaged), media_root=str(restored_media), database=restore_alias
        )
    assert _tables(restore_alias) == []
    assert not restored_media.exists()

    call_command(
        "restore",
        str(archive),
        media_root=str(restored_media),
        database=restore_alias,
        stdout=io.StringIO(),
    )
    assert _fingerprint(restore_alias) == before
    assert _files(restored_media) == files_before


def test_backups_keep_the_newest_and_run_nightly_from_beat(settings, tmp_path):
    from staff.tasks import backup_nightly

    settings.BACKUP_DIR = str(tmp_path / "nightly")
    settings.BACKUP_KEEP = 2
    for day in (1, 2, 3):
        backup_create(now=dt.datetime(2020, 3, day, 18, 30, tzinfo=dt.UTC))
    kept = backups_in(tmp_path / "nightly")
    assert [p.name for p in kept] == [
        "invest-portal-20200302-183000.tar",
        "invest-portal-20200303-183000.tar",
    ]
    assert sorted(p.name for p in (tmp_path / "nightly").iterdir()) == sorted(
        [p.name for p in kept] + [f"{p.name}.sha256" for p in kept]
    )
    schedule = settings.CELERY_BEAT_SCHEDULE["backup-nightly"]
    assert schedule["task"] == "staff.tasks.backup_nightly"
    written = Path(backup_nightly.delay().get())
    assert written.parent == tmp_path / "nightly"
    assert written.is_file()
    assert len(backups_in(tmp_path / "nightly")) == 2


def test_backup_says_it_is_for_postgresql_on_sqlite(tmp_path):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    demo = {**connections["default"].settings_dict}
    demo.update(ENGINE="django.db.backends.sqlite3", NAME=str(tmp_path / "db.sqlite3"))
    connections["demo"] = DatabaseWrapper(demo, "demo")
    try:
        with pytest.raises(DomainError, match="Backups are for PostgreSQL"):
            backup_create(directory=tmp_path, alias="demo")
    finally:
        connections["demo"].close()
        del connections["demo"]
