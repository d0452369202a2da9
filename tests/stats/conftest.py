import datetime as dt
from decimal import Decimal

import pytest

from investors.models import PromotionActivity
from projects.models import CapitalArrival
from projects.services import arrival_classification
from reference.models import IndustrySection
from tests.factories import InvestorFactory, ProjectFactory

D = Decimal


@pytest.fixture
def sections(db):
    """The GB/T 4754 sections (a transactional test elsewhere may have flushed them)."""
    from reference.industries import sync_sections

    if not IndustrySection.objects.exists():
        sync_sections()


@pytest.fixture
def approve(sections):
    """A foreign-invested project approved on `date` (stage dates filled directly)."""

    def _approve(
        date,
        *,
        region,
        total="0",
        fdi="0",
        source="foreign",
        country="DE",
        industry="C",
        etype="wfoe",
    ):
        return ProjectFactory(
            region=region,
            stage="approval",
            capital_source=source,
            investor=InvestorFactory(country=country, owner_region=region),
            industry=IndustrySection.objects.get(code=industry) if industry else None,
            enterprise_type=etype,
            total_investment_cny_10k=D(total),
            contracted_fdi_usd_10k=D(fdi) if source != "domestic" else D(0),
            intent_date=date - dt.timedelta(days=40),
            contract_date=date - dt.timedelta(days=5),
            approval_date=date,
        )

    return _approve


@pytest.fixture
def arrive(bureau_user):
    def _arrive(project, date, usd_10k):
        return CapitalArrival.objects.create(
            project=project,
            date=date,
            amount=D(usd_10k),
            currency="USD",
            usd_rate=D(1),
            amount_usd_10k=D(usd_10k),
            recorded_by=bureau_user,
            **arrival_classification(project),
        )

    return _arrive


@pytest.fixture
def spend(region_a):
    def _spend(date, cost, region=None):
        return PromotionActivity.objects.create(
            name="活动",
            name_zh_hans="活动",
            kind="fair",
            start_date=date,
            end_date=date,
            organiser_region=region or region_a,
            cost_cny_10k=D(cost),
        )

    return _spend
