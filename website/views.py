"""Public pages of the investment site. Thin: read through `website.selectors`, render."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.errors import DomainError
from config.i18n import localized, localized_or_marked
from investors.forms import InquiryForm, InquiryTrackForm
from investors.selectors import (
    inquiry_lookup,
    public_inquiry_service_levels,
    public_median_first_response_hours,
)
from investors.services import inquiry_submit
from projects.models import Category
from stats.bulletin import period_span
from stats.selectors import city_figure, latest_published

from . import selectors
from .cache import cached_public_page
from .models import PageSection

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


@require_GET
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


@require_GET
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


@require_GET
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


@require_GET
@cached_public_page
def industries(request):
    items = list(selectors.in_active_language(selectors.industries(), "name"))
    return render(request, "website/industries.html", {"items": items, "nav": "industries"})


@require_GET
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
        "project_tags": tags,
        "untranslated": missing_text(obj, "name", "summary", "body"),
    }


@require_GET
@cached_public_page
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


@require_GET
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


@require_GET
@cached_public_page
def news_list(request):
    news = selectors.in_active_language(selectors.news_list(), "title")
    page_obj = Paginator(news, 10).get_page(request.GET.get("page"))
    return render(request, "website/news_list.html", {"page_obj": page_obj, "nav": "news"})


@require_GET
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


@require_GET
@cached_public_page
def video(request):
    return render(
        request, "website/video.html", {"videos": list(selectors.videos()), "nav": "video"}
    )


@require_GET
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


@require_GET
def search(request):
    results = selectors.search(param(request, "q", selectors.SEARCH_MAX_LENGTH))
    return render(request, "website/search.html", {"results": results})


@require_GET
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
    project = _about_project(request)
    industry = _about_industry(request)
    initial = {}
    if project is not None:
        initial["industry"] = project.industry_id
        name = localized_or_marked(project, "name")
        initial["interest"] = (_("Project: %(name)s") % {"name": name})[:200]
    elif industry is not None:
        initial["interest"] = (localized(industry, "name") or industry.name_zh_hans)[:200]
    form = InquiryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sent = inquiry_submit(
                **form.submission(), ip=request.META.get("REMOTE_ADDR", ""), language=get_language()
            )
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
            "industry": industry,
            "nav": "contact",
            "median_hours": public_median_first_response_hours(),
            "service_levels": public_inquiry_service_levels(),
        },
    )


def _about_project(request):
    pk = param(request, "project", 12)
    return selectors.public_project_get(pk) if pk.isdigit() else None


def _about_industry(request):
    slug = param(request, "industry", 80)
    return selectors.industry_get(slug) if slug else None


@require_GET
def inquiry_sent(request):
    reference = request.session.get("website_inquiry_ref")
    if not reference:
        return redirect("website:inquiry")
    return render(request, "website/inquiry_sent.html", {"reference": reference})


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
