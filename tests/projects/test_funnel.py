"""The funnel as a cohort: the projects that entered intent in a year, and how many of them
reached each later stage by now. Ratios computed by hand on projects entering in two years."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from projects import services
from projects.models import Project
from projects.selectors import funnel
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

D = dt.date
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _project(region, intent, contract=None, approval=None, **kw):
    stage = "approval" if approval else "contract" if contract else "intent"
    return ProjectFactory(
        region=region,
        intent_date=intent,
        contract_date=contract,
        approval_date=approval,
        stage=stage,
        enterprise_type="wfoe",
        **kw,
    )


@pytest.fixture
def two_cohorts(region_a, region_b):
    """2025 cohort: A (→ approval 2025), B, F and H (signed in 2026), C (intent only).
    2026 cohort: D (signed 2026), E (intent only), G in region B (intent only)."""
    from reference.models import IndustrySection

    c = IndustrySection.objects.get(code="C")
    return {
        "A": _project(region_a, D(2025, 3, 1), D(2025, 6, 1), D(2025, 8, 1), industry=c),
        "B": _project(region_a, D(2025, 5, 1), D(2026, 2, 1)),
        "C": _project(region_a, D(2025, 9, 1)),
        "F": _project(region_a, D(2025, 10, 1), D(2026, 4, 1)),
        "H": _project(region_a, D(2025, 11, 1), D(2026, 5, 1)),
        "D": _project(region_a, D(2026, 1, 10), D(2026, 3, 1)),
        "E": _project(region_a, D(2026, 2, 1)),
        "G": _project(region_b, D(2026, 2, 1)),
    }


def counts(rows):
    return {r["stage"]: (r["count"], r["conversion"]) for r in rows}


def test_cohort_counts_and_ratios_by_hand(two_cohorts):
    rows = funnel(Project.objects.all(), 2026)
    # Entered intent in 2026: D, E, G = 3; of them only D signed: 1 of 3 = 33.3%.
    # (Counting stage dates in 2026 gave 4 contracts — B, D, F, H — over 3 intents: 133.3%.)
    assert counts(rows) == {
        "intent": (3, None),
        "contract": (1, 33.3),
        "approval": (0, 0.0),
        "groundbreaking": (0, None),
        "operation": (0, None),
    }
    rows = funnel(Project.objects.all(), 2025)
    # 2025: A, B, C, F, H entered; A, B, F, H signed (4 of 5 = 80%), A approved (1 of 4 = 25%).
    assert counts(rows)["intent"] == (5, None)
    assert counts(rows)["contract"] == (4, 80.0)
    assert counts(rows)["approval"] == (1, 25.0)
    assert rows[1]["share"] == 80.0
    assert rows[2]["share"] == 20.0


def test_no_ratio_above_100_whatever_the_year(two_cohorts):
    for year in (2024, 2025, 2026, 2027):
        for row in funnel(Project.objects.all(), year):
            assert row["conversion"] is None or row["conversion"] <= 100
            assert row["width"] <= 100


def test_chosen_period(two_cohorts):
    rows = funnel(Project.objects.all(), start=D(2025, 9, 1), end=D(2026, 1, 31))
    # C, F, H, D entered; F, H and D signed.
    assert counts(rows)["intent"] == (4, None)
    assert counts(rows)["contract"] == (3, 75.0)


def test_correction_takes_a_project_out_of_the_later_stage(two_cohorts, bureau_user):
    services.project_transition(
        user=bureau_user, project=two_cohorts["D"], to="intent", note="合同未生效"
    )
    assert counts(funnel(Project.objects.all(), 2026))["contract"] == (0, 0.0)


@time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=SHANGHAI), tick=False)
def test_dashboard_statistics_page_and_api_agree(client, api_as, bureau_user, two_cohorts):
    """The pages show this year's funnel: the clock is fixed in 2026."""
    expected = [
        (r["stage"], r["count"], r["conversion"]) for r in funnel(Project.objects.all(), 2026)
    ]
    client.force_login(bureau_user)
    # The Chinese pages, whatever language an earlier test left active.
    with translation.override("zh-hans"):
        dash = client.get(reverse("staff:dashboard"))
        stats = client.get(reverse("stats:overview"))
    api = api_as(bureau_user).get("/api/v1/projects/funnel/?year=2026").json()
    for ctx in (dash.context["funnel"], stats.context["funnel"]):
        assert [(r["stage"], r["count"], r["conversion"]) for r in ctx] == expected
    assert [(r["stage"], r["count"], r["conversion"]) for r in api["stages"]] == expected
    assert api["entered"] == 3
    # The page says in one line what it counts.
    assert "2026年进入意向阶段的3个项目中" in dash.content.decode()
    assert "2026年进入意向阶段的3个项目中" in stats.content.decode()
    en = client.get("/en/staff/").content.decode()
    assert "Of the 3 projects that entered intent in 2026" in en


def test_funnel_api_is_scoped_and_validates(api_as, district_user_b, two_cohorts):
    api = api_as(district_user_b)
    body = api.get("/api/v1/projects/funnel/?year=2026").json()
    assert body["entered"] == 1  # only G, in region B
    resp = api.get("/api/v1/projects/funnel/?start=2026-01-01")
    assert resp.status_code == 400
    assert "end" in resp.json()
    resp = api.get("/api/v1/projects/funnel/?start=2026-02-01&end=2026-01-01")
    assert resp.status_code == 400
    body = api.get("/api/v1/projects/funnel/?start=2026-01-01&end=2026-12-31").json()
    assert body["entered"] == 1


@pytest.mark.parametrize("who", ["liaison_user", "office110_user", "admin_user"])
def test_funnel_api_roles(request, api_as, who, two_cohorts):
    user = request.getfixturevalue(who)
    body = api_as(user).get("/api/v1/projects/funnel/?year=2026").json()
    assert body["entered"] == (0 if who == "liaison_user" else 3)


def test_funnel_api_needs_sign_in(api, two_cohorts):
    assert api.get("/api/v1/projects/funnel/?year=2026").status_code in (401, 403)
