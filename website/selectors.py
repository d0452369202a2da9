"""Reads of the public site. Everything here is public: published content only, and of the
pipeline only published projects that are not dropped, through their public fields."""

from django.db.models import Q, QuerySet

from config.i18n import active_suffix
from projects.models import Category, Project
from projects.models import Status as ProjectStatus
from reference.models import IndustrySection

from .models import (
    CityVideo,
    ContactPoint,
    CostCategory,
    CostItem,
    GuideStep,
    Industry,
    Listing,
    NewsItem,
    Page,
    PageSection,
    Policy,
    Status,
    Zone,
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
        qs = qs.filter(incentives__contains=[incentive])
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
        qs = qs.filter(utilities__contains=[utility])
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
