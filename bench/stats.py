"""1,000,000 projects and 3,000,000 capital arrivals; compute one period with all breakdowns,
every span from the records. Targets: at most 2x the floor, one hand-written SQL query that
returns the city's totals for all four spans (month, year to date, same span last year,
cumulative) from the records, measured in the same run; at most 15 s; worker peak memory
<= 300 MB."""

import datetime as dt
import random
import time

from django.db import connection

PROJECTS = 1_000_000
ARRIVALS = 3_000_000
FIRST_YEAR = 2000


def fill(projects=PROJECTS, arrivals=ARRIVALS):
    from investors.models import Investor
    from reference.demo import seed_regions
    from reference.models import IndustrySection

    from .db import copy_rows

    regions = [r.pk for r in list(seed_regions().values())[1:]]
    sections = list(IndustrySection.objects.values_list("pk", flat=True))
    countries = ["HK", "TW", "MO", "SG", "US", "DE", "JP", "KR", "GB", "FR", "NL", "AU"]
    investors = [
        Investor.objects.create(
            name=f"I{i}",
            name_zh_hans=f"客商{i}",
            name_en=f"I{i}",
            country=countries[i % len(countries)],
            owner_region_id=regions[i % len(regions)],
        ).pk
        for i in range(500)
    ]
    rng = random.Random(11)
    now = dt.datetime.now(dt.UTC)
    span_days = (dt.date(2026, 11, 25) - dt.date(FIRST_YEAR, 1, 1)).days
    sources = ["foreign", "hmt", "foreign", "domestic"]
    types = ["wfoe", "equity_jv", "contractual_jv", "fie_joint_stock"]

    # Rows arrive in the order they were recorded, as in a live system: dates move forward
    # with the insertion order (a few days' jitter), so a year's rows sit together on disk.
    def project_rows():
        for i in range(projects):
            source = sources[i % 4]
            day = max(0, i * span_days // projects - rng.randrange(5))
            intent = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=day)
            approval = intent + dt.timedelta(days=rng.randrange(30, 200))
            approved = i % 5 < 3 and approval <= dt.date(2026, 11, 25)
            yield (
                f"P{i}",
                f"项目{i}",
                f"P{i}",
                "",
                "",
                "",
                regions[i % len(regions)],
                investors[i % len(investors)],
                sections[i % len(sections)],
                "other",
                source,
                "domestic" if source == "domestic" else types[i % 4],
                rng.randrange(100, 50000),
                0 if source == "domestic" else rng.randrange(10, 5000),
                "",
                "approval" if approved else "intent",
                intent,
                approval if approved else None,
                approval if approved else None,
                "active",
                "",
                False,
                intent,
                now,
                now,
            )

    columns = [
        "name",
        "name_zh_hans",
        "name_en",
        "description",
        "description_zh_hans",
        "description_en",
        "region_id",
        "investor_id",
        "industry_id",
        "category",
        "capital_source",
        "enterprise_type",
        "total_investment_cny_10k",
        "contracted_fdi_usd_10k",
        "introducer_kind",
        "stage",
        "intent_date",
        "contract_date",
        "approval_date",
        "status",
        "status_reason",
        "is_published",
        "last_activity_on",
        "created_at",
        "updated_at",
    ]
    t = time.perf_counter()
    copy_rows(connection, "projects_project", columns, project_rows())
    with connection.cursor() as c:
        c.execute("SELECT min(id) FROM projects_project")
        (lo,) = c.fetchone()
    from accounts.models import User

    user = User.objects.create_user("bench-stats", password="Bench-pass-2026", role="bureau")
    recent = projects * 3 // 27  # about three years of projects

    def arrival_rows():
        for i in range(arrivals):
            date = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(
                days=max(0, i * span_days // arrivals - rng.randrange(5))
            )
            # Capital arrives for projects of the last few years, never for domestic ones;
            # each arrival carries its project's classification, as the services keep it.
            newest = i * projects // arrivals
            k = rng.randrange(max(0, newest - recent), newest + 1)
            if sources[k % 4] == "domestic":
                k = max(0, k - 1)
            amount = rng.randrange(1, 2000)
            classification = (
                regions[k % len(regions)],
                sections[k % len(sections)],
                sources[k % 4],
                countries[(k % len(investors)) % len(countries)],
                types[k % 4],
            )
            if i % 3 == 0:
                money = (amount * 8, "HKD", "0.125000", "PBOC")
            else:
                money = (amount, "USD", "1", "")
            yield (lo + k, date, *money, amount, user.pk, now, *classification)

    columns = [
        "project_id",
        "date",
        "amount",
        "currency",
        "usd_rate",
        "rate_source",
        "amount_usd_10k",
        "recorded_by_id",
        "recorded_at",
        "region_id",
        "industry_id",
        "capital_source",
        "country",
        "enterprise_type",
    ]
    copy_rows(connection, "projects_capitalarrival", columns, arrival_rows())
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE") if connection.get_autocommit() else c.execute("ANALYZE")
    took = time.perf_counter() - t
    print(f"filled {projects:,} projects and {arrivals:,} arrivals in {took:.0f} s")


SPAN_COLUMNS = """
  count(*) FILTER (WHERE {d} BETWEEN %(ms)s AND %(end)s),
  count(*) FILTER (WHERE {d} BETWEEN %(ys)s AND %(end)s),
  count(*) FILTER (WHERE {d} BETWEEN %(ls)s AND %(le)s),
  count(*)"""
FLOOR_SQL = f"""
SELECT * FROM
 (SELECT {SPAN_COLUMNS.format(d="approval_date")},
    sum(total_investment_cny_10k) FILTER (WHERE approval_date BETWEEN %(ms)s AND %(end)s),
    sum(total_investment_cny_10k) FILTER (WHERE approval_date BETWEEN %(ys)s AND %(end)s),
    sum(total_investment_cny_10k) FILTER (WHERE approval_date BETWEEN %(ls)s AND %(le)s),
    sum(total_investment_cny_10k),
    sum(contracted_fdi_usd_10k) FILTER (WHERE approval_date BETWEEN %(ms)s AND %(end)s),
    sum(contracted_fdi_usd_10k) FILTER (WHERE approval_date BETWEEN %(ys)s AND %(end)s),
    sum(contracted_fdi_usd_10k) FILTER (WHERE approval_date BETWEEN %(ls)s AND %(le)s),
    sum(contracted_fdi_usd_10k)
    FROM projects_project
   WHERE capital_source IN ('foreign', 'hmt') AND approval_date <= %(end)s) p,
 (SELECT sum(amount_usd_10k) FILTER (WHERE date BETWEEN %(ms)s AND %(end)s),
    sum(amount_usd_10k) FILTER (WHERE date BETWEEN %(ys)s AND %(end)s),
    sum(amount_usd_10k) FILTER (WHERE date BETWEEN %(ls)s AND %(le)s),
    sum(amount_usd_10k)
    FROM projects_capitalarrival
   WHERE capital_source IN ('foreign', 'hmt') AND date <= %(end)s) a
"""


def floor_seconds(year, month, repeat=3):
    """The floor: one hand-written query for the city's totals of all four spans, from the
    records."""
    from stats.calculations import period_windows

    w = period_windows(year, month)
    params = {
        "ms": w["month"][0],
        "ys": w["ytd"][0],
        "end": w["ytd"][1],
        "ls": w["ytd_last_year"][0],
        "le": w["ytd_last_year"][1],
    }
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        with connection.cursor() as c:
            c.execute(FLOOR_SQL, params)
            row = c.fetchone()
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    return best, row


def _wait(run, timeout=600):
    from stats.models import RunStatus

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
            if run.status == RunStatus.FAILED:
                raise RuntimeError(f"run {run.pk} failed: {run.message}")
            return (run.finished_at - run.started_at).total_seconds()
        time.sleep(0.05)
    raise TimeoutError(f"run {run.pk} did not finish")


def _start_worker():
    import os
    import subprocess
    import sys
    from pathlib import Path

    celery = Path(sys.executable).with_name("celery")
    return subprocess.Popen(  # noqa: S603 - our own celery executable and arguments
        [
            str(celery),
            "-A",
            "config",
            "worker",
            "-Q",
            "celery,mail,reports",  # statistics runs go to `reports` (CELERY_TASK_ROUTES)
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "-l",
            "warning",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        env=os.environ.copy(),
    )


def run(year=2026, month=11, repeat=7, fill_data=True):
    """Fill, measure the floor, then compute through a real Celery worker (once, so its memory
    counts), then `repeat` times in-process, commit included."""
    import resource
    import signal
    import statistics

    import redis
    from django.conf import settings

    from accounts.models import Role, User
    from stats.models import StatsSnapshot
    from stats.selectors import city_figure
    from stats.services import stats_run_create, stats_run_execute, stats_run_request

    if fill_data:
        fill()
    StatsSnapshot.objects.all().delete()
    floor, row = floor_seconds(year, month)
    user, _created = User.objects.get_or_create(
        username="bench-bureau", defaults={"role": Role.BUREAU}
    )
    worker = _start_worker()
    try:
        first = _wait(stats_run_request(user=user, year=year, month=month))
        times = []
        for _ in range(repeat):
            r = stats_run_create(user=user, year=year, month=month)
            start = time.perf_counter()
            r = stats_run_execute(run_id=r.pk)
            times.append(time.perf_counter() - start)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
        redis.Redis.from_url(settings.REDIS_URL).flushdb()
    city = city_figure(r.snapshot)
    agree = (city.new_fie_count_ytd, city.new_fie_count_cumulative) == (row[1], row[3])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    took = statistics.median(times)
    print(f"floor (one hand-written query, city totals of the four spans): {floor * 1000:.1f} ms")
    print(f"first compute through the worker: {first:.2f} s")
    return [
        (
            f"compute {year}-{month:02d}, all breakdowns, all spans from the records "
            f"(median of {repeat})",
            f"{took * 1000:.1f} ms",
            f"<= 2 x floor ({2 * floor * 1000:.1f} ms)",
            took <= 2 * floor,
        ),
        ("compute, all breakdowns, absolute", f"{took:.2f} s", "<= 15 s", took <= 15),
        ("engine's city figures equal the floor query's", str(agree), "True", agree),
        ("worker peak memory (RSS)", f"{peak_mb:.0f} MB", "<= 300 MB", peak_mb <= 300),
    ]
