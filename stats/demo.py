"""Demo statistics: the seed's province and national reference figures, and published
snapshots so that the bulletin for 2026-11 reads like the seed's section 1."""

import csv
import datetime as dt
import io
import logging
from decimal import Decimal

from django.utils import timezone

from reference.models import Region, RegionKind

from . import services
from .models import (
    MonthlyReport,
    ReferenceFigure,
    SnapshotStatus,
    StatsSnapshot,
    report_due,
    reports_required,
)
from .services import (
    open_period,
    stats_run_create,
    stats_run_execute,
    stats_snapshot_publish,
)

REFERENCE = [
    # The seed: 全省今年1-10月 … ; 今年1-10月份，全国 … ; 截止到2024年10月底 …
    {
        "scope": "province",
        "year": 2026,
        "month": 10,
        "new_fie_count": 486,
        "new_fie_count_yoy_pct": Decimal("18.25"),
        "contracted_fdi_usd_10k": Decimal("183282"),
        "contracted_fdi_yoy_pct": Decimal("76.14"),
        "utilized_fdi_usd_10k": Decimal("104534"),
        "utilized_fdi_yoy_pct": Decimal("29.35"),
        "source": "省商务厅",
    },
    {
        "scope": "nation",
        "year": 2026,
        "month": 10,
        "new_fie_count": 35202,
        "new_fie_count_yoy_pct": Decimal("7.66"),
        "contracted_fdi_usd_10k": Decimal("11899900"),
        "contracted_fdi_yoy_pct": Decimal("34.19"),
        "utilized_fdi_usd_10k": Decimal("5378100"),
        "utilized_fdi_yoy_pct": Decimal("23.47"),
        "cumulative_as_of": dt.date(2024, 10, 31),
        "cumulative_fie_count": 500479,
        "cumulative_contracted_fdi_usd_10k": Decimal("106212900"),
        "cumulative_utilized_fdi_usd_10k": Decimal("55525100"),
        "source": "商务部",
    },
]
# Published (every figure from the records; the order only matters for what each snapshot
# names as compared with); 2026-11 stays a draft until the bureau publishes it.
PUBLISHED = [(2025, 11), (2025, 12), (2026, 10)]
DRAFT = (2026, 11)

log = logging.getLogger(__name__)


def seed_stats(*, users, **_kwargs) -> list[str]:
    """Reference figures and snapshots. A seeded period that has not begun yet on today's
    date is skipped, and one that has not ended is left a draft (a month is published once it
    is over); the notes say which."""
    notes = []
    for ref in REFERENCE:
        key = {k: ref[k] for k in ("scope", "year", "month")}
        ReferenceFigure.objects.update_or_create(**key, defaults=ref)
    _seed_reports(users, timezone.localdate())
    if StatsSnapshot.objects.exists():
        return notes
    bureau = users["bureau"]
    current = open_period()
    for year, month in [*PUBLISHED, DRAFT]:
        if (year, month) > current:
            notes.append(f"statistics {year}-{month:02d} skipped: the month has not begun yet")
            continue
        snapshot = _compute(year, month, bureau)
        if (year, month) == DRAFT:
            continue
        if (year, month) == current:
            notes.append(f"statistics {year}-{month:02d} left a draft: the month is not over")
            continue
        stats_snapshot_publish(user=bureau, snapshot=snapshot)
    _seed_reconciliation(bureau, *DRAFT)
    for note in notes:
        log.warning(note)
    return notes


def _seed_reconciliation(user, year, month) -> None:
    """The foreign-exchange bureau's list for the draft month, as the bureau would import it:
    the month's arrivals, the first as listed, the second 5% higher, and one enterprise the
    portal has not recorded; the portal's other arrivals of the month are not on the list."""
    from projects.models import CapitalArrival

    from .services import reconciliation_import

    start, end = dt.date(year, month, 1), dt.date(year, month, 28)
    arrivals = list(
        CapitalArrival.objects.filter(date__range=(start, end), currency="USD")
        .select_related("project")
        .order_by("date", "pk")[:2]
    )
    if not arrivals:
        return
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["企业名称", "统一社会信用代码", "金额（万美元）", "币种", "日期"])
    for n, a in enumerate(arrivals):
        amount = a.amount if n == 0 else (a.amount * Decimal("1.05")).quantize(Decimal("0.01"))
        code = a.project.unified_credit_code
        writer.writerow([a.project.name_zh_hans, code, amount, "USD", a.date.isoformat()])
    writer.writerow(["名单外商投资企业有限公司", "", 120, "USD", end.isoformat()])
    reconciliation_import(
        user=user,
        year=year,
        month=month,
        source="safe",
        file_name=f"safe-{year}-{month:02d}.csv",
        content=out.getvalue().encode(),
    )


def _compute(year, month, user):
    run = stats_run_create(user=user, year=year, month=month)
    run = stats_run_execute(run_id=run.pk)
    return StatsSnapshot.objects.get(pk=run.snapshot_id, status=SnapshotStatus.DRAFT)


def _seed_reports(users, today) -> None:
    """Monthly reports from December last year to the last month that has ended: most
    received on time, two late, one zone's March report missing; the demo district's last
    month is left for the district user to file."""
    if MonthlyReport.objects.exists():
        return
    bureau, district = users["bureau"], users.get("district")
    regions = list(Region.objects.exclude(kind=RegionKind.CITY).order_by("sort_order", "pk"))
    months = [(today.year - 1, 12)] + [(today.year, m) for m in range(1, today.month)]
    months = [(y, m) for y, m in months if reports_required(y, m)]
    if not months:
        return
    last = months[-1]
    for i, region in enumerate(regions):
        for j, (year, month) in enumerate(months):
            if district and region == district.region and (year, month) == last:
                continue  # the district user files it
            if i == len(regions) - 1 and (year, month) == (today.year, 3):
                continue  # missing
            due = report_due(year, month)
            late = (i, j) in ((1, 2), (2, 5))
            filed_on = due + dt.timedelta(days=4) if late else due - dt.timedelta(days=2 + i % 3)
            if filed_on > today:
                continue  # not arrived yet
            services.monthly_report_file(
                user=bureau,
                region=region,
                year=year,
                month=month,
                summary=f"{region.name_zh_hans}{month}月：走访在谈企业，举办项目推介活动，推进重点项目落地。",
                problems="部分项目用地指标紧张，需市级协调。" if j % 3 == 0 else "",
                filed_on=filed_on,
                receipt_note=f"{region.name_zh_hans}报送{year}年{month}月公文",
            )
