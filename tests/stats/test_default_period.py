"""The period a statistics page opens on follows the figures, not the calendar (issue 19):
the latest published period, else the newest draft the reader may read, else the last closed
month; on the 1st and the 15th of a month and on 1 January, with and without figures."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from stats import services
from stats.selectors import StatsAccess, last_closed_period

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(y, m, d, hour=10):
    return time_machine.travel(dt.datetime(y, m, d, hour, tzinfo=SHANGHAI), tick=False)


def compute(user, year, month, publish=False):
    run = services.stats_run_create(user=user, year=year, month=month)
    snapshot = services.stats_run_execute(run_id=run.pk).snapshot
    if publish:
        services.stats_snapshot_publish(user=user, snapshot=snapshot)
    return snapshot


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ((2027, 1, 1), (2026, 12)),
        ((2026, 12, 1), (2026, 11)),
        ((2026, 12, 15), (2026, 11)),
        ((2028, 3, 1), (2028, 2)),
    ],
)
def test_without_figures_the_last_closed_month(bureau_user, today, expected):
    with at(*today):
        default = StatsAccess(bureau_user).default_period()
        assert (default.year, default.month, default.basis) == (*expected, "none")
        assert last_closed_period() == expected


def test_utc_evening_is_already_the_next_day_in_shanghai():
    # 2028-02-29 20:30 UTC is 1 March 04:30 in Shanghai: February is the last closed month.
    with time_machine.travel(dt.datetime(2028, 2, 29, 20, 30, tzinfo=dt.UTC), tick=False):
        assert last_closed_period() == (2028, 2)


def test_on_the_first_the_latest_published_period_not_the_open_month(
    bureau_user, liaison_user, district_user
):
    with at(2026, 11, 20):
        compute(bureau_user, 2026, 10, publish=True)
        compute(bureau_user, 2026, 11)  # a draft of the month not over yet
    for day in (1, 15):
        with at(2026, 12, day):
            default = StatsAccess(bureau_user).default_period()
            assert (default.period, default.basis) == ("2026-10", "published")
            assert default.newer_draft.period == "2026-11"
            with translation.override("zh-hans"):
                assert "显示2026年10月" in default.note
                assert "期次。2026年11月的草稿" in default.note
            # Liaison staff read published figures only: no draft is named to them.
            liaison = StatsAccess(liaison_user).default_period()
            assert (liaison.period, liaison.newer_draft) == ("2026-10", None)


def test_on_new_years_day_last_years_december_stays_the_default(bureau_user):
    with at(2026, 12, 31):
        compute(bureau_user, 2026, 11, publish=True)
    with at(2027, 1, 1):
        compute(bureau_user, 2026, 12, publish=True)
        default = StatsAccess(bureau_user).default_period()
        assert (default.period, default.basis) == ("2026-12", "published")


def test_nothing_published_opens_on_the_newest_draft_the_reader_may_read(bureau_user, liaison_user):
    with at(2026, 12, 3):
        compute(bureau_user, 2026, 10)
        compute(bureau_user, 2026, 11)
        assert StatsAccess(bureau_user).default_period().period == "2026-11"
        assert StatsAccess(bureau_user).default_period().basis == "draft"
        # Liaison staff read no drafts: nothing computed for them, the last closed month.
        assert StatsAccess(liaison_user).default_period().basis == "none"


def test_pages_and_api_open_on_the_default_and_say_which(client, api_as, bureau_user):
    with at(2026, 11, 20):
        compute(bureau_user, 2026, 10, publish=True)
    with at(2026, 12, 1):
        client.force_login(bureau_user)
        page = client.get("/en/staff/stats/")
        assert page.context["period"] == "2026-10"
        assert "Showing October 2026, the latest published period." in page.content.decode()
        bulletin = client.get("/en/staff/stats/bulletin/")
        assert bulletin.status_code == 200
        assert bulletin.context["snapshot"].period == "2026-10"
        # An explicit period that is not there is still a 404.
        assert client.get("/en/staff/stats/bulletin/?period=2026-11").status_code == 404
        export = client.get("/en/staff/stats/export.xlsx")
        assert export.status_code == 200
        assert "fdi-2026-10-" in export["Content-Disposition"]
        api = api_as(bureau_user)
        assert api.get("/api/v1/stats/bulletin/").json()["period"] == "2026-10"
        assert api.get("/api/v1/stats/fdi/").json()["period"] == "2026-10"


def test_bulletin_before_anything_is_computed_explains_instead_of_404(client, bureau_user):
    with at(2027, 1, 1):
        client.force_login(bureau_user)
        page = client.get("/en/staff/stats/bulletin/")
        assert page.status_code == 200
        assert "No period has been computed yet; showing December 2026" in page.content.decode()


def test_drift_causes_show_shanghai_time(client, bureau_user, approve, region_a):
    """A late entry made at 20:30 UTC on 30 November is shown as 1 December, 04:30."""
    with at(2026, 11, 20):
        approve(dt.date(2026, 10, 12), region=region_a, total="100", fdi="10")
        compute(bureau_user, 2026, 10, publish=True)
    late = dt.datetime(2026, 11, 30, 20, 30, tzinfo=dt.UTC)
    with time_machine.travel(late, tick=False):
        approve(dt.date(2026, 10, 20), region=region_a, total="50", fdi="5")
    with at(2026, 12, 1, hour=9):
        client.force_login(bureau_user)
        page = client.get("/en/staff/stats/?period=2026-10").content.decode()
    assert 'data-testid="drift"' in page
    assert "2026-12-01 04:30" in page
    assert "2026-11-30 20:30" not in page
