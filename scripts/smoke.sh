#!/usr/bin/env bash
# Smoke test of a production start (docs/operations.md, *Deployment*): the production settings
# with gunicorn, one Celery worker per queue and beat, against PostgreSQL and Redis; one journey
# over HTTP (scripts/smoke_journey.py); then everything is stopped and the database dropped.
#
#   make smoke                     # or: bash scripts/smoke.sh
#
# Its own database (SMOKE_DATABASE, default invest_portal_smoke, on the server of
# DATABASE_URL), its own Redis databases (SMOKE_REDIS_URL for the broker, SMOKE_CACHE_URL for
# the cache; 10 and 11 by default), a free port, a temporary folder for media, static files
# and logs. Never touches another database.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}

base_url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/invest_portal}
db_name=${SMOKE_DATABASE:-invest_portal_smoke}
server_url=${base_url%/*}
redis_url=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/10}
cache_url=${SMOKE_CACHE_URL:-redis://127.0.0.1:6379/11}
port=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d /tmp/invest-portal-smoke.XXXXXX)
pids=()

export DJANGO_SETTINGS_MODULE=config.settings.prod
export DJANGO_SECRET_KEY="smoke-$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-throwaway"
export DATABASE_URL="$server_url/$db_name"
export REDIS_URL="$redis_url" DJANGO_CACHE_URL="$cache_url"
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export DJANGO_BIND="127.0.0.1:$port"
export DEFAULT_FROM_EMAIL="noreply@portal.example.org"
export DJANGO_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"
export DJANGO_STATIC_ROOT="$work/static" DJANGO_MEDIA_ROOT="$work/media" BACKUP_DIR="$work/backups"
export INQUIRY_MIN_FILL_SECONDS=1
unset DATABASE_REPLICA_URL DJANGO_MEDIA_ACCEL_REDIRECT

psql_admin() { "$BIN/python" - "$server_url/postgres" "$1" <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as c:
    c.execute(sys.argv[2])
PY
}
flush_redis() { "$BIN/python" -c "import redis, sys; [redis.Redis.from_url(u).flushdb() for u in sys.argv[1:]]" "$redis_url" "$cache_url"; }

stop_all() {
  status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    for log in "$work"/*.log; do [ -f "$log" ] && { echo "== $log"; tail -n 40 "$log"; }; done
  fi
  psql_admin "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" || true
  flush_redis || true
  rm -rf "$work"
  [ "$status" -eq 0 ] && echo "smoke: passed" || echo "smoke: FAILED" >&2
  exit "$status"
}
trap stop_all EXIT

echo "== smoke: database $db_name, Redis $redis_url (cache $cache_url), port $port"
psql_admin "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)"
psql_admin "CREATE DATABASE \"$db_name\" TEMPLATE template0 ENCODING 'UTF8'"
flush_redis
"$BIN/python" manage.py check --deploy --fail-level WARNING
"$BIN/python" manage.py migrate --noinput -v0
"$BIN/python" manage.py collectstatic --noinput -v0

# A bureau user with an authenticator (production asks bureau staff for a code) and a region.
totp_key=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
password="smoke-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
"$BIN/python" manage.py shell -c "
from accounts.models import Role, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from reference.models import Region, RegionKind
Region.objects.get_or_create(code='439901', defaults=dict(name_zh_hans='烟雾区', name_en='Smoke District', kind=RegionKind.DISTRICT))
user = User.objects.create_user('smoke', 'smoke@portal.example.org', '$password', role=Role.BUREAU)
TOTPDevice.objects.create(user=user, name='smoke', key='$totp_key', confirmed=True)
"

"$BIN/gunicorn" config.wsgi:application --bind "$DJANGO_BIND" --workers 2 --timeout 120 --no-control-socket \
  --access-logfile "$work/gunicorn.log" --error-logfile "$work/gunicorn.log" &
pids+=($!)
for queue in celery mail reports; do
  "$BIN/celery" -A config worker -l info -Q "$queue" --hostname "smoke-$queue@%h" \
    --concurrency 1 --without-gossip --without-mingle >"$work/worker-$queue.log" 2>&1 &
  pids+=($!)
done
"$BIN/celery" -A config beat -l info --pidfile "$work/beat.pid" >"$work/beat.log" 2>&1 &
pids+=($!)

"$BIN/python" scripts/smoke_journey.py "http://127.0.0.1:$port" \
  --username smoke --password "$password" --totp-key "$totp_key"

# The acknowledgement of the inquiry went through the mail queue's worker; beat is running.
for _ in $(seq 1 60); do
  grep -q "send_inquiry_acknowledgement.*succeeded" "$work/worker-mail.log" && break; sleep 0.5
done
grep -q "send_inquiry_acknowledgement.*succeeded" "$work/worker-mail.log" \
  || { echo "the mail worker did not send the inquiry's acknowledgement" >&2; exit 1; }
grep -q "compute_fdi_stats.*succeeded" "$work/worker-reports.log" \
  || { echo "the statistics run did not go through the reports worker" >&2; exit 1; }
kill -0 "${pids[-1]}" 2>/dev/null && grep -q "beat: Starting" "$work/beat.log" \
  || { echo "beat is not running" >&2; exit 1; }
echo "== smoke: the mail worker sent the acknowledgement, the reports worker ran the statistics, beat runs"
