"""Reconciling a month's arrivals with an official list: a matched, a missing, an extra and
a differing arrival; resolutions through the arrivals' services; review; and publishing
refused until a reconciliation of the period is reviewed."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import translation
from openpyxl import Workbook

from config.errors import DomainError
from projects.models import CapitalArrival
from stats import services
from stats.models import LineKind, ReconciliationStatus

D = Decimal
pytestmark = pytest.mark.django_db

CODE_A = "91350100M000100Y43"
CODE_B = "91110000600037341L"


@pytest.fixture(autouse=True)
def _december():
    with (
        time_machine.travel(dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC), tick=True),
        translation.override("en"),
    ):
        yield


def xlsx(rows, header=("企业名称", "统一社会信用代码", "金额（万美元）", "币种", "日期")):
    book = Workbook()
    book.active.append(list(header))
    for r in rows:
        book.active.append(list(r))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def world(approve, arrive, region_a, region_b):
    a = approve(dt.date(2026, 3, 1), region=region_a, fdi="100")
    a.unified_credit_code = CODE_A
    a.save()
    b = approve(dt.date(2026, 4, 1), region=region_b, fdi="50")
    b.unified_credit_code = CODE_B
    b.save()
    c = approve(dt.date(2026, 5, 1), region=region_a, fdi="10")
    return {
        "a": a,
        "b": b,
        "c": c,
        # Matched by its code, a day apart and within the amount tolerance (0.5%).
        "matched": arrive(a, dt.date(2026, 11, 10), "100"),
        # The list says 80, the portal 75: a differing amount.
        "differs": arrive(b, dt.date(2026, 11, 12), "75"),
        # Only in the portal.
        "extra": arrive(c, dt.date(2026, 11, 20), "9"),
        # Another month: never in November's reconciliation.
        "october": arrive(c, dt.date(2026, 10, 20), "4"),
    }


def imported(user, world, rows=None):
    c = world["c"]
    rows = rows or [
        ("甲公司", CODE_A, "100.40", "USD", dt.date(2026, 11, 11)),
        ("乙公司", CODE_B, "80", "USD", dt.date(2026, 11, 12)),
        ("丙公司", "", "33", "USD", "2026-11-25"),  # only in the list
        (c.name_zh_hans, "", "9", "USD", "2026/11/30"),  # no code: outside the date tolerance
    ]
    return services.reconciliation_import(
        user=user, year=2026, month=11, source="safe", file_name="safe.xlsx", content=xlsx(rows)
    )


def test_matched_missing_extra_and_differing(bureau_user, world):
    rec = imported(bureau_user, world)
    lines = {(line.kind, line.row_number): line for line in rec.lines.all()}
    kinds = sorted(lines)
    assert kinds == [
        (LineKind.AMOUNT_DIFFERS, 3),
        (LineKind.MATCHED, 2),
        (LineKind.ONLY_LIST, 4),
        (LineKind.ONLY_LIST, 5),
        (LineKind.ONLY_PORTAL, None),
    ]
    assert lines[(LineKind.MATCHED, 2)].arrival == world["matched"]
    differs = lines[(LineKind.AMOUNT_DIFFERS, 3)]
    assert (differs.arrival, differs.amount, differs.portal_amount) == (
        world["differs"],
        D(80),
        D(75),
    )
    assert lines[(LineKind.ONLY_PORTAL, None)].arrival == world["extra"]


def test_name_amount_and_date_within_tolerance(bureau_user, world, settings):
    c = world["c"]
    rows = [(f" {c.name_zh_hans} ", "", "9.04", "USD", dt.date(2026, 11, 24))]
    rec = imported(bureau_user, world, rows)
    matched = rec.lines.get(kind=LineKind.MATCHED)
    assert matched.arrival == world["extra"]
    # 9.05 is more than 0.5% (0.045) from 9: no match by name.
    rec = imported(bureau_user, world, [(c.name_zh_hans, "", "9.05", "USD", "2026-11-24")])
    assert not rec.lines.filter(kind=LineKind.MATCHED).exists()


def test_resolve_review_and_publish(bureau_user, district_user, world, settings):
    from stats.models import StatsSnapshot

    settings.STATS_PUBLISH_REQUIRES_RECONCILIATION = True
    run = services.stats_run_request(user=bureau_user, year=2026, month=11)
    draft = services.stats_run_execute(run_id=run.pk).snapshot
    with pytest.raises(DomainError) as err:
        services.stats_snapshot_publish(user=bureau_user, snapshot=draft)
    assert "Reconcile" in str(err.value)

    rec = imported(bureau_user, world)
    with pytest.raises(DomainError):
        services.reconciliation_review(user=bureau_user, reconciliation=rec)
    with pytest.raises(PermissionDenied):
        services.reconciliation_review(user=district_user, reconciliation=rec)
    lines = {line.kind: line for line in rec.lines.order_by("row_number")}
    # A differing amount corrected to the list's: the arrival's history keeps the reason.
    with pytest.raises(DomainError) as err:
        services.reconciliation_line_resolve(
            user=bureau_user, line=lines[LineKind.AMOUNT_DIFFERS], resolution="corrected", note=""
        )
    assert err.value.field == "note"
    services.reconciliation_line_resolve(
        user=bureau_user,
        line=lines[LineKind.AMOUNT_DIFFERS],
        resolution="corrected",
        note="外汇局数据为准",
    )
    corrected = CapitalArrival.objects.get(pk=world["differs"].pk)
    assert (corrected.amount, corrected.amount_usd_10k) == (D(80), D(80))
    assert corrected.history.latest().history_change_reason == "外汇局数据为准"
    # Only in the portal: deleted with the reason.
    services.reconciliation_line_resolve(
        user=bureau_user, line=lines[LineKind.ONLY_PORTAL], resolution="corrected", note="重复录入"
    )
    assert not CapitalArrival.objects.filter(pk=world["extra"].pk).exists()
    # Only in the list: one recorded on its project, the other explained.
    only_list = list(rec.lines.filter(kind=LineKind.ONLY_LIST).order_by("row_number"))
    with pytest.raises(DomainError) as err:
        services.reconciliation_line_resolve(
            user=bureau_user, line=only_list[0], resolution="corrected", note="补录"
        )
    assert err.value.field == "project"
    line = services.reconciliation_line_resolve(
        user=bureau_user, line=only_list[0], resolution="corrected", note="补录", project=world["a"]
    )
    assert line.arrival.amount_usd_10k == D(33)
    services.reconciliation_line_resolve(
        user=bureau_user, line=only_list[1], resolution="explained", note="12月1日到账，计入下月"
    )
    rec = services.reconciliation_review(user=bureau_user, reconciliation=rec)
    assert rec.status == ReconciliationStatus.REVIEWED
    with pytest.raises(DomainError):
        services.reconciliation_line_resolve(
            user=bureau_user, line=only_list[1], resolution="explained", note="x"
        )
    # The records changed: the draft is stale until computed again, then it publishes.
    with pytest.raises(DomainError):
        services.stats_snapshot_publish(user=bureau_user, snapshot=draft)
    run = services.stats_run_request(user=bureau_user, year=2026, month=11)
    draft = services.stats_run_execute(run_id=run.pk).snapshot
    published = services.stats_snapshot_publish(user=bureau_user, snapshot=draft)
    assert StatsSnapshot.objects.get(pk=published.pk).status == "published"
    city = published.figures.get(scope_type="city")
    assert city.utilized_fdi_usd_10k_month == D(100 + 80 + 33)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("甲", "", "-1", "USD", "2026-11-01")], "Row 2: the amount"),
        ([("甲", "", "1", "USD", "2026-12-01")], "Row 2: the date"),
        ([("甲", "", "1", "USD", "not a date")], "Row 2: the date"),
    ],
)
def test_bad_rows_are_named(bureau_user, world, rows, message):
    with pytest.raises(DomainError) as err:
        imported(bureau_user, world, rows)
    assert err.value.field == "file"
    assert str(err.value).startswith(message)


def test_csv_with_english_headers(bureau_user, world):
    body = (
        f"Enterprise name,Credit code,Amount,Currency,Date\nA Co,{CODE_A},100,USD,2026-11-10\n"
    ).encode()
    rec = services.reconciliation_import(
        user=bureau_user, year=2026, month=11, source="commerce", file_name="list.csv", content=body
    )
    assert rec.lines.get(kind=LineKind.MATCHED).arrival == world["matched"]
    with pytest.raises(DomainError) as err:
        services.reconciliation_import(
            user=bureau_user,
            year=2026,
            month=11,
            source="commerce",
            file_name="x.txt",
            content=b"x",
        )
    assert err.value.field == "file"


def test_pages_import_resolve_and_review(client, bureau_user, world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from stats.models import Reconciliation

    client.force_login(bureau_user)
    body = xlsx([("甲公司", CODE_A, "100", "USD", dt.date(2026, 11, 10))])
    resp = client.post(
        reverse("stats:reconciliations"),
        {
            "period": "2026-11",
            "source": "commerce",
            "file": SimpleUploadedFile("list.xlsx", body),
        },
    )
    rec = Reconciliation.objects.get()
    assert resp.status_code == 302
    assert resp.url.endswith(reverse("stats:reconciliation", args=[rec.pk]))
    page = client.get(reverse("stats:reconciliation", args=[rec.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="review"') == 1
    # Two arrivals only in the portal (the differing one and the extra): explained.
    for line in rec.lines.filter(kind=LineKind.ONLY_PORTAL):
        client.post(
            reverse("stats:reconciliation_resolve", args=[rec.pk, line.pk]),
            {"resolution": "explained", "note": "外汇局尚未入账"},
        )
    client.post(reverse("stats:reconciliation_review", args=[rec.pk]))
    rec.refresh_from_db()
    assert rec.status == ReconciliationStatus.REVIEWED
    assert rec.reviewed_by == bureau_user
    # A file that is not a list: the form names it.
    resp = client.post(
        reverse("stats:reconciliations"),
        {"period": "2026-10", "source": "safe", "file": SimpleUploadedFile("x.txt", b"x")},
    )
    assert resp.status_code == 200
    assert "xlsx or CSV" in resp.content.decode()


def test_a_revision_needs_a_reviewed_reconciliation_too(bureau_user, world, settings):
    """A revision is published as it is computed: with the rule on, it is refused until a
    reconciliation of the month is reviewed, like a draft's publication."""
    from stats.models import Reconciliation, ReconciliationStatus

    run = services.stats_run_request(user=bureau_user, year=2026, month=11)
    draft = services.stats_run_execute(run_id=run.pk).snapshot
    services.stats_snapshot_publish(user=bureau_user, snapshot=draft)  # the rule was off
    settings.STATS_PUBLISH_REQUIRES_RECONCILIATION = True
    with pytest.raises(DomainError) as err:
        services.stats_run_request(user=bureau_user, year=2026, month=11, revision_reason="更正")
    assert "Reconcile" in str(err.value)
    rec = imported(bureau_user, world)
    Reconciliation.objects.filter(pk=rec.pk).update(status=ReconciliationStatus.REVIEWED)
    assert (
        services.stats_run_request(
            user=bureau_user, year=2026, month=11, revision_reason="更正"
        ).revision_reason
        == "更正"
    )
