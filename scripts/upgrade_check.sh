#!/usr/bin/env bash
# Upgrade check (CI, `make upgrade-check`): a database seeded and filled by the PREVIOUS
# release, migrated to this checkout's code; every table's rows and the key records' checksums
# must survive (docs/operations.md, Upgrades). Then seed_demo must leave the non-demo records
# alone. Uses PostgreSQL at PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres).
#   PREVIOUS=de5e3f8 (a commit or tag)   UPGRADE_DB=ip_upgrade_check_<pid>   KEEP_DB=1 to keep it
set -euo pipefail
cd "$(dirname "$0")/.."
HERE=$(pwd)
PREVIOUS=${PREVIOUS:-de5e3f8}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DB=${UPGRADE_DB:-ip_upgrade_check_$$}
export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/${DB}"
export REDIS_URL=${UPGRADE_REDIS_URL:-redis://127.0.0.1:6379/14}
export DJANGO_SETTINGS_MODULE=config.settings.dev CELERY_TASK_ALWAYS_EAGER=1
WORK=$(mktemp -d)
OLD="$WORK/release"

cleanup() {
  git -C "$HERE" worktree remove --force "$OLD" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  [ -n "${KEEP_DB:-}" ] || psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null
}
trap cleanup EXIT

echo "== previous release $PREVIOUS into $OLD"
git worktree add --detach "$OLD" "$PREVIOUS" >/dev/null
# Its own venv only when the project's cannot run it: every package it pins must be installed.
PY="$HERE/.venv/bin/python"
if ! (grep -E '^[a-zA-Z0-9_.-]+==' "$OLD/requirements.lock" | sort >"$WORK/want" &&
      "$PY" -m pip freeze 2>/dev/null | tr 'A-Z_' 'a-z-' | sort >"$WORK/have" &&
      [ -z "$(tr 'A-Z_' 'a-z-' <"$WORK/want" | comm -23 - "$WORK/have")" ]); then
  echo "   its requirements differ: a venv of its own"
  python3.11 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q -r "$OLD/requirements.lock"
  PY="$WORK/venv/bin/python"
fi
ln -s "$(dirname "$(dirname "$PY")")" "$OLD/.venv"
(cd "$OLD" && .venv/bin/pybabel -q compile -d locale -D django)

echo "== database $DB: migrate, seed_demo and extra records with $PREVIOUS"
psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" -c "CREATE DATABASE \"$DB\"" >/dev/null
(cd "$OLD" && .venv/bin/python manage.py migrate --noinput -v0 &&
  .venv/bin/python manage.py seed_demo >/dev/null &&
  .venv/bin/python manage.py shell <"$HERE/scripts/upgrade_extra_data.py") >"$WORK/old.log"
grep '^EXTRA_IDS=' "$WORK/old.log" | cut -d= -f2- >"$WORK/extra.json"
"$PY" scripts/upgrade_snapshot.py take "$DATABASE_URL" "$WORK/before.json"

echo "== migrate to $(git rev-parse --short HEAD)"
.venv/bin/python manage.py migrate --plan | grep -c '^  ' | xargs echo "   operations planned:"
start=$(date +%s)
.venv/bin/python manage.py migrate --noinput -v1 | grep -v '^  Apply' || true
echo "   migrated in $(($(date +%s) - start)) s"
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null
"$PY" scripts/upgrade_snapshot.py take "$DATABASE_URL" "$WORK/after.json"
"$PY" scripts/upgrade_snapshot.py compare "$WORK/before.json" "$WORK/after.json" upgrade

echo "== seed_demo on the upgraded database"
.venv/bin/python manage.py seed_demo >/dev/null
"$PY" scripts/upgrade_snapshot.py take "$DATABASE_URL" "$WORK/seeded.json"
"$PY" scripts/upgrade_snapshot.py compare "$WORK/after.json" "$WORK/seeded.json" seed \
  --extra "$WORK/extra.json"
echo "upgrade check passed: $PREVIOUS → $(git rev-parse --short HEAD)"
