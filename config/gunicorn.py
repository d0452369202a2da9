"""gunicorn's settings, the same for the deployment (deploy/systemd/invest-portal-web.service,
the Procfile) and the load benchmark (bench/load.py): `gunicorn -c config/gunicorn.py
config.wsgi:application --bind …`.

Threads, not only processes: a staff request spends part of its time waiting on PostgreSQL
and Redis, during which another thread of the same process runs. On 2 cores (PostgreSQL and
Redis on the same machine) 3 processes × 4 threads: more processes than cores only queue more
requests on the same cores and cost memory (README, Performance, "Under load"; the bench tries
others with BENCH_LOAD_WORKERS / BENCH_LOAD_THREADS). Scale WEB_CONCURRENCY with the cores
(about one per core, plus one), keep the threads."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
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
