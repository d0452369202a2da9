"""200,000 projects; median time of the staff list page and the API list (page of 50, with a
filter and a sort). Target: at most 150 ms each."""

import datetime as dt
import random
import statistics
import time

from django.db import connection
from django.test import Client

TARGET_MS = 150
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
    investors = [
        Investor.objects.create(
            name=f"Investor {i}",
            name_zh_hans=f"客商{i}",
            name_en=f"Investor {i}",
            country="DE",
            owner_region=regions[i % len(regions)],
        )
        for i in range(200)
    ]
    user = User.objects.create_user("bench", password="Bench-pass-2026", role=Role.BUREAU)
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    start = dt.date(2020, 1, 1)

    def rows():
        for i in range(n):
            stage_i = rng.randrange(5)
            intent = start + dt.timedelta(days=rng.randrange(2000))
            dates = [intent]
            for _ in range(4):
                dates.append(dates[-1] + dt.timedelta(days=rng.randrange(10, 90)))
            dates = [d if k <= stage_i else None for k, d in enumerate(dates)]
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
    with connection.cursor() as c:
        c.execute("ANALYZE projects_project")
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


def run(*, projects: int, repeat: int):
    user = _fill(projects)
    client = Client()
    client.force_login(user)
    query = "stage=contract&sort=-investment"
    page_ms = _median_ms(client, f"/en/staff/projects/?{query}", repeat)
    api_ms = _median_ms(client, f"/api/v1/projects/?{query}&page_size=50", repeat)
    label = f"{projects:,} projects"
    return [
        (
            f"staff list page, {label}, filter+sort (median)",
            f"{page_ms:.1f} ms",
            f"<= {TARGET_MS} ms",
            page_ms <= TARGET_MS,
        ),
        (
            f"API list, {label}, page of 50, filter+sort (median)",
            f"{api_ms:.1f} ms",
            f"<= {TARGET_MS} ms",
            api_ms <= TARGET_MS,
        ),
    ]
