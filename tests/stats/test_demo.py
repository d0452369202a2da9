"""The demo → engine → bulletin chain: the demo's records give the seed's eight figures."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from stats.bulletin import bulletin_text
from stats.models import SnapshotStatus, StatsSnapshot
from stats.selectors import city_figure, snapshot_for_period

pytestmark = pytest.mark.django_db
D = Decimal


def test_demo_reproduces_all_eight_seed_figures():
    call_command("seed_demo", verbosity=0)
    snapshot = snapshot_for_period(2026, 11)
    city = city_figure(snapshot)
    assert city.new_fie_count_ytd == 38
    assert city.total_investment_cny_10k_ytd == D(224779)
    assert city.yoy_pct("total_investment_cny_10k") == D("46.9")
    assert city.contracted_fdi_usd_10k_ytd == D(15827)
    assert city.yoy_pct("contracted_fdi_usd_10k") == D("37.5")
    assert city.utilized_fdi_usd_10k_ytd == D(11136)
    assert city.yoy_pct("utilized_fdi_usd_10k") == D("32.8")
    text = bulletin_text(snapshot, "zh-hans")
    assert (
        "2026年1—11月，全市新设立外商投资企业38家，总投资224779万元，同比增长46.9%；合同外资"
        "15827万美元，同比增长37.5%；实际使用外资11136万美元，同比增长32.8%。"
    ) in text
    # The published periods the demo froze agree with the records (no drift).
    from stats.drift import drifted_periods

    assert drifted_periods() == []
    assert StatsSnapshot.objects.filter(status=SnapshotStatus.PUBLISHED).count() == 3
    # Issue 9: every project at contract or later has a liaison assignment in force (the
    # groundbreaking gate let the demo's projects break ground only with one).
    from liaison.selectors import assignments_in_force
    from projects.models import Project

    contracted = Project.objects.exclude(stage="intent")
    assert contracted.count() > 40
    assigned = set(assignments_in_force().values_list("project_id", flat=True))
    assert set(contracted.values_list("pk", flat=True)) <= assigned
    assert len({a.unit_id for a in assignments_in_force()}) == 3
    # Issue 8: fairs and small-team delegations with their costs and the investors met.
    from investors.models import PromotionActivity

    delegations = PromotionActivity.objects.filter(kind="delegation", cost_cny_10k__gt=0)
    assert delegations.count() == 3
    assert all(d.investors_met.exists() for d in delegations)
    held = PromotionActivity.objects.filter(start_date__lte=timezone.localdate())
    assert held.filter(kind="fair", cost_cny_10k__gt=0).count() == 2
    # And the public site's upcoming fair (website/demo_promotion.py), planned with its cost.
    assert PromotionActivity.objects.filter(kind="fair", is_public=True).count() == 1


def test_demo_on_an_earlier_date_skips_the_months_not_begun():
    from stats import demo

    today = dt.datetime(2026, 10, 15, 4, 0, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=today):
        from accounts.models import User

        users = {"bureau": User.objects.create(username="b", role="bureau")}
        notes = demo.seed_stats(users=users)
    assert "statistics 2026-11 skipped: the month has not begun yet" in notes
    assert "statistics 2026-10 left a draft: the month is not over" in notes
    assert snapshot_for_period(2026, 10).status == SnapshotStatus.DRAFT
    assert snapshot_for_period(2025, 12).status == SnapshotStatus.PUBLISHED
    assert snapshot_for_period(2026, 11) is None
