import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from config.errors import DomainError
from stats import services
from stats.models import RunStatus, ScopeType, SnapshotStatus, StatsFigure, StatsRun, StatsSnapshot
from stats.selectors import city_figure, compare, snapshot_for_period, versions

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched on their English text, whatever the catalogues hold."""
    with translation.override("en"):
        yield


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


def correct_and_reapprove(user, project, date, reason="审批日期录错，更正"):
    from projects.services import project_transition

    project_transition(user=user, project=project, to="contract", note=reason)
    if date:
        project.refresh_from_db()
        project_transition(user=user, project=project, to="approval", date=date)
    project.refresh_from_db()
    return project


def publish(user, year, month, reason=""):
    snapshot = run_now(user, year=year, month=month, reason=reason).snapshot
    if snapshot.status == SnapshotStatus.DRAFT:
        services.stats_snapshot_publish(user=user, snapshot=snapshot)
    return snapshot


def test_correction_after_publication_is_not_counted_twice(bureau_user, approve, region_a):
    # Case 1: P approved on 5 October, October published, P corrected and approved again on
    # 3 November. November counts P once (chaining October's published ytd counted it twice).
    p = approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    publish(bureau_user, 2026, 10)
    correct_and_reapprove(bureau_user, p, dt.date(2026, 11, 3))
    city = city_figure(run_now(bureau_user, month=11).snapshot)
    assert (city.new_fie_count_month, city.new_fie_count_ytd, city.new_fie_count_cumulative) == (
        1,
        1,
        1,
    )
    assert city.total_investment_cny_10k_ytd == D(100)
    assert city.contracted_fdi_usd_10k_cumulative == D(10)


def test_undone_approval_and_revision_reach_later_periods(bureau_user, approve, region_a):
    # Case 2: Q approved 10 September; September and October published; a correction undoes
    # the approval and September is revised. November no longer counts Q.
    q = approve(dt.date(2026, 9, 10), region=region_a, total="80", fdi="8")
    publish(bureau_user, 2026, 9)
    publish(bureau_user, 2026, 10)
    correct_and_reapprove(bureau_user, q, None)
    revised = publish(bureau_user, 2026, 9, reason="撤销误录的审批")
    assert (revised.version, city_figure(revised).new_fie_count_month) == (2, 0)
    city = city_figure(run_now(bureau_user, month=11).snapshot)
    assert (city.new_fie_count_ytd, city.total_investment_cny_10k_cumulative) == (0, D(0))
    # October stays as published (1 in its year to date), shown beside the records.
    october = snapshot_for_period(2026, 10)
    assert city_figure(october).new_fie_count_ytd == 1


def test_late_arrival_for_a_published_month_reaches_later_figures(
    bureau_user, approve, arrive, region_a
):
    # Case 3: an arrival dated in a published month shows in every later ytd and cumulative.
    p = approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    arrive(p, dt.date(2026, 10, 6), "7")
    october = publish(bureau_user, 2026, 10)
    arrive(p, dt.date(2026, 10, 20), "3")
    city = city_figure(run_now(bureau_user, month=11).snapshot)
    assert (city.utilized_fdi_usd_10k_month, city.utilized_fdi_usd_10k_ytd) == (D(0), D(10))
    assert city.utilized_fdi_usd_10k_cumulative == D(10)
    # October's published figure is unchanged; a revision takes the late entry in.
    assert city_figure(october).utilized_fdi_usd_10k_ytd == D(7)
    revised = publish(bureau_user, 2026, 10, reason="补录10月到位资金")
    assert city_figure(revised).utilized_fdi_usd_10k_month == D(10)


def test_snapshot_names_the_versions_it_compared_against(bureau_user, approve, region_a):
    approve(dt.date(2025, 5, 1), region=region_a, total="100", fdi="10")
    approve(dt.date(2026, 5, 1), region=region_a, total="150", fdi="15")
    last_year = publish(bureau_user, 2025, 10)
    draft = run_now(bureau_user, month=10).snapshot
    assert draft.compared_with == [{"id": last_year.pk, "period": "2025-10", "version": 1}]
    city = city_figure(draft)
    assert city.yoy_pct("total_investment_cny_10k") == D("50.0")


def test_growth_from_records_names_a_differing_published_figure(bureau_user, approve, region_a):
    from stats.selectors import growth_basis

    approve(dt.date(2025, 5, 1), region=region_a, total="100", fdi="10")
    publish(bureau_user, 2025, 10)
    # A late entry for last year: growth compares with the records (comparable basis) and
    # says that last year's published figure differs.
    approve(dt.date(2025, 6, 1), region=region_a, total="50", fdi="5")
    approve(dt.date(2026, 5, 1), region=region_a, total="300", fdi="30")
    draft = run_now(bureau_user, month=10).snapshot
    city = city_figure(draft)
    assert city.total_investment_cny_10k_ytd_last_year == D(150)
    assert city.yoy_pct("total_investment_cny_10k") == D("100.0")
    with translation.override("en"):
        line = growth_basis(draft, city, ("city", ""))
    assert "2025-10, version 1" in line
    assert "Total investment" in line


def test_publish_refuses_a_draft_computed_before_a_change(bureau_user, approve, region_a):
    approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    draft = run_now(bureau_user, month=10).snapshot
    approve(dt.date(2026, 10, 9), region=region_a, total="20", fdi="2")
    with pytest.raises(DomainError, match="Compute the period again"):
        services.stats_snapshot_publish(user=bureau_user, snapshot=draft)
    draft.refresh_from_db()
    assert draft.status == SnapshotStatus.DRAFT
    fresh = run_now(bureau_user, month=10).snapshot
    assert services.stats_snapshot_publish(user=bureau_user, snapshot=fresh).status == (
        SnapshotStatus.PUBLISHED
    )
    assert city_figure(fresh).new_fie_count_ytd == 2


def test_a_change_outside_the_period_does_not_make_a_draft_stale(bureau_user, approve, region_a):
    approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    draft = run_now(bureau_user, month=10).snapshot
    approve(dt.date(2026, 11, 2), region=region_a, total="20", fdi="2")  # after October
    services.stats_snapshot_publish(user=bureau_user, snapshot=draft)


def test_publish_refuses_when_last_years_published_figures_changed(bureau_user, approve, region_a):
    approve(dt.date(2025, 5, 1), region=region_a, total="100", fdi="10")
    draft = run_now(bureau_user, month=10).snapshot
    assert draft.compared_with == []
    publish(bureau_user, 2025, 10)
    with pytest.raises(DomainError, match="Last year"):
        services.stats_snapshot_publish(user=bureau_user, snapshot=draft)


def test_drift_lists_the_projects_and_arrivals_that_changed(bureau_user, approve, arrive, region_a):
    from stats.drift import changes_affecting, drift, drifted_periods

    p = approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    untouched = approve(dt.date(2026, 10, 6), region=region_a, total="1", fdi="1")
    arrive(p, dt.date(2026, 10, 6), "7")
    october = publish(bureau_user, 2026, 10)
    assert drifted_periods() == []
    correct_and_reapprove(bureau_user, p, dt.date(2026, 11, 3))
    late = arrive(p, dt.date(2026, 10, 20), "3")
    later = approve(dt.date(2026, 11, 5), region=region_a, total="5", fdi="1")  # after Oct
    changes = changes_affecting(october)
    assert {(c.kind, c.pk, c.what) for c in changes} == {
        ("project", p.pk, "changed"),
        ("arrival", late.pk, "entered"),
    }
    assert untouched.pk not in {c.pk for c in changes}
    assert later.pk not in {c.pk for c in changes}
    rows = {
        (r.metric, r.span): (r.published, r.now)
        for r in drift(october, city_figure(october), ("city", ""))
    }
    assert rows[("new_fie_count", "month")] == (2, 1)
    assert rows[("total_investment_cny_10k", "cumulative")] == (D(101), D(1))
    assert rows[("utilized_fdi_usd_10k", "ytd")] == (D(7), D(10))
    assert [(s.pk, n) for s, n in drifted_periods()] == [(october.pk, 2)]


def test_stuck_run_is_failed_and_can_be_rerun(bureau_user, settings):

    run = services.stats_run_create(user=bureau_user, year=2026, month=10)
    StatsRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        started_at=timezone.now() - dt.timedelta(minutes=settings.STATS_RUN_TIMEOUT_MINUTES + 1),
    )
    assert services.stats_runs_fail_stuck() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "again" in run.message
    assert services.stats_run_execute(run_id=run.pk).status == RunStatus.SUCCEEDED


def test_a_task_delivered_twice_stores_one_version(bureau_user, approve, region_a):
    from stats.engine import compute_period
    from stats.services import _store

    approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    run = services.stats_run_create(user=bureau_user, year=2026, month=10)
    figures = compute_period(2026, 10)
    # Two deliveries both computed; the second to store finds the run done.
    first = _store(run, figures, compared=[], computed_at=timezone.now())
    second = _store(run, compute_period(2026, 10), compared=[], computed_at=timezone.now())
    assert first == second
    assert StatsSnapshot.objects.count() == 1
    assert first.figures.count() == len(figures)


def test_district_figures_with_and_without_zones(bureau_user, approve, region_a, region_b):
    from tests.factories import RegionFactory

    zone = RegionFactory(kind="dev_zone", parent=region_a, name_en="Zone A", code="")
    approve(dt.date(2026, 5, 1), region=region_a, total="100", fdi="10")
    approve(dt.date(2026, 6, 1), region=zone, total="40", fdi="4")
    approve(dt.date(2026, 7, 1), region=region_b, total="7", fdi="1")
    snapshot = run_now(bureau_user, month=10).snapshot
    by = {(f.scope_type, f.scope_key): f for f in snapshot.figures.all()}
    assert by[("region", str(region_a.pk))].new_fie_count_ytd == 1
    assert by[("region", str(zone.pk))].new_fie_count_ytd == 1
    assert by[("region_tree", str(region_a.pk))].new_fie_count_ytd == 2
    assert by[("region_tree", str(region_a.pk))].total_investment_cny_10k_ytd == D(140)
    # Each region by itself adds up to the city.
    regions = [f for f in snapshot.figures.all() if f.scope_type == "region"]
    assert sum(f.new_fie_count_ytd for f in regions) == by[("city", "")].new_fie_count_ytd == 3


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
    assert said == f"{year}-{month:02d} queued as run {StatsRun.objects.latest('pk').pk}"
    assert versions(*previous).count() == 1


def test_nightly_task_catches_up_the_months_the_worker_missed(
    bureau_user, django_capture_on_commit_callbacks
):
    """Published up to 2026-12; the worker is down from 25 January to 3 March 2027: the first
    night back computes January, February and March; the next night, once January and February
    are published, March alone."""
    import time_machine

    from stats.tasks import compute_open_period

    shanghai = dt.timezone(dt.timedelta(hours=8))
    with time_machine.travel(dt.datetime(2027, 1, 5, 1, tzinfo=shanghai), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            compute_open_period()
        publish(bureau_user, 2026, 12)
    with time_machine.travel(dt.datetime(2027, 3, 3, 1, tzinfo=shanghai), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            said = compute_open_period()
        assert [p.split()[0] for p in said.split("; ")] == ["2027-01", "2027-02", "2027-03"]
        for m in (1, 2, 3):
            assert snapshot_for_period(2027, m).status == SnapshotStatus.DRAFT
        for m in (1, 2):
            publish(bureau_user, 2027, m)
    with time_machine.travel(dt.datetime(2027, 3, 4, 1, tzinfo=shanghai), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            said = compute_open_period()
        assert [p.split()[0] for p in said.split("; ")] == ["2027-03"]
        assert versions(2026, 12).count() == 1


def test_run_queued_only_after_commit(bureau_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        run = services.stats_run_request(user=bureau_user, year=2026, month=11)
        run.refresh_from_db()
        assert run.status == RunStatus.QUEUED
    assert len(callbacks) == 1
