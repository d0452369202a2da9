"""Reads of the public site. Everything here is public: published content only, and of the
pipeline only published projects that are not dropped, through their public fields."""

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from config.i18n import active_suffix
from projects.models import Category, Project
from projects.models import Status as ProjectStatus
from reference.models import IndustrySection

from .models import CityVideo, ContactPoint, Industry, NewsItem, Page, PageSection

SEARCH_MAX_LENGTH = 100


SEEKING_STAGE = "intent"


def public_projects() -> QuerySet[Project]:
    """Projects seeking investment: published on the site, not dropped, and not yet invested
    (still at the intent stage: a project under contract, approved, being built or in
    operation has found its investor). Of several published projects with the same Chinese
    name, only the most recently updated is shown. Templates show only the public fields
    (name, description, region, industry, category, tags, total investment); the investor,
    introducer and stage history never leave the pipeline."""
    seeking = Project.objects.filter(is_published=True, stage=SEEKING_STAGE).exclude(
        status=ProjectStatus.DROPPED
    )
    newer_namesake = seeking.filter(name_zh_hans=OuterRef("name_zh_hans")).filter(
        Q(updated_at__gt=OuterRef("updated_at"))
        | Q(updated_at=OuterRef("updated_at"), pk__gt=OuterRef("pk"))
    )
    return (
        seeking.exclude(Exists(newer_namesake))
        .select_related("region", "industry")
        .prefetch_related("tags")
        .order_by("-updated_at", "-id")
    )


def public_project_filter(*, industry: str = "", category: str = "", tag: str = ""):
    """Published projects filtered by GB/T 4754 section letter, category and tag slug; unknown
    values are ignored rather than refused (a shared link keeps working)."""
    qs = public_projects()
    if industry:
        qs = qs.filter(industry__code=industry.upper()[:1])
    if category in Category.values:
        qs = qs.filter(category=category)
    if tag:
        qs = qs.filter(tags__slug=tag[:50]).distinct()
    return qs


def in_active_language(qs: QuerySet, field: str) -> QuerySet:
    """Items that have `field` in the active language. The English lists and home page
    feature only items with English text; the others stay reachable at their address, where
    the page says it has no English text yet."""
    suffix = active_suffix()
    if suffix == "zh_hans":
        return qs
    return qs.exclude(**{f"{field}_{suffix}__isnull": True}).exclude(**{f"{field}_{suffix}": ""})


def public_industry_sections() -> QuerySet[IndustrySection]:
    """The sections that published projects are in (the filter offers only these)."""
    return IndustrySection.objects.filter(
        pk__in=public_projects().exclude(industry=None).values("industry")
    ).order_by("code")


def public_project_get(pk) -> Project | None:
    return public_projects().filter(pk=pk).first()


def pages_in(section: str) -> QuerySet[Page]:
    return Page.objects.published().filter(section=section)


def page_get(slug: str) -> Page | None:
    return Page.objects.published().filter(slug=slug).first()


def news_list() -> QuerySet[NewsItem]:
    return NewsItem.objects.published()


def news_get(pk) -> NewsItem | None:
    return NewsItem.objects.published().filter(pk=pk).first()


def industries() -> QuerySet[Industry]:
    return Industry.objects.published().prefetch_related("tags")


def industry_get(slug: str) -> Industry | None:
    return industries().filter(slug=slug).first()


def industry_projects(industry: Industry, limit: int | None = None):
    qs = public_projects().filter(tags__in=industry.tags.all()).distinct()
    return qs[:limit] if limit else qs


def contact_points() -> QuerySet[ContactPoint]:
    return ContactPoint.objects.published()


def videos() -> QuerySet[CityVideo]:
    return CityVideo.objects.published()


def nav_sections() -> list[tuple[str, str]]:
    return list(PageSection.choices)


def search(q: str, limit: int = 20) -> dict:
    """Published projects, news and pages whose text in the active language contains `q`
    (case-insensitive). A page without text in this language is not found by it."""
    q = " ".join(q.split())[:SEARCH_MAX_LENGTH]
    if not q:
        return {"q": "", "projects": [], "news": [], "pages": [], "total": 0}
    lang = active_suffix()

    def text_q(*fields):
        cond = Q()
        for f in fields:
            cond |= Q(**{f"{f}_{lang}__icontains": q})
        return cond

    projects = list(public_projects().filter(text_q("name", "description"))[:limit])
    news = list(news_list().filter(text_q("title", "summary", "body"))[:limit])
    pages = list(Page.objects.published().filter(text_q("title", "summary", "body"))[:limit])
    return {
        "q": q,
        "projects": projects,
        "news": news,
        "pages": pages,
        "total": len(projects) + len(news) + len(pages),
    }


def pages_in_all() -> QuerySet[Page]:
    return Page.objects.published()


REVIEWED_MODELS = (Page, NewsItem, Industry, ContactPoint, CityVideo)


def review_cutoff(today: dt.date | None = None) -> dt.date:
    """Content last verified before this day is due for review (WEBSITE_REVIEW_DAYS)."""
    return (today or timezone.localdate()) - dt.timedelta(days=settings.WEBSITE_REVIEW_DAYS)


def content_due_for_review(today: dt.date | None = None) -> list:
    """Published content of every kind not verified within WEBSITE_REVIEW_DAYS (or never),
    the oldest first. News is not included: a news item states what happened on its date
    and is not kept current."""
    cutoff = review_cutoff(today)
    items = []
    for model in REVIEWED_MODELS:
        if model is NewsItem:
            continue
        items.extend(
            model.objects.published()
            .filter(Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=cutoff))
            .order_by("reviewed_on", "pk")
        )
    return sorted(items, key=lambda o: (o.reviewed_on or dt.date.min, o._meta.model_name))
