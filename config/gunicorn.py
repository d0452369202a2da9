"""gunicorn's settings, the same for the deployment (deploy/systemd/invest-portal-web.service,
the Procfile) and the load benchmark (bench/load.py): `gunicorn -c config/gunicorn.py
config.wsgi:application --bind …`.

Threads, not only processes: a staff request spends part of its time waiting on PostgreSQL
and Redis, during which another thread of the same process runs. Processes: 2 × cores + 1 by
default (5 on 2 cores), each with 4 threads. On the 2-core bench machine 5 × 4 served more
than 3 × 4 at the same CPU per request (staff 27 against 23 requests/s, public 336 against
206; README, Performance, "Under load"), though that machine was shared and more processes
also take a larger share of a contended CPU: on a server of its own, compare with
BENCH_LOAD_WORKERS=3. WEB_CONCURRENCY and WEB_THREADS override."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# No request needs more (exports and statistics run in Celery); nginx waits as long.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
# nginx keeps idle connections to gunicorn open for its upstream keepalive_timeout (60 s,
# deploy/nginx/invest-portal.conf) and reuses them: gunicorn must not close one first, or a
# request sent on it as it closes is reset (the load benchmark's clients saw exactly that at
# 5 s). Idle connections cost a gthread worker no thread, only a socket in its poller.
keepalive = 75
# A process is replaced after this many requests (with jitter, not all at once): memory that
# grows slowly (a library's cache) is handed back.
max_requests = 5000
max_requests_jitter = 500
