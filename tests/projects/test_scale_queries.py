"""The dashboard and the board at scale: a fixed number of queries whatever the number of
projects (one grouped count for the board's columns), and the same figures as counting by
hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Project
from projects.selectors import achievement_filters, target_progress
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", [reverse("staff:dashboard"), reverse("projects:board")])
def test_fixed_number_of_queries(client, bureau_user, region_a, region_b, url):
    client.force_login(bureau_user)
    ProjectFactory.create_batch(3, region=region_a)
    _queries(client, url)  # warm per-process caches
    few = _queries(client, url)
    ProjectFactory.create_batch(20, region=region_b)  # more rows, the same columns
    assert _queries(client, url) == few


def test_board_counts_each_column(client, bureau_user, region_a):
    ProjectFactory.create_batch(3, region=region_a)
    ProjectFactory.create_batch(
        2, region=region_a, stage="contract", contract_date=dt.date(2026, 2, 1)
    )
    ProjectFactory(region=region_a, status="dropped", status_reason="x")
    client.force_login(bureau_user)
    columns = client.get(reverse("projects:board")).context["columns"]
    counts = {c["stage"].code: c["count"] for c in columns}
    assert counts == {
        "intent": 3,
        "contract": 2,
        "approval": 0,
        "groundbreaking": 0,
        "operation": 0,
    }
    assert [len(c["projects"]) for c in columns] == [3, 2, 0, 0, 0]


def test_target_total_counts_each_project_once(bureau_user, region_a, region_b):
    ProjectFactory.create_batch(2, region=region_a, intent_date=dt.date(2026, 3, 1))
    ProjectFactory(region=region_b, intent_date=dt.date(2026, 4, 1))
    ProjectFactory(region=region_b, intent_date=dt.date(2025, 4, 1))  # another year
    rows = target_progress(bureau_user, 2026)
    by_region = {r.region.pk: r.negotiated for r in rows if r.region is not None}
    assert by_region[region_a.pk] == 2
    assert by_region[region_b.pk] == 1
    assert rows[-1].region is None
    assert rows[-1].negotiated == sum(r.negotiated for r in rows if r.region is not None) == 3


def test_board_reads_only_the_counts_and_the_cards(client, bureau_user, region_a):
    """One grouped count and one query per column with projects (an empty column reads
    nothing); no tags (the cards do not show them)."""
    ProjectFactory.create_batch(3, region=region_a)
    client.force_login(bureau_user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("projects:board")).status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert not [s for s in sqls if "projects_tag" in s]
    assert len([s for s in sqls if 'FROM "projects_project"' in s]) == 1 + 1


def test_targets_equal_plain_counts_in_one_projects_query(bureau_user, region_a, region_b):
    """Each measure per region equals counting its projects one by one: negotiated (intent in
    the year), FIEs approved and started in the year (domestic projects and other years left
    out), and contracted foreign capital summed over the FIEs contracted in the year; the
    projects are read in one query (the four measures' UNION ALL)."""
    year = 2026
    ProjectFactory(region=region_a, intent_date=dt.date(2026, 2, 1))
    ProjectFactory(
        region=region_a,
        intent_date=dt.date(2025, 5, 1),
        stage="approval",
        contract_date=dt.date(2025, 9, 1),
        approval_date=dt.date(2026, 1, 10),
    )
    ProjectFactory(  # contracted this year: its 250 count, its intent last year does not
        region=region_a,
        intent_date=dt.date(2025, 11, 1),
        stage="contract",
        contract_date=dt.date(2026, 3, 1),
        contracted_fdi_usd_10k=250,
    )
    ProjectFactory(
        region=region_b,
        intent_date=dt.date(2025, 3, 1),
        stage="groundbreaking",
        contract_date=dt.date(2025, 4, 1),
        approval_date=dt.date(2025, 6, 1),
        groundbreaking_date=dt.date(2026, 3, 1),
    )
    ProjectFactory(
        region=region_b,
        intent_date=dt.date(2026, 1, 9),
        stage="approval",
        contract_date=dt.date(2026, 2, 1),
        approval_date=dt.date(2026, 4, 1),
        capital_source="domestic",
        contracted_fdi_usd_10k=0,
    )
    ProjectFactory(region=region_b, intent_date=dt.date(2024, 1, 9))
    with CaptureQueriesContext(connection) as ctx:
        rows = target_progress(bureau_user, year)
    project_reads = [q for q in ctx.captured_queries if 'FROM "projects_project"' in q["sql"]]
    assert len(project_reads) == 1
    assert len(ctx.captured_queries) == 4  # regions, projects, arrivals, targets
    filters = achievement_filters(year)
    for row in rows:
        if row.region is None:
            continue
        for measure in ("negotiated", "approved", "started"):
            plain = Project.objects.filter(filters[measure], region=row.region).count()
            assert getattr(row, measure) == plain, (row.region, measure)
        contracted = Project.objects.filter(filters["contracted"], region=row.region)
        plain = sum((p.contracted_fdi_usd_10k for p in contracted), Decimal(0))
        assert row.contracted_fdi_usd_10k == plain, row.region
    got = {r.region.pk: (r.negotiated, r.approved, r.started) for r in rows if r.region is not None}
    assert got[region_a.pk] == (1, 1, 0)
    assert got[region_b.pk] == (1, 0, 1)
    contracted = {r.region.pk: r.contracted_fdi_usd_10k for r in rows if r.region is not None}
    # Region B's contract this year is domestic: not foreign capital.
    assert (contracted[region_a.pk], contracted[region_b.pk]) == (Decimal(250), Decimal(0))
    assert (rows[-1].negotiated, rows[-1].approved, rows[-1].started) == (2, 1, 1)
