import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from config.errors import DomainError
from stats import services
from stats.models import RunStatus, ScopeType, SnapshotStatus, StatsFigure, StatsSnapshot
from stats.selectors import city_figure, compare, snapshot_for_period

D = Decimal
pytestmark = pytest.mark.django_db


def run_now(user, year=2026, month=10, reason=""):
    """Request and execute synchronously (tests run tasks eagerly; this is explicit)."""
    run = services.stats_run_request(user=user, year=year, month=month, revision_reason=reason)
    return services.stats_run_execute(run_id=run.pk)


def rows(snapshot):
    return sorted(
        tuple(v for k, v in f.__dict__.items() if k not in ("_state", "id", "snapshot_id"))
        for f in snapshot.figures.all()
    )


def test_run_is_idempotent(bureau_user, approve, arrive, region_a):
    p = approve(dt.date(2026, 5, 1), region=region_a, total="100", fdi="10")
    arrive(p, dt.date(2026, 6, 1), "5")
    first = run_now(bureau_user)
    snapshot = first.snapshot
    before = rows(snapshot)
    second = run_now(bureau_user)
    assert second.snapshot == snapshot
    assert rows(StatsSnapshot.objects.get(pk=snapshot.pk)) == before
    assert StatsSnapshot.objects.count() == 1
    # Executing a finished run again does nothing.
    again = services.stats_run_execute(run_id=first.pk)
    assert again.finished_at == first.finished_at
    assert StatsFigure.objects.filter(snapshot=snapshot).count() == len(before)


def test_run_progress_and_status(bureau_user):
    run = run_now(bureau_user)
    assert (run.status, run.progress) == (RunStatus.SUCCEEDED, 100)
    assert run.started_at <= run.finished_at


def test_freeze_then_data_changes_do_not_alter_published(bureau_user, approve, region_a):
    approve(dt.date(2026, 5, 1), region=region_a, total="100", fdi="10")
    snapshot = run_now(bureau_user).snapshot
    services.stats_snapshot_publish(user=bureau_user, snapshot=snapshot)
    approve(dt.date(2026, 6, 1), region=region_a, total="900", fdi="90")
    with pytest.raises(DomainError) as err:
        services.stats_run_request(user=bureau_user, year=2026, month=10)
    assert err.value.field == "revision_reason"
    assert city_figure(snapshot_for_period(2026, 10)).total_investment_cny_10k_ytd == D(100)


def test_revision_keeps_both_versions(bureau_user, approve, region_a):
    approve(dt.date(2026, 5, 1), region=region_a, total="100", fdi="10")
    v1 = run_now(bureau_user).snapshot
    services.stats_snapshot_publish(user=bureau_user, snapshot=v1)
    approve(dt.date(2026, 6, 1), region=region_a, total="900", fdi="90")
    v2 = run_now(bureau_user, reason="补录6月审批项目").snapshot
    v1.refresh_from_db()
    assert (v1.status, v1.version) == (SnapshotStatus.SUPERSEDED, 1)
    assert (v2.status, v2.version, v2.revision_reason) == (
        SnapshotStatus.PUBLISHED,
        2,
        "补录6月审批项目",
    )
    assert city_figure(v1).total_investment_cny_10k_ytd == D(100)
    assert city_figure(v2).total_investment_cny_10k_ytd == D(1000)
    assert snapshot_for_period(2026, 10) == v2
    diff = {(r["scope_type"], r["metric"], r["span"]): r for r in compare(v1, v2)}
    row = diff[(ScopeType.CITY, "total_investment_cny_10k", "ytd")]
    assert (row["a"], row["b"], row["difference"]) == (D(100), D(1000), D(900))


def test_revision_needs_published_period(bureau_user):
    with pytest.raises(DomainError) as err:
        services.stats_run_request(user=bureau_user, year=2026, month=11, revision_reason="why")
    assert err.value.field == "revision_reason"


def test_only_bureau_requests_and_publishes(district_user, bureau_user):
    with pytest.raises(PermissionDenied):
        services.stats_run_request(user=district_user, year=2026, month=11)
    snapshot = run_now(bureau_user).snapshot
    with pytest.raises(PermissionDenied):
        services.stats_snapshot_publish(user=district_user, snapshot=snapshot)


def test_future_period_refused(bureau_user):
    today = timezone.localdate()
    with pytest.raises(DomainError) as err:
        services.stats_run_request(user=bureau_user, year=today.year + 1, month=1)
    assert err.value.field == "period"


def test_published_last_year_is_the_base(bureau_user, approve, region_a):
    approve(dt.date(2025, 5, 1), region=region_a, total="100", fdi="10")
    approve(dt.date(2026, 5, 1), region=region_a, total="150", fdi="15")
    base = run_now(bureau_user, year=2025, month=11).snapshot
    services.stats_snapshot_publish(user=bureau_user, snapshot=base)
    dec = run_now(bureau_user, year=2025, month=12).snapshot
    services.stats_snapshot_publish(user=bureau_user, snapshot=dec)
    # A late entry for last year changes the data but not what was announced.
    approve(dt.date(2025, 6, 1), region=region_a, total="50", fdi="5")
    snapshot = run_now(bureau_user, month=11).snapshot
    city = city_figure(snapshot)
    assert snapshot.base_source == "2025-11, 2025-12"
    assert city.total_investment_cny_10k_ytd_last_year == D(100)
    assert city.yoy_pct("total_investment_cny_10k") == D("50.0")
    assert city.total_investment_cny_10k_cumulative == D(250)


def test_published_previous_month_is_the_base(bureau_user, approve, arrive, region_a):
    p = approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    arrive(p, dt.date(2026, 10, 6), "7")
    october = run_now(bureau_user, month=10).snapshot
    services.stats_snapshot_publish(user=bureau_user, snapshot=october)
    # A late October entry does not slip into November's year-to-date silently...
    approve(dt.date(2026, 10, 20), region=region_a, total="50", fdi="5")
    approve(dt.date(2026, 11, 2), region=region_a, total="30", fdi="3")
    november = run_now(bureau_user, month=11).snapshot
    city = city_figure(november)
    assert november.base_source == "2026-10"
    assert (
        city.total_investment_cny_10k_month,
        city.total_investment_cny_10k_ytd,
        city.total_investment_cny_10k_cumulative,
    ) == (D(30), D(130), D(130))
    assert city.utilized_fdi_usd_10k_ytd == D(7)
    # ...it shows once October is revised and November recomputed.
    run_now(bureau_user, month=10, reason="补录10月审批项目")
    city = city_figure(run_now(bureau_user, month=11).snapshot)
    assert city.total_investment_cny_10k_ytd == D(180)


def test_open_period_follows_shanghai_time():
    # 2026-11-30 16:30 UTC is already 1 December in Asia/Shanghai.
    instant = dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=instant):
        assert services.open_period() == (2026, 12)
    instant = dt.datetime(2026, 11, 30, 15, 59, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=instant):
        assert services.open_period() == (2026, 11)


def test_nightly_task_computes_open_period_once_published_stops(
    bureau_user, django_capture_on_commit_callbacks
):
    from stats.tasks import compute_open_period

    year, month = services.open_period()
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    with django_capture_on_commit_callbacks(execute=True):
        compute_open_period()
    assert snapshot_for_period(year, month).status == SnapshotStatus.DRAFT
    last_month = snapshot_for_period(*previous)
    assert last_month.status == SnapshotStatus.DRAFT
    # The open month cannot be frozen before it ends; last month can, and is then left alone.
    with pytest.raises(DomainError):
        services.stats_snapshot_publish(user=bureau_user, snapshot=snapshot_for_period(year, month))
    services.stats_snapshot_publish(user=bureau_user, snapshot=last_month)
    with django_capture_on_commit_callbacks(execute=True):
        said = compute_open_period()
    assert f"{previous[0]}-{previous[1]:02d} is published" in said


def test_run_queued_only_after_commit(bureau_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        run = services.stats_run_request(user=bureau_user, year=2026, month=11)
        run.refresh_from_db()
        assert run.status == RunStatus.QUEUED
    assert len(callbacks) == 1
