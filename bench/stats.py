"""1,000,000 projects and 3,000,000 capital arrivals; compute one period with all breakdowns.
Targets: at most 2x one hand-written SQL query for the city's year-to-date totals over the same
data (measured in the same run, as the floor), at most 15 s, worker peak memory <= 300 MB."""

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

    def project_rows():
        for i in range(projects):
            source = sources[i % 4]
            intent = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(span_days))
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
        c.execute(
            "SELECT min(id), max(id) FROM projects_project WHERE capital_source <> 'domestic'"
        )
        lo, hi = c.fetchone()
    from accounts.models import User

    user = User.objects.create_user("bench-stats", password="Bench-pass-2026", role="bureau")

    def arrival_rows():
        for i in range(arrivals):
            pid = rng.randrange(lo, hi + 1)
            date = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(span_days))
            amount = rng.randrange(1, 2000)
            if i % 3 == 0:
                yield (pid, date, amount * 8, "HKD", "0.125000", "PBOC", amount, user.pk, now)
            else:
                yield (pid, date, amount, "USD", "1", "", amount, user.pk, now)

    copy_rows(
        connection,
        "projects_capitalarrival",
        [
            "project_id",
            "date",
            "amount",
            "currency",
            "usd_rate",
            "rate_source",
            "amount_usd_10k",
            "recorded_by_id",
            "recorded_at",
        ],
        arrival_rows(),
    )
    with connection.cursor() as c:
        c.execute("ANALYZE projects_project; ANALYZE projects_capitalarrival")
    print(
        f"filled {projects:,} projects and {arrivals:,} arrivals in {time.perf_counter() - t:.0f} s"
    )


FLOOR_SQL = """
SELECT p.n, p.total, p.contracted, a.utilized FROM
 (SELECT count(*) AS n, sum(total_investment_cny_10k) AS total,
         sum(contracted_fdi_usd_10k) AS contracted
    FROM projects_project
   WHERE capital_source IN ('foreign', 'hmt') AND approval_date BETWEEN %s AND %s) p,
 (SELECT sum(amount_usd_10k) AS utilized FROM projects_capitalarrival
   WHERE date BETWEEN %s AND %s) a
"""


def floor_seconds(year, month, repeat=3):
    """The floor: one hand-written query for the city's year-to-date totals."""
    import calendar

    start, end = dt.date(year, 1, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        with connection.cursor() as c:
            c.execute(FLOOR_SQL, [start, end, start, end])
            row = c.fetchone()
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    return best, row
