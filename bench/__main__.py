"""`make bench`: build a throwaway PostgreSQL database, fill it, time what the issues target.

    python -m bench                 # every benchmark
    python -m bench pipeline        # 200,000 projects: staff list page and API list
    python -m bench --keep          # leave the database for another look

Timings are medians over repeated requests through Django's test client (the whole view,
template or serializer included, no network)."""

import argparse
import os
import sys
import time

from . import db


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="*", help="pipeline, stats (default: all)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--projects", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    args.which = args.which or ["pipeline", "stats"]
    unknown = set(args.which) - {"pipeline", "stats"}
    if unknown:
        parser.error(f"unknown benchmark: {', '.join(sorted(unknown))}")

    db.recreate()
    os.environ["DATABASE_URL"] = db.bench_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = []
    try:
        if "pipeline" in args.which:
            from .pipeline import run as run_pipeline

            results += run_pipeline(projects=args.projects, repeat=args.repeat)
        if "stats" in args.which:
            from .stats import run as run_stats

            results += run_stats()
    finally:
        from django.db import connections

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
