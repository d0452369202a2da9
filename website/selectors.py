"""Reads of the public site. Everything here is public: published content only, and of the
pipeline only published projects that are not dropped, through their public fields."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import connection
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
    CostCategory,
    CostItem,
    GuideStep,
    Industry,
    Listing,
    NewsItem,
    Opportunity,
    OpportunityLead,
    OpportunityStatus,
    Page,
    PageSection,
    Policy,
    Status,
    SuccessStory,
    Zone,
)

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
    """Published projects, news, pages, policies in force, setup-guide steps, zones, plots on
    offer and cost figures whose text in the active language contains `q` (case-insensitive).
    A cost figure is also found by its category's name ("tax" finds the tax rates). An item
    without text in this language is not found by it."""
    q = " ".join(q.split())[:SEARCH_MAX_LENGTH]
    keys = ("projects", "news", "pages", "policies", "guide", "zones", "listings", "costs")
    if not q:
        return {"q": "", **{k: [] for k in keys}, "total": 0}
    lang = active_suffix()

    def text_q(*fields):
        cond = Q()
        for f in fields:
            cond |= Q(**{f"{f}_{lang}__icontains": q})
        return cond

    categories = [v for v, label in CostCategory.choices if q.lower() in str(label).lower()]
    found = {
        "projects": public_projects().filter(text_q("name", "description")),
        "news": news_list().filter(text_q("title", "summary", "body")),
        "pages": Page.objects.published().filter(text_q("title", "summary", "body")),
        "policies": policies_in_force().filter(
            text_q("title", "summary", "text", "issuing_body") | Q(document_number__icontains=q)
        ),
        "guide": guide_steps().filter(text_q("title", "summary", "office", "documents")),
        "zones": zones().filter(text_q("name", "summary", "body", "enterprises")),
        "listings": listings().filter(text_q("name", "description") | Q(code__icontains=q)),
        "costs": cost_items().filter(text_q("label", "note", "unit") | Q(category__in=categories)),
    }
    out = {k: list(qs[:limit]) for k, qs in found.items()}
    return {"q": q, **out, "total": sum(len(v) for v in out.values())}


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


# --- Policies, setup guide, zones and premises, costs (issue 21, points 2–5) -------------------


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _codes(section) -> list[str]:
    """Section letters from an IndustrySection, a letter, or an iterable of either."""
    if section is None:
        return []
    if isinstance(section, (str, IndustrySection)):
        section = [section]
    out = []
    for s in section:
        code = s.code if isinstance(s, IndustrySection) else str(s).strip().upper()[:1]
        if code:
            out.append(code)
    return out


def policies_in_force(today=None) -> QuerySet[Policy]:
    """Published policies not expired on `today` (the public list). Expired ones stay
    reachable through `policy_get`."""
    today = today or _today()
    return (
        Policy.objects.published()
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .prefetch_related("sections")
    )


def having(qs, field: str, value: str):
    """The rows whose JSON list `field` holds `value`: JSON containment where the database has
    it (PostgreSQL), else read row by row (the SQLite demo; content tables are small)."""
    if connection.features.supports_json_field_contains:
        return qs.filter(**{f"{field}__contains": [value]})
    return qs.filter(pk__in=[pk for pk, items in qs.values_list("pk", field) if value in items])


def policies_for(section=None, incentive=None, today=None) -> QuerySet[Policy]:
    """The policies in force that apply to an industry and/or give an incentive.

    `section`: an IndustrySection, a GB/T 4754 letter, or an iterable of them (a sector page
    passes its sections; an opportunity its one). A policy with no industries applies to
    every industry, so it is listed for any section. `incentive`: an `Incentive` value.
    Unknown values match nothing rather than everything."""
    qs = policies_in_force(today)
    codes = _codes(section)
    if section is not None:
        qs = qs.filter(Q(sections__code__in=codes) | Q(sections__isnull=True)).distinct()
    if incentive:
        qs = having(qs, "incentives", incentive)
    return qs


def policy_get(pk) -> Policy | None:
    """A published policy, expired or not (its page says when it expired)."""
    return Policy.objects.published().prefetch_related("sections").filter(pk=pk).first()


def policy_sections() -> QuerySet[IndustrySection]:
    """The sections that policies in force name (the list's industry filter offers these)."""
    return IndustrySection.objects.filter(
        pk__in=policies_in_force().exclude(sections=None).values("sections")
    ).order_by("code")


def guide_steps() -> QuerySet[GuideStep]:
    return GuideStep.objects.published()


def guide_total_days(steps) -> int | None:
    """The sum of the steps' time limits in working days, or None when a step has none
    (a total that leaves a step out would promise too little)."""
    days = [s.time_limit_days for s in steps]
    if not days or any(d is None for d in days):
        return None
    return sum(days)


def zones() -> QuerySet[Zone]:
    return Zone.objects.published().select_related("region").prefetch_related("sections")


def zone_get(slug: str) -> Zone | None:
    return zones().filter(slug=slug).first()


def listings(today=None) -> QuerySet[Listing]:
    """Plots and premises on offer: published, in a published zone, and not past their
    review date (a listing nobody has checked may be gone; it is hidden until reviewed)."""
    today = today or _today()
    return (
        Listing.objects.published()
        .filter(zone__status=Status.PUBLISHED, next_review_on__gte=today)
        .select_related("zone")
        .order_by("zone__order", "zone_id", "code")
    )


def listing_filter(
    *,
    zone: Zone | None = None,
    kind: str = "",
    zoning: str = "",
    utility: str = "",
    min_area=None,
    max_area=None,
    max_price=None,
    available_by=None,
    today=None,
) -> QuerySet[Listing]:
    """The finder's rows: the page, the CSV and the JSON download all call this with the same
    cleaned filters, so they hold the same rows in the same order."""
    qs = listings(today)
    if zone is not None:
        qs = qs.filter(zone=zone)
    if kind:
        qs = qs.filter(kind=kind)
    if zoning:
        qs = qs.filter(zoning=zoning)
    if utility:
        qs = having(qs, "utilities", utility)
    if min_area is not None:
        qs = qs.filter(area_m2__gte=min_area)
    if max_area is not None:
        qs = qs.filter(area_m2__lte=max_area)
    if max_price is not None:
        qs = qs.filter(price_cny__lte=max_price)
    if available_by is not None:
        qs = qs.filter(available_from__lte=available_by)
    return qs


def cost_items() -> QuerySet[CostItem]:
    return CostItem.objects.published()


def cost_groups() -> list[dict]:
    """The cost page's figures by category, in the categories' order; empty ones left out."""
    items = list(cost_items())
    groups = []
    for value, label in CostCategory.choices:
        rows = [i for i in items if i.category == value]
        if rows:
            groups.append({"key": value, "label": label, "items": rows})
    return groups


def industry_policies(industry: Industry):
    """The policies in force for a sector page: those for its sections and the general ones.
    A sector without sections lists only the general policies."""
    codes = [s.code for s in industry.sections.all()] if industry.pk else []
    return policies_for(section=codes)


REVIEWED_MODELS = (
    Page,
    NewsItem,
    Industry,
    ContactPoint,
    CityVideo,
    SuccessStory,
    Policy,
    GuideStep,
    Zone,
    Listing,
    CostItem,
)


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
        due = Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=cutoff)
        if any(f.name == "next_review_on" for f in model._meta.fields):
            # Its own review date has passed (policies, guide steps, zones, plots, costs).
            due |= Q(next_review_on__lt=today or timezone.localdate())
        items.extend(model.objects.published().filter(due).order_by("reviewed_on", "pk"))
    return sorted(items, key=lambda o: (o.reviewed_on or dt.date.min, o._meta.model_name))
