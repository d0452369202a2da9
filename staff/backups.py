"""Backups that restore (docs/operations.md, *Backups*): one dated tar archive per backup.

An archive `invest-portal-YYYYMMDD-HHMMSS.tar` holds

- `database.dump`: `pg_dump -Fc` of the whole database (one consistent snapshot);
- `media/…`: the media root (evidence files, site media), without `exports/` (temporary
  background exports, deleted after EXPORT_KEEP_HOURS);
- `MANIFEST.json`: when, from which database, and the SHA-256 and size of every member;

beside it `invest-portal-…tar.sha256` in `sha256sum` format (`sha256sum -c` checks it by hand).
The database is dumped before the media are copied, so every file a dumped row names is in the
archive (uploads are never changed in place; a file added meanwhile is merely extra).

Restoring refuses a database with any table in it and a media folder with any file in it:
a restore never mixes two installations. PostgreSQL only; the SQLite demo is rebuilt with
`make run`."""

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections

from config.errors import DomainError

PREFIX = "invest-portal-"
ARCHIVE = re.compile(r"^invest-portal-\d{8}-\d{6}\.tar$")
DUMP = "database.dump"
MANIFEST = "MANIFEST.json"
MEDIA = "media"
# Temporary files under the media root that a backup leaves out.
MEDIA_SKIP = ("exports",)
CHUNK = 1024 * 1024


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _postgres(alias: str) -> dict:
    """The connection settings of `alias`, which must be PostgreSQL."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        raise DomainError(
            f"Backups are for PostgreSQL; the {alias!r} database is {connection.vendor}. "
            "The SQLite demo needs none: `make run` builds it again."
        )
    return connection.settings_dict


def _libpq(settings_dict: dict) -> tuple[list[str], dict]:
    """pg_dump / pg_restore arguments and environment for one database (the password goes
    in the environment, never on the command line where `ps` shows it)."""
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    env.pop("PGDATABASE", None)
    options = settings_dict.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError as exc:
        raise DomainError(
            f"{command[0]} is not installed (Debian: apt install postgresql-client)."
        ) from exc
    except subprocess.CalledProcessError as exc:
        raise DomainError(f"{command[0]} failed: {exc.stderr.strip()}") from exc


def _media_files(media_root: Path):
    """(path, name in the archive) of every file under the media root worth keeping."""
    if not media_root.is_dir():
        return
    for path in sorted(media_root.rglob("*")):
        relative = path.relative_to(media_root)
        if relative.parts[0] in MEDIA_SKIP or not path.is_file() or path.is_symlink():
            continue
        yield path, str(PurePosixPath(MEDIA, *relative.parts))


def backups_in(directory: Path) -> list[Path]:
    """The archives in `directory`, oldest first (their names sort by time)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if ARCHIVE.match(p.name))


def backup_create(
    *,
    directory: Path | str | None = None,
    keep: int | None = None,
    media_root: Path | str | None = None,
    alias: str = "default",
    now: dt.datetime | None = None,
) -> Path:
    """Write one archive of the database `alias` and the media root into `directory`
    (BACKUP_DIR), delete all but the newest `keep` (BACKUP_KEEP), and return its path.
    Written under a temporary name and renamed when complete, so a crash leaves no archive
    that looks whole. Raises DomainError when the database is not PostgreSQL or pg_dump
    fails."""
    settings_dict = _postgres(alias)
    directory = Path(directory or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    media_root = Path(media_root or settings.MEDIA_ROOT)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S")
    archive = directory / f"{PREFIX}{stamp}.tar"
    if archive.exists():
        raise DomainError(f"{archive} exists already.")

    with tempfile.TemporaryDirectory(dir=directory, prefix=".partial-") as work:
        dump = Path(work) / DUMP
        args, env = _libpq(settings_dict)
        _run(["pg_dump", "--format=custom", "--file", str(dump), *args], env)
        members = [(dump, DUMP), *_media_files(media_root)]
        manifest = {
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": settings_dict["NAME"],
            "format": "pg_dump custom",
            "files": {
                name: {"sha256": _sha256(path), "bytes": path.stat().st_size}
                for path, name in members
            },
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), "utf-8")
        partial = Path(work) / archive.name
        with tarfile.open(partial, "w") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            for path, name in members:
                tar.add(path, arcname=name, recursive=False)
        digest = _sha256(partial)
        checksum = archive.with_name(archive.name + ".sha256")
        checksum.write_text(f"{digest}  {archive.name}\n", "utf-8")
        partial.replace(archive)

    archives = backups_in(directory)
    for old in archives[: max(len(archives) - max(keep, 1), 0)]:
        old.unlink()
        old.with_name(old.name + ".sha256").unlink(missing_ok=True)
    return archive


def backup_verify(archive: Path | str) -> dict:
    """Check the archive against its `.sha256` file and every member against the manifest;
    return the manifest. Raises DomainError naming what does not match."""
    archive = Path(archive)
    if not archive.is_file():
        raise DomainError(f"No such backup: {archive}", field="file")
    checksum = archive.with_name(archive.name + ".sha256")
    if not checksum.is_file():
        raise DomainError(f"The checksum file {checksum.name} is missing.", field="file")
    expected = (checksum.read_text("utf-8").split() or [""])[0]
    if _sha256(archive) != expected:
        raise DomainError(f"{archive.name} does not match its checksum: damaged.", field="file")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
        names = {m.name for m in tar.getmembers() if m.isfile()} - {MANIFEST}
    if names != set(manifest["files"]):
        raise DomainError(f"{archive.name}: its members are not those of its manifest.")
    return manifest


def _database_is_empty(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%%' AND n.nspname NOT LIKE 'pg_temp%%'"
        )
        return cursor.fetchone()[0] == 0


def backup_restore(
    *, archive: Path | str, media_root: Path | str | None = None, alias: str = "default"
) -> dict:
    """Restore `archive` into the database `alias` and the media root, both empty; return
    the manifest. Verifies the checksums first; refuses (DomainError) a database with any
    table or a media folder with any file, and a member whose content does not match the
    manifest (nothing is written in that case, the media are checked before the database is
    touched)."""
    archive = Path(archive)
    manifest = backup_verify(archive)
    settings_dict = _postgres(alias)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise DomainError(
            f"The media folder {media_root} is not empty: restore into an empty one.",
            field="media_root",
        )
    if not _database_is_empty(alias):
        raise DomainError(
            f"The database {settings_dict['NAME']!r} is not empty: restore into a new one "
            "(createdb -T template0 -E UTF8 …).",
            field="database",
        )
    connections[alias].close()

    with tempfile.TemporaryDirectory(prefix="invest-portal-restore-") as work:
        staged = Path(work) / MEDIA
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if not member.isfile() or member.name == MANIFEST:
                    continue
                expected = manifest["files"][member.name]
                target = Path(work, *PurePosixPath(member.name).parts)
                if not target.resolve().is_relative_to(Path(work).resolve()):
                    raise DomainError(f"{archive.name}: unsafe member {member.name!r}.")
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as source, target.open("wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
                if _sha256(target) != expected["sha256"]:
                    raise DomainError(f"{archive.name}: {member.name} does not match.")
        args, env = _libpq(settings_dict)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                str(Path(work) / DUMP),
            ],
            env,
        )
        media_root.mkdir(parents=True, exist_ok=True)
        if staged.is_dir():
            for item in staged.iterdir():
                shutil.move(str(item), media_root / item.name)
    return manifest
