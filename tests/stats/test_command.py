import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from stats import services
from stats.models import SnapshotStatus, StatsSnapshot
from stats.selectors import city_figure

pytestmark = pytest.mark.django_db


def test_command_computes_and_revises(approve, region_a, bureau_user, capsys):
    approve(dt.date(2026, 5, 1), region=region_a, total="100", fdi="10")
    call_command("compute_fdi_stats", "--period", "2026-10")
    snapshot = StatsSnapshot.objects.get()
    assert city_figure(snapshot).total_investment_cny_10k_ytd == Decimal(100)
    services.stats_snapshot_publish(user=bureau_user, snapshot=snapshot)
    with translation.override("en"), pytest.raises(CommandError, match="revision"):
        call_command("compute_fdi_stats", "--period", "2026-10")
    call_command("compute_fdi_stats", "--period", "2026-10", "--revision-reason", "更正")
    assert StatsSnapshot.objects.get(status=SnapshotStatus.PUBLISHED).version == 2
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("compute_fdi_stats", "--period", "2026-13")
