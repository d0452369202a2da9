"""Public pages of the investment site. Thin: read through `website.selectors`, render."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from chains.selectors import public_chain_maps
from config.client_ip import client_ip
from config.errors import DomainError
from config.i18n import localized, localized_or_marked
from investors.forms import InquiryForm, InquiryTrackForm
from investors.selectors import (
    inquiry_lookup,
    public_inquiry_service_levels,
    public_median_first_response_hours,
)
from investors.services import event_register, inquiry_submit, public_event_open
from projects.models import Category
from stats.bulletin import period_span
from stats.selectors import city_figure, latest_published

from . import selectors
from .cache import cached_public_page
from .forms import EventRegistrationForm
from .models import PageSection
from .services import opportunity_inquiry_submit, opportunity_open

KEY_METRICS = (
    "new_fie_count",
    "total_investment_cny_10k",
    "contracted_fdi_usd_10k",
    "utilized_fdi_usd_10k",
)


def param(request, name: str, max_length: int) -> str:
    """A query parameter, bounded and without the control characters a database refuses."""
    value = request.GET.get(name, "")[:max_length]
    return "".join(ch for ch in value if ch.isprintable())


def missing_text(obj, *fields: str) -> bool:
    """True when a field has Chinese text but none in the active language: the page then
    says it has no text in this language instead of showing the Chinese."""
    return any(getattr(obj, f"{f}_zh_hans", "") and localized(obj, f) is None for f in fields)


def key_figures() -> dict:
    """The city's year-to-date figures from the last published snapshot (drafts are never
    public), or nothing before a period is published."""
    snapshot = latest_published()
    figure = city_figure(snapshot)
    if not figure:
        return {"snapshot": None, "figures": None, "span": ""}
    return {
        "snapshot": snapshot,
        "figures": [
            {"key": m, "value": figure.value(m, "ytd"), "yoy": figure.yoy_pct(m)}
            for m in KEY_METRICS
        ],
        "span": period_span(snapshot.year, snapshot.month, get_language()),
    }


@require_safe
@cached_public_page
def home(request):
    """Hero and call to action, key figures, industry cards, the project showcase, news."""
    return render(
        request,
        "website/home.html",
        {
            **key_figures(),
            "industries": list(selectors.in_active_language(selectors.industries(), "name")[:6]),
            "projects": list(selectors.in_active_language(selectors.public_projects(), "name")[:6]),
            "news": list(selectors.in_active_language(selectors.news_list(), "title")[:3]),
            "video": selectors.videos().first(),
        },
    )


@require_safe
@cached_public_page
def section(request, section):
    if section not in PageSection.values:
        raise Http404
    pages = list(selectors.pages_in(section))
    return render(
        request,
        "website/section.html",
        {
            "section": section,
            "section_label": PageSection(section).label,
            "pages": pages,
            "nav": section,
        },
    )


@require_safe
@cached_public_page
def page(request, slug):
    obj = selectors.page_get(slug)
    if obj is None:
        raise Http404
    return render(request, "website/page.html", page_context(obj))


def page_context(obj) -> dict:
    return {
        "obj": obj,
        "nav": obj.section,
        "section_label": PageSection(obj.section).label,
        "siblings": list(selectors.pages_in(obj.section).exclude(pk=obj.pk or 0)),
        "untranslated": missing_text(obj, "title", "summary", "body"),
    }


@require_safe
@cached_public_page
def industries(request):
    items = list(selectors.in_active_language(selectors.industries(), "name"))
    return render(request, "website/industries.html", {"items": items, "nav": "industries"})


@require_safe
@cached_public_page
def industry(request, slug):
    obj = selectors.industry_get(slug)
    if obj is None:
        raise Http404
    return render(request, "website/industry.html", industry_context(obj))


def industry_context(obj) -> dict:
    tags = list(obj.tags.all()) if obj.pk else []
    return {
        "obj": obj,
        "nav": "industries",
        "projects": list(
            selectors.in_active_language(selectors.industry_projects(obj), "name")[:12]
        )
        if obj.pk
        else [],
        "opportunities": list(selectors.industry_opportunities(obj)) if obj.pk else [],
        "project_tags": tags,
        "policies": list(selectors.industry_policies(obj)) if obj.pk else [],
        "chain_maps": public_chain_maps(obj.slug) if obj.pk else [],
        "untranslated": missing_text(obj, "name", "summary", "body"),
    }


@require_safe
@cached_public_page(params=("industry", "category", "tag", "page"))
def projects(request):
    industry = param(request, "industry", 1)
    category = param(request, "category", 20)
    tag = param(request, "tag", 50)
    qs = selectors.public_project_filter(industry=industry, category=category, tag=tag)
    qs = selectors.in_active_language(qs, "name")
    page_obj = Paginator(qs, 12).get_page(request.GET.get("page"))
    return render(
        request,
        "website/projects.html",
        {
            "page_obj": page_obj,
            "sections": selectors.public_industry_sections(),
            "categories": Category.choices,
            "current": {"industry": industry.upper(), "category": category, "tag": tag},
            "filtered": bool(industry or category or tag),
            "nav": "projects",
        },
    )


@require_safe
@cached_public_page
def project(request, pk):
    obj = selectors.public_project_get(pk)
    if obj is None:
        raise Http404
    return render(
        request,
        "website/project.html",
        {
            "obj": obj,
            "nav": "projects",
            "inquiry_url": f"{reverse('website:inquiry')}?project={obj.pk}",
            "untranslated": missing_text(obj, "name", "description"),
        },
    )


@require_safe
@cached_public_page(params=("page",))
def news_list(request):
    news = selectors.in_active_language(selectors.news_list(), "title")
    page_obj = Paginator(news, 10).get_page(request.GET.get("page"))
    return render(request, "website/news_list.html", {"page_obj": page_obj, "nav": "news"})


@require_safe
@cached_public_page
def news_detail(request, pk):
    obj = selectors.news_get(pk)
    if obj is None:
        raise Http404
    return render(request, "website/news_detail.html", news_context(obj))


def news_context(obj) -> dict:
    return {
        "obj": obj,
        "nav": "news",
        "untranslated": missing_text(obj, "title", "summary", "body"),
    }


@require_safe
@cached_public_page
def video(request):
    return render(
        request, "website/video.html", {"videos": list(selectors.videos()), "nav": "video"}
    )


@require_safe
@cached_public_page
def contact(request):
    return render(
        request,
        "website/contact.html",
        {
            "points": list(selectors.contact_points()),
            "service_levels": public_inquiry_service_levels(),
            "pages": list(selectors.pages_in("services")),
            "nav": "contact",
        },
    )


@require_safe
def search(request):
    results = selectors.search(param(request, "q", selectors.SEARCH_MAX_LENGTH))
    return render(request, "website/search.html", {"results": results})


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        *(f"Disallow: /{lang}/{p}/" for lang, _n in settings.LANGUAGES for p in PRIVATE_PATHS),
        "Disallow: /api/",
        "Disallow: /i18n/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


PRIVATE_PATHS = ("staff", "admin", "accounts", "search")


def inquiry(request):
    """The public inquiry form: the investor database's `InquiryForm` and `inquiry_submit`
    (spam defences, routing to the industry's contact, acknowledgement email). Opened from a
    project page (`?project=<id>`) or an industry page (`?industry=<slug>`), it names what
    the visitor asks about."""
    opportunity = _about_opportunity(request)
    project = None if opportunity else _about_project(request)
    industry = _about_industry(request)
    initial = {}
    if opportunity is not None:
        initial["industry"] = opportunity.sector_id
        name = localized_or_marked(opportunity, "name")
        initial["interest"] = (_("Opportunity: %(name)s") % {"name": name})[:200]
    elif project is not None:
        initial["industry"] = project.industry_id
        name = localized_or_marked(project, "name")
        initial["interest"] = (_("Project: %(name)s") % {"name": name})[:200]
    elif industry is not None:
        initial["interest"] = (localized(industry, "name") or industry.name_zh_hans)[:200]
    form = InquiryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        args = {
            **form.submission(),
            "ip": client_ip(request),
            "language": get_language(),
        }
        try:
            if opportunity is not None:
                sent = opportunity_inquiry_submit(opportunity=opportunity, **args)
            else:
                sent = inquiry_submit(**args)
        except DomainError as exc:
            exc.add_to(form)
        else:
            request.session["website_inquiry_ref"] = sent.reference
            return redirect("website:inquiry_sent")
    return render(
        request,
        "website/inquiry.html",
        {
            "form": form,
            "project": project,
            "opportunity": opportunity,
            "industry": industry,
            "nav": "contact",
            "median_hours": public_median_first_response_hours(),
            "service_levels": public_inquiry_service_levels(),
        },
    )


def _about_opportunity(request):
    pk = param(request, "opportunity", 12)
    if not pk.isdigit():
        return None
    opp = selectors.public_opportunity_get(pk)
    return opp if opp is not None and opportunity_open(opp) else None


def _about_project(request):
    pk = param(request, "project", 12)
    return selectors.public_project_get(pk) if pk.isdigit() else None


def _about_industry(request):
    slug = param(request, "industry", 80)
    return selectors.industry_get(slug) if slug else None


@require_safe
def inquiry_sent(request):
    reference = request.session.get("website_inquiry_ref")
    if not reference:
        return redirect("website:inquiry")
    return render(request, "website/inquiry_sent.html", {"reference": reference})


# ---- opportunities, events, stories --------------------------------------------------------


def size_band_choices():
    """The investment-size filter's choices, built per request in the page's language."""
    return [
        ("s", _("Under 100 million CNY")),
        ("m", _("100 to 500 million CNY")),
        ("l", _("500 million CNY and more")),
    ]


@require_safe
@cached_public_page(params=("sector", "zone", "size", "page"))
def opportunities(request):
    sector = param(request, "sector", 1)
    zone = param(request, "zone", 12)
    size = param(request, "size", 1)
    qs = selectors.public_opportunity_filter(sector=sector, zone=zone, size=size)
    page_obj = Paginator(qs, 12).get_page(request.GET.get("page"))
    return render(
        request,
        "website/opportunities.html",
        {
            "page_obj": page_obj,
            "sectors": selectors.opportunity_sectors(),
            "zones": selectors.opportunity_zones(),
            "sizes": size_band_choices(),
            "current": {"sector": sector.upper(), "zone": zone, "size": size},
            "filtered": bool(sector or zone or size),
            "nav": "opportunities",
        },
    )


@require_safe
@cached_public_page
def opportunity(request, pk):
    obj = selectors.public_opportunity_get(pk)
    if obj is None:
        raise Http404
    is_open = opportunity_open(obj)
    return render(
        request,
        "website/opportunity.html",
        {
            "obj": obj,
            "nav": "opportunities",
            "expired": obj.valid_until < timezone.localdate(),
            "is_open": is_open,
            "inquiry_url": f"{reverse('website:inquiry')}?opportunity={obj.pk}",
            "untranslated": missing_text(obj, "name", "summary"),
            "policies": list(selectors.policies_for(section=obj.sector)),
        },
    )


@require_safe
def events(request):
    """Not cached: a promotion activity changes in the investor database, which does not move
    the site's content version."""
    return render(request, "website/events.html", {**selectors.events_calendar(), "nav": "events"})


def event_register_view(request, pk):
    """Registration of interest in a public event: a lead (an inquiry linked to the event),
    with the inquiry form's spam defences."""
    event = selectors.public_event_get(pk)
    if event is None:
        raise Http404
    is_open = public_event_open(event)
    form = EventRegistrationForm(request.POST or None)
    if request.method == "POST" and is_open and form.is_valid():
        try:
            sent = event_register(
                activity=event,
                **form.submission(),
                ip=client_ip(request),
                language=get_language(),
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            request.session["website_inquiry_ref"] = sent.reference
            return redirect("website:inquiry_sent")
    return render(
        request,
        "website/event_register.html",
        {"event": event, "form": form, "is_open": is_open, "nav": "events"},
    )


@require_safe
@cached_public_page
def stories(request):
    return render(
        request,
        "website/stories.html",
        {"stories": list(selectors.success_stories()), "nav": "stories"},
    )


@require_safe
@cached_public_page
def downloads(request):
    return render(
        request,
        "website/downloads.html",
        {
            "industries": [i for i in selectors.industries() if localized(i, "name")],
            "zones": [z for z in selectors.fact_sheet_zones() if localized(z, "name")],
            "nav": "downloads",
        },
    )


@require_safe
def industry_fact_sheet(request, slug):
    from .factsheets import industry_sheet

    obj = selectors.industry_get(slug)
    if obj is None:
        raise Http404
    return _pdf(industry_sheet(obj).build(), f"factsheet-{obj.slug}-{get_language()}.pdf")


@require_safe
def zone_fact_sheet(request, pk):
    from .factsheets import zone_sheet

    zone = selectors.fact_sheet_zones().filter(pk=pk).first()
    if zone is None:
        raise Http404
    return _pdf(zone_sheet(zone).build(), f"factsheet-zone-{zone.pk}-{get_language()}.pdf")


def _pdf(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@never_cache
def inquiry_track(request):
    """Follow an inquiry by its reference and the e-mail address it was sent from: status and
    the answers. Posted, so the address stays out of links and logs; a wrong reference and a
    wrong address get the same answer (`investors.selectors.inquiry_lookup`)."""
    form = InquiryTrackForm(request.POST or None)
    found, not_found = None, False
    if request.method == "POST" and form.is_valid():
        found = inquiry_lookup(form.cleaned_data["reference"], form.cleaned_data["email"])
        not_found = found is None
    return render(
        request,
        "website/inquiry_track.html",
        {
            "form": form,
            "inquiry": found,
            "answers": list(found.answers.all()) if found else [],
            "not_found": not_found,
            "nav": "contact",
            "service_levels": public_inquiry_service_levels(),
        },
    )
