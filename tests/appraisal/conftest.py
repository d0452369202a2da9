"""A small city for the appraisal, its records dated in 2026 (the tests' year):

- region A: target 4 negotiated / 2 approved / 1 started / 100 utilized / 100 contracted; 3
  projects negotiated,
  2 approved, 1 started, 50 arrived (introduced by the bureau user), 1 approved in 2025 and
  not started (overdue);
  region A filed every monthly report on time;
- region B: no targets row (the defaults 4 / 2 / 1), 1 project negotiated, no monthly report;
- unit A: reviews 5 and 4, one case answered on time and called back satisfied, 3 votes;
- unit B: reviews 2 and 3, one case answered late, 1 vote; the liaison user 2 votes.
"""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from appraisal import services
from feedback.models import Ballot, Case, FeedbackLink, Review, ServiceVisit
from projects.models import CapitalArrival, RegionTarget
from stats.models import MonthlyReport, ReportChannel, report_due
from tests.factories import ProjectFactory

YEAR = 2026
_tokens = itertools.count()


def _token() -> str:
    return f"{next(_tokens):064d}"


def arrive(project, date, amount, user):
    return CapitalArrival.objects.create(
        project=project,
        date=date,
        amount=amount,
        currency="USD",
        usd_rate=1,
        amount_usd_10k=amount,
        recorded_by=user,
        region_id=project.region_id,
        capital_source=project.capital_source,
    )


def review(project, unit, overall, user, date=dt.date(YEAR, 6, 1), staff=None):
    visit = ServiceVisit.objects.create(
        project=project, unit=unit, date=date, purpose="走访", created_by=user
    )
    if staff is not None:
        visit.staff.add(staff)
    link = FeedbackLink.objects.create(
        visit=visit,
        token_hash=_token(),
        issued_by=user,
        expires_at=timezone.now() + dt.timedelta(days=7),
        used_at=timezone.now(),
    )
    return Review.objects.create(
        visit=visit,
        link=link,
        overall=overall,
        efficiency=overall,
        quality=overall,
        attitude=overall,
        language="zh-hans",
    )


def ballot(project, user, units=(), people=()):
    b = Ballot.objects.create(
        project=project,
        year=YEAR,
        token_hash=_token(),
        issued_by=user,
        expires_at=timezone.now() + dt.timedelta(days=7),
        voted_at=timezone.now(),
    )
    b.units.set(units)
    b.people.set(people)
    return b


@pytest.fixture
def city(region_a, region_b, unit_a, unit_b, bureau_user, liaison_user):
    RegionTarget.objects.create(
        region=region_a,
        year=YEAR,
        negotiated=4,
        approved=2,
        started=1,
        utilized_fdi_usd_10k=Decimal(100),
        contracted_fdi_usd_10k=Decimal(100),
    )
    d = dt.date
    a1 = ProjectFactory(
        region=region_a,
        intent_date=d(YEAR, 1, 5),
        contract_date=d(YEAR, 2, 1),
        approval_date=d(YEAR, 3, 1),
        groundbreaking_date=d(YEAR, 4, 1),
        stage="groundbreaking",
        contracted_fdi_usd_10k=Decimal(80),
        introducer_kind="staff",
        introducer_user=bureau_user,
    )
    a2 = ProjectFactory(
        region=region_a,
        intent_date=d(YEAR, 1, 6),
        contract_date=d(YEAR, 2, 2),
        approval_date=d(YEAR, 9, 1),
        stage="approval",
        contracted_fdi_usd_10k=Decimal(20),
    )
    a3 = ProjectFactory(region=region_a, intent_date=d(YEAR, 2, 1))
    overdue = ProjectFactory(
        region=region_a,
        intent_date=d(YEAR - 1, 1, 2),
        contract_date=d(YEAR - 1, 1, 3),
        approval_date=d(YEAR - 1, 1, 10),
        stage="approval",
    )
    b1 = ProjectFactory(region=region_b, intent_date=d(YEAR, 3, 3))
    arrive(a1, d(YEAR, 6, 1), Decimal(50), bureau_user)
    review(a1, unit_a, 5, bureau_user, staff=liaison_user)
    review(a2, unit_a, 4, bureau_user, staff=liaison_user)
    review(b1, unit_b, 2, bureau_user)
    review(a3, unit_b, 3, bureau_user)
    Case.objects.create(
        source="complaint",
        subject="用电",
        unit=unit_a,
        status="closed",
        received_on=d(YEAR, 5, 1),
        due_date=d(YEAR, 5, 8),
        responded_on=d(YEAR, 5, 6),
        callback_on=d(YEAR, 5, 9),
        callback_confirmed=True,
    )
    Case.objects.create(
        source="complaint",
        subject="环评",
        unit=unit_b,
        status="rectified",
        received_on=d(YEAR, 10, 1),
        due_date=d(YEAR, 10, 8),
        responded_on=d(YEAR, 10, 12),
    )
    for p in (a1, a2, a3):
        ballot(p, bureau_user, units=[unit_a], people=[liaison_user] if p is not a3 else [])
    ballot(b1, bureau_user, units=[unit_b])
    for y, m in [(YEAR - 1, 12)] + [(YEAR, m) for m in range(1, 12)]:
        MonthlyReport.objects.create(
            region=region_a,
            year=y,
            month=m,
            summary="月报",
            filed_on=report_due(y, m),
            due_on=report_due(y, m),
            channel=ReportChannel.RECEIVED,
            recorded_by=bureau_user,
        )
    return {"a1": a1, "a2": a2, "a3": a3, "overdue": overdue, "b1": b1}


@pytest.fixture
def scheme(admin_user):
    return services.scheme_create(user=admin_user, year=YEAR)


@pytest.fixture
def computed(city, scheme, admin_user):
    """The year's appraisal, computed (a draft)."""
    a = services.appraisal_create(user=admin_user, year=YEAR)
    return services.appraisal_execute(appraisal_id=a.pk)


@pytest.fixture
def published(computed, admin_user):
    services.appraisal_submit(user=admin_user, appraisal=computed)
    return services.appraisal_publish(user=admin_user, appraisal=computed)
