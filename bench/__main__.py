"""`make bench`: build a throwaway PostgreSQL database per benchmark, fill it with COPY, and
time what the issues target.

    python -m bench                 # every benchmark
    python -m bench pipeline        # 200,000 projects: list, API, search, dashboard, board, export
    python -m bench stats           # 1,000,000 projects, 3,000,000 arrivals: one period
    python -m bench stats --keep    # leave the database for another look
    python -m bench stats --reuse   # measure again on the database a --keep run left
    python -m bench website         # the public site under gunicorn against a trivial view
    python -m bench load            # Locust against gunicorn (production settings), 200,000
                                    # projects: staff and public users, p50/p95/p99 per page
                                    # (BENCH_LOAD_SECONDS=60, BENCH_LOAD_STAFF=100, …; not in
                                    # the default run)
    python -m bench forecast        # 200,000 projects: the nightly year-end forecast
    python -m bench chains          # 200,000 projects in chains: the map, the chain filter
    python -m bench imports         # 10,000 project rows imported from one file

Page timings are medians over repeated requests through Django's test client (the whole view,
template or serializer included, no network); statistics runs go through a real Celery
worker."""

import argparse
import os
import sys
import time

from . import db

BENCHMARKS = ("pipeline", "stats", "website", "forecast", "chains", "imports")
EXTRA = ("load",)  # only when named


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "which",
        nargs="*",
        help="pipeline, stats, website, forecast, chains, imports, load (default: all but load)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--reuse", action="store_true", help="reuse a kept database")
    parser.add_argument("--projects", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    args.which = args.which or list(BENCHMARKS)
    unknown = set(args.which) - set(BENCHMARKS) - set(EXTRA)
    if unknown:
        parser.error(f"unknown benchmark: {', '.join(sorted(unknown))}")
    if args.reuse and len(args.which) != 1:
        parser.error("--reuse works with one benchmark at a time")

    os.environ["DATABASE_URL"] = db.bench_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    results = []
    for which in args.which:
        connections.close_all()
        if not args.reuse:
            db.recreate()
        call_command("migrate", verbosity=0)
        try:
            if which == "pipeline":
                from .pipeline import run as run_pipeline

                results += run_pipeline(
                    projects=args.projects, repeat=args.repeat, fill_data=not args.reuse
                )
            elif which == "load":
                from .load import run as run_load

                results += run_load(projects=args.projects, fill_data=not args.reuse)
            elif which == "forecast":
                from .forecast import run as run_forecast

                results += run_forecast(projects=args.projects, fill_data=not args.reuse)
            elif which == "chains":
                from .chains import run as run_chains

                results += run_chains(
                    projects=args.projects, repeat=args.repeat, fill_data=not args.reuse
                )
            elif which == "imports":
                from .imports import run as run_imports

                results += run_imports()
            elif which == "website":
                from .website import run as run_website

                results += run_website()
            else:
                from .stats import run as run_stats

                results += run_stats(fill_data=not args.reuse)
        finally:
            connections.close_all()
            if not args.keep:
                db.drop()
    print()
    print(f"{'benchmark':<58} {'result':>14}  target")
    for name, value, target, ok in results:
        print(f"{name:<58} {value:>14}  {target} {'OK' if ok else 'MISSED'}")
    return 0 if all(ok for *_x, ok in results) else 1


if __name__ == "__main__":
    start = time.perf_counter()
    code = main(sys.argv[1:])
    print(f"(total {time.perf_counter() - start:.0f} s)")
    sys.exit(code)
