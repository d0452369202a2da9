"""200,000 projects and 20,000 investors; median time of the staff list page and the API list
(page of 50, with a filter and a sort), the name search in both languages (projects and
investors), the dashboard and the board, each at most 150 ms; and the time of a background
export of the whole list (``--reuse`` measures again on a kept database)."""

import datetime as dt
import random
import statistics
import time

from django.db import connection
from django.test import Client

TARGET_MS = 150
INVESTORS = 20_000
STAGES = ["intent", "contract", "approval", "groundbreaking", "operation"]
DATE_FIELDS = [
    "intent_date",
    "contract_date",
    "approval_date",
    "groundbreaking_date",
    "operation_date",
]


def _fill(n: int):
    from accounts.models import Role, User
    from investors.models import Investor
    from reference.demo import seed_regions
    from reference.models import IndustrySection

    from .db import copy_rows

    regions = list(seed_regions().values())[1:]
    sections = list(IndustrySection.objects.values_list("pk", flat=True))
    investors = Investor.objects.bulk_create(
        [
            Investor(
                name=f"Investor {i}",
                name_zh_hans=f"客商{i}",
                name_en=f"Investor {i}",
                country="DE",
                owner_region=regions[i % len(regions)],
            )
            for i in range(INVESTORS)
        ],
        batch_size=2000,
    )
    user = User.objects.create_user("bench", password="Bench-pass-2026", role=Role.BUREAU)
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    today = dt.date.today()
    # Intent dates over the six years up to today, so this year's dashboard has its share.
    start = dt.date.today() - dt.timedelta(days=6 * 365)

    def rows():
        for i in range(n):
            stage_i = rng.randrange(5)
            intent = start + dt.timedelta(days=rng.randrange(6 * 365 - 100))
            dates = [intent]
            for _ in range(4):
                dates.append(dates[-1] + dt.timedelta(days=rng.randrange(10, 90)))
            dates = [d if k <= stage_i and d <= today else None for k, d in enumerate(dates)]
            stage_i = max(k for k, d in enumerate(dates) if d is not None)
            zh = f"项目{i}"
            yield (
                zh,
                zh,
                f"Project {i}",
                "",
                "",
                "",
                regions[i % len(regions)].pk,
                investors[i % len(investors)].pk,
                rng.choice(sections),
                "other",
                "foreign",
                "wfoe",
                rng.randrange(100, 100000),
                rng.randrange(10, 5000),
                "",
                STAGES[stage_i],
                *dates,
                "active",
                "",
                False,
                dates[stage_i],
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
        *DATE_FIELDS,
        "status",
        "status_reason",
        "is_published",
        "last_activity_on",
        "created_at",
        "updated_at",
    ]
    t = time.perf_counter()
    copy_rows(connection, "projects_project", columns, rows())
    # A live database is vacuumed by autovacuum; a freshly COPYed one is not until it runs, and
    # without the visibility map every index-only count (dashboard, board) reads the heap.
    with connection.cursor() as c:
        for table in ("projects_project", "investors_investor"):
            if connection.get_autocommit():
                c.execute(f"VACUUM ANALYZE {table}")
            else:
                c.execute(f"ANALYZE {table}")
    print(f"filled {n:,} projects in {time.perf_counter() - t:.1f} s")
    return user


def _median_ms(client, url, repeat) -> float:
    client.get(url)  # warm caches and connections
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        resp = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert resp.status_code == 200, (url, resp.status_code)
    return statistics.median(times)


def _plan(sql_source) -> str:
    """The plan PostgreSQL picks for a queryset, to check that the search uses its index."""
    sql, params = sql_source.query.sql_with_params()
    with connection.cursor() as c:
        c.execute("EXPLAIN " + sql, params)
        return "\n".join(r[0] for r in c.fetchall())


def _row(name, ms, target=TARGET_MS):
    return (name, f"{ms:.1f} ms", f"<= {target} ms", ms <= target)


def _search_plans():
    from investors.filters import InvestorFilter
    from investors.models import Investor
    from projects.filters import ProjectFilter
    from projects.models import Project

    projects = ProjectFilter({"q": "项目1999"}, queryset=Project.objects.all()).qs
    investors = InvestorFilter({"q": "客商199"}, queryset=Investor.objects.all()).qs
    plans = {"project": _plan(projects), "investor": _plan(investors)}
    for name, plan in plans.items():
        print(f"--- {name} search plan ---\n{plan}")
    # The investors (20,000 rows) are small enough for the planner to read whole; the
    # projects must come from the trigram indexes.
    return "_trgm" in plans["project"] and "Seq Scan on projects_project" not in plans["project"]


def _count_plans(client, urls) -> bool:
    """Every count over the projects that the dashboard and the board make reads an index
    alone (an index-only scan), never the table: the plans of the queries the pages send."""
    from django.test.utils import CaptureQueriesContext

    ok = True
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        for q in ctx.captured_queries:
            sql = q["sql"]
            if "COUNT(" not in sql or 'FROM "projects_project"' not in sql:
                continue
            with connection.cursor() as c:
                c.execute("EXPLAIN " + sql)
                plan = "\n".join(r[0] for r in c.fetchall())
            reads_table = "Seq Scan on projects_project" in plan or (
                "Heap Scan on projects_project" in plan
            )
            if reads_table or "Index Only Scan" not in plan:
                print(f"--- {url}: a count reads the table ---\n{sql}\n{plan}")
                ok = False
    return ok


def run(*, projects: int, repeat: int, fill_data: bool = True):
    from accounts.models import User

    user = _fill(projects) if fill_data else User.objects.get(username="bench")
    client = Client()
    client.force_login(user)
    query = "stage=contract&sort=-investment"
    label = f"{projects:,} projects"
    page_ms = _median_ms(client, f"/en/staff/projects/?{query}", repeat)
    api_ms = _median_ms(client, f"/api/v1/projects/?{query}&page_size=50", repeat)
    results = [
        _row(f"staff list page, {label}, filter+sort (median)", page_ms),
        _row(f"API list, {label}, page of 50, filter+sort (median)", api_ms),
    ]
    searches = [
        ("name search zh, 4 chars", "/zh-hans/staff/projects/?q=%E9%A1%B9%E7%9B%AE1999"),
        ("name search en", "/en/staff/projects/?q=project+1999"),
        ("name search zh, 2 chars (unindexed)", "/zh-hans/staff/projects/?q=%E7%9B%AE9"),
        ("investor search zh", "/zh-hans/staff/investors/?q=%E5%AE%A2%E5%95%86199"),
        ("investor search en", "/en/staff/investors/?q=investor+199"),
    ]
    for name, url in searches:
        results.append(_row(f"{name}, {label} (median)", _median_ms(client, url, repeat)))
    indexed = _search_plans()
    results.append(("project search plan uses the trigram indexes", str(indexed), "True", indexed))
    for name, url in [("dashboard", "/en/staff/"), ("board", "/en/staff/projects/board/")]:
        results.append(_row(f"{name}, {label} (median)", _median_ms(client, url, repeat)))
    counts_indexed = _count_plans(client, ["/en/staff/", "/en/staff/projects/board/"])
    results.append(
        (
            "dashboard and board counts are index-only scans",
            str(counts_indexed),
            "True",
            counts_indexed,
        )
    )
    results += _export(client, label)
    return results


def _export(client, label):
    """The whole list exported in the background: the request answers at once; the job (run
    here in-process, as a worker would) writes every row with its progress."""
    from config.celery import app
    from staff.models import ExportJob, ExportStatus
    from staff.services import export_job_run

    t = time.perf_counter()
    resp = client.post("/en/staff/exports/new/", {"kind": "projects", "query": ""})
    request_ms = (time.perf_counter() - t) * 1000
    assert resp.status_code == 302, resp.status_code
    job = ExportJob.objects.latest("pk")
    app.control.purge()  # the queued task: run below, not by a worker
    t, cpu = time.perf_counter(), time.process_time()
    export_job_run(job.pk)
    job_s, cpu_s = time.perf_counter() - t, time.process_time() - cpu
    job.refresh_from_db()
    ok = job.status == ExportStatus.DONE and job.rows_done == job.rows_total
    size_mb = job.file.size / 1e6
    job.file.delete(save=False)
    print(f"export: {job.rows_total:,} rows, {size_mb:.1f} MB in {job_s:.1f} s ({cpu_s:.1f} s CPU)")
    return [
        _row(f"export request (whole list, {label}), answer", request_ms),
        (
            f"background export job, all {job.rows_total:,} rows to xlsx",
            f"{job_s:.0f} s ({cpu_s:.0f} s CPU)",
            "finishes; request never waits",
            ok,
        ),
    ]
