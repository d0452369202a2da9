import datetime as dt

import pytest
from django.core.cache import cache

from reference.models import IndustrySection
from tests.factories import ProjectFactory
from website.models import ContactPoint, Industry, NewsItem, Page, Status


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sections(db):
    from reference.industries import sync_sections

    if not IndustrySection.objects.exists():
        sync_sections()


@pytest.fixture
def content_page(db):
    return Page.objects.create(
        slug="city-profile",
        section="about",
        title="城市概况",
        title_zh_hans="城市概况",
        title_en="City profile",
        summary_zh_hans="长江之畔",
        summary_en="On the Yangtze",
        body_zh_hans="示范市位于长江中游。",
        body_en="Demo City lies on the middle Yangtze.",
        status=Status.PUBLISHED,
    )


@pytest.fixture
def zh_only_page(db):
    return Page.objects.create(
        slug="zh-only",
        section="policy",
        title="税收政策",
        title_zh_hans="税收政策",
        body_zh_hans="中文正文：税收优惠。",
        status=Status.PUBLISHED,
    )


@pytest.fixture
def draft_page(db):
    return Page.objects.create(
        slug="draft-page",
        section="about",
        title="草稿页面",
        title_zh_hans="草稿页面",
        title_en="Draft page secret",
        body_en="unpublished words",
    )


@pytest.fixture
def news(db):
    return NewsItem.objects.create(
        date=dt.date(2026, 11, 1),
        title="纺织项目签约",
        title_zh_hans="纺织项目签约",
        title_en="Textile project signed",
        body_zh_hans="正文",
        body_en="Body",
        status=Status.PUBLISHED,
    )


@pytest.fixture
def industry(db):
    from projects.models import Tag

    tag, _c = Tag.objects.get_or_create(
        slug="textile", defaults={"name_zh_hans": "纺织", "name_en": "Textiles"}
    )
    ind = Industry.objects.create(
        slug="textiles",
        name="纺织服装",
        name_zh_hans="纺织服装",
        name_en="Textiles",
        summary_en="From spinning to fabrics",
        contact_email="textile@example.cn",
        status=Status.PUBLISHED,
    )
    ind.tags.set([tag])
    return ind


@pytest.fixture
def contact_point(db):
    return ContactPoint.objects.create(
        name="投资服务中心",
        name_zh_hans="投资服务中心",
        name_en="Investor Service Centre",
        email="invest@example.cn",
        status=Status.PUBLISHED,
    )


@pytest.fixture
def public_project(sections, industry, region_a):
    p = ProjectFactory(
        region=region_a,
        name_zh_hans="高端纺织面料项目",
        name_en="High-end textile fabrics",
        description_zh_hans="项目简介",
        description_en="Looking for a partner in fabrics.",
        industry=IndustrySection.objects.get(code="C"),
        category="advantage_industry",
        is_published=True,
        total_investment_cny_10k=4500,
    )
    p.tags.set(industry.tags.all())
    return p


@pytest.fixture
def hidden_project(sections, region_a):
    return ProjectFactory(
        region=region_a,
        name_zh_hans="内部项目",
        name_en="Internal pipeline project",
        industry=IndustrySection.objects.get(code="C"),
        is_published=False,
    )


@pytest.fixture
def dropped_project(sections, region_a):
    return ProjectFactory(
        region=region_a,
        name_zh_hans="放弃项目",
        name_en="Dropped textile project",
        industry=IndustrySection.objects.get(code="C"),
        is_published=True,
        status="dropped",
    )
