"""Reads of the public site. Everything here is public: published content only, and of the
pipeline only published projects that are not dropped, through their public fields."""

import datetime as dt
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from config.i18n import active_suffix
from investors.models import PromotionActivity
from projects.models import Category, Project
from projects.models import Status as ProjectStatus
from reference.models import IndustrySection, Region, RegionKind

from .models import (
    CityVideo,
    ContactPoint,
    Industry,
    NewsItem,
    Opportunity,
    OpportunityLead,
    OpportunityStatus,
    Page,
    PageSection,
    SuccessStory,
)

SEARCH_MAX_LENGTH = 100


def public_projects() -> QuerySet[Project]:
    """Projects seeking investment: published on the site and not dropped. Templates show
    only the public fields (name, description, region, industry, category, tags, total
    investment); the investor, introducer and stage history never leave the pipeline."""
    return (
        Project.objects.filter(is_published=True)
        .exclude(status=ProjectStatus.DROPPED)
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


# ---- opportunities seeking investment ------------------------------------------------------

# Investment-size bands of the public filter, in 10k CNY: key → (from, below).
SIZE_BANDS = {
    "s": (Decimal(0), Decimal(10_000)),
    "m": (Decimal(10_000), Decimal(50_000)),
    "l": (Decimal(50_000), None),
}
# A project that signed (or went further) has its investor: the offer is taken.
TAKEN_STAGES = ("contract", "approval", "groundbreaking", "operation")


def _english_only(qs, field: str):
    """On the English site, items without English text are not featured on lists."""
    if active_suffix() == "en":
        return qs.exclude(**{f"{field}_en": ""}).exclude(**{f"{field}_en": None})
    return qs


def published_opportunities() -> QuerySet[Opportunity]:
    """Every published opportunity, expired ones included (reachable by their address)."""
    return Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED).select_related(
        "sector", "zone", "industry_page"
    )


def public_opportunities(today: dt.date | None = None) -> QuerySet[Opportunity]:
    """The showcase: published, still valid, and not taken by a pipeline project that signed
    (an invested project is never offered); on the English site only those with English
    text."""
    today = today or timezone.localdate()
    taken = OpportunityLead.objects.filter(
        opportunity=OuterRef("pk"), project__stage__in=TAKEN_STAGES
    ).exclude(project__status=ProjectStatus.DROPPED)
    qs = published_opportunities().filter(valid_until__gte=today).exclude(Exists(taken))
    return _english_only(qs, "name")


def public_opportunity_filter(*, sector: str = "", zone: str = "", size: str = ""):
    """The showcase filtered by GB/T 4754 section letter, zone (region id) and size band;
    unknown values are ignored (a shared link keeps working)."""
    qs = public_opportunities()
    if sector:
        qs = qs.filter(sector__code=sector.upper()[:1])
    if zone.isdigit():
        qs = qs.filter(zone_id=int(zone))
    if size in SIZE_BANDS:
        low, high = SIZE_BANDS[size]
        qs = qs.filter(investment_cny_10k__gte=low)
        if high is not None:
            qs = qs.filter(investment_cny_10k__lt=high)
    return qs


def opportunity_sectors() -> QuerySet[IndustrySection]:
    return IndustrySection.objects.filter(pk__in=public_opportunities().values("sector")).order_by(
        "code"
    )


def opportunity_zones() -> QuerySet[Region]:
    return Region.objects.filter(pk__in=public_opportunities().values("zone")).order_by(
        "kind", "code", "name"
    )


def public_opportunity_get(pk) -> Opportunity | None:
    return published_opportunities().filter(pk=pk).first()


def industry_opportunities(industry: Industry) -> QuerySet[Opportunity]:
    return public_opportunities().filter(industry_page=industry)


def staff_opportunities(*, status: str = "", sector: str = "", zone=None, q: str = ""):
    """Every opportunity for the staff list and the API (staff read them all), with the
    number of leads."""
    from django.db.models import Count

    qs = Opportunity.objects.select_related("sector", "zone", "updated_by").annotate(
        lead_count=Count("leads")
    )
    if status in OpportunityStatus.values:
        qs = qs.filter(status=status)
    if sector:
        qs = qs.filter(sector__code=sector.upper()[:1])
    if zone:
        qs = qs.filter(zone=zone)
    if q:
        qs = qs.filter(Q(name_zh_hans__icontains=q) | Q(name_en__icontains=q))
    return qs.order_by("-updated_at", "-id")


def opportunity_leads(opp: Opportunity) -> QuerySet[OpportunityLead]:
    return opp.leads.select_related("inquiry", "project", "converted_by")


# ---- events and stories --------------------------------------------------------------------


def public_events() -> QuerySet[PromotionActivity]:
    return _english_only(PromotionActivity.objects.filter(is_public=True), "name")


def events_calendar(today: dt.date | None = None) -> dict:
    """Upcoming events (soonest first) and past ones (latest first)."""
    today = today or timezone.localdate()
    qs = public_events()
    return {
        "upcoming": list(qs.filter(end_date__gte=today).order_by("start_date", "id")),
        "past": list(qs.filter(end_date__lt=today).order_by("-start_date", "-id")[:24]),
    }


def public_event_get(pk) -> PromotionActivity | None:
    return PromotionActivity.objects.filter(is_public=True, pk=pk).first()


def success_stories() -> QuerySet[SuccessStory]:
    """Published stories of projects that landed, with consent recorded."""
    qs = (
        SuccessStory.objects.published()
        .filter(
            project__stage__in=("groundbreaking", "operation"),
            consent_on__isnull=False,
        )
        .exclude(project__status=ProjectStatus.DROPPED)
        .select_related("project", "project__region", "project__industry")
    )
    return _english_only(qs, "title")


# ---- fact sheets ---------------------------------------------------------------------------


def fact_sheet_zones() -> QuerySet[Region]:
    """Development zones: each has a fact sheet."""
    return Region.objects.filter(kind=RegionKind.DEV_ZONE).order_by("code", "name")


def zone_facts(zone: Region) -> dict:
    """What a zone's fact sheet shows, from the live data: its open opportunities, its
    success stories and the number of published pipeline projects in it."""
    return {
        "opportunities": list(public_opportunities().filter(zone=zone)),
        "stories": list(success_stories().filter(project__region=zone)),
        "projects": list(public_projects().filter(region=zone)[:20]),
    }


def industry_facts(industry: Industry) -> dict:
    return {
        "opportunities": list(industry_opportunities(industry)),
        "projects": list(industry_projects(industry, limit=20)),
    }
