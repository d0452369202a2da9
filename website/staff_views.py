"""Staff pages that edit the public site: a list per kind of content, an editor with both
languages, a preview of unsaved text in both languages, and publish / unpublish. Bureau staff
and administrators only (others get 403)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.utils.translation import override as language_override
from django.views.decorators.http import require_POST

from config.errors import DomainError

from . import investor_views, selectors, staff_forms, views
from .models import (
    CityVideo,
    ContactPoint,
    CostItem,
    GuideStep,
    Industry,
    Listing,
    NewsItem,
    Page,
    Policy,
    SuccessStory,
    Zone,
)
from .services import (
    can_edit_site,
    content_publish,
    content_save,
    content_unpublish,
    content_verify,
)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type
    form: type
    title_field: str
    preview_template: str


KINDS = {
    k.key: k
    for k in (
        Kind(
            "pages",
            pgettext_lazy("site content", "Pages"),
            Page,
            staff_forms.PageForm,
            "title",
            "page",
        ),
        Kind("news", gettext_lazy("News"), NewsItem, staff_forms.NewsItemForm, "title", "news"),
        Kind(
            "industries",
            gettext_lazy("Industries and resources"),
            Industry,
            staff_forms.IndustryForm,
            "name",
            "industry",
        ),
        Kind(
            "contacts",
            gettext_lazy("Contact points"),
            ContactPoint,
            staff_forms.ContactPointForm,
            "name",
            "contact",
        ),
        Kind(
            "videos",
            gettext_lazy("City video"),
            CityVideo,
            staff_forms.CityVideoForm,
            "title",
            "video",
        ),
        Kind(
            "stories",
            gettext_lazy("Success stories"),
            SuccessStory,
            staff_forms.SuccessStoryForm,
            "title",
            "story",
        ),
        Kind(
            "policies", gettext_lazy("Policies"), Policy, staff_forms.PolicyForm, "title", "policy"
        ),
        Kind(
            "guide",
            gettext_lazy("Setup guide"),
            GuideStep,
            staff_forms.GuideStepForm,
            "title",
            "guide",
        ),
        Kind(
            "zones",
            gettext_lazy("Development zones"),
            Zone,
            staff_forms.ZoneForm,
            "name",
            "zone",
        ),
        Kind(
            "plots",
            gettext_lazy("Plots and premises"),
            Listing,
            staff_forms.ListingForm,
            "name",
            "listing",
        ),
        Kind(
            "costs",
            gettext_lazy("Cost of doing business"),
            CostItem,
            staff_forms.CostItemForm,
            "label",
            "cost",
        ),
    )
}


def _editor(view):
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_edit_site(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _kind(key: str) -> Kind:
    if key not in KINDS:
        raise Http404
    return KINDS[key]


@_editor
def index(request):
    summary = []
    for kind in KINDS.values():
        qs = kind.model.objects.all()
        summary.append(
            {"kind": kind, "total": qs.count(), "published": qs.filter(status="published").count()}
        )
    return render(
        request,
        "website/staff/index.html",
        {
            "summary": summary,
            "kinds": KINDS,
            "due_for_review": len(selectors.content_due_for_review()),
        },
    )


@_editor
def content_list(request, kind):
    k = _kind(kind)
    items = k.model.objects.select_related("updated_by")
    rows = [
        {
            "item": it,
            "zh": getattr(it, f"{k.title_field}_zh_hans", ""),
            "en": getattr(it, f"{k.title_field}_en", ""),
        }
        for it in items
    ]
    return render(
        request,
        "website/staff/list.html",
        {
            "kind": k,
            "rows": rows,
            "items": items,
            "kinds": KINDS,
            "reviewed": hasattr(k.model, "next_review_on"),
        },
    )


def _missing_english(obj, form_cls) -> list[str]:
    """Labels of the fields whose Chinese text has no English counterpart yet."""
    missing = []
    form = form_cls()
    for name in form.fields:
        if name.endswith("_zh_hans") and not name.startswith("captions_"):
            base = name.removesuffix("_zh_hans")
            if getattr(obj, name, "") and not getattr(obj, f"{base}_en", ""):
                missing.append(str(form.fields[f"{base}_en"].label))
    return missing


def _preview_html(kind: Kind, obj) -> list[dict]:
    """The item as the public site shows it, in each language (unsaved text included)."""
    out = []
    for lang, label in settings.LANGUAGES:
        with language_override(lang):
            html = render_to_string(
                f"website/staff/preview_{kind.preview_template}.html",
                {**_public_context(kind, obj), "LANGUAGE_CODE": lang, "alternates": []},
            )
        out.append({"lang": lang, "label": label, "html": html})
    return out


def _public_context(kind: Kind, obj) -> dict:
    if kind.key == "pages":
        return views.page_context(obj)
    if kind.key == "industries":
        return views.industry_context(obj)
    if kind.key == "news":
        return views.news_context(obj)
    if kind.key == "contacts":
        return {"c": obj}
    if kind.key == "stories":
        return {"stories": [obj] if obj.project_id else [], "nav": "stories"}
    if kind.key == "policies":
        return investor_views.policy_context(obj)
    if kind.key == "guide":
        return investor_views.guide_context([obj])
    if kind.key == "zones":
        return investor_views.zone_context(obj)
    if kind.key == "plots":
        return {"rows": [obj], "show_zone": True, "nav": "land"}
    if kind.key == "costs":
        group = {"key": obj.category, "label": obj.get_category_display(), "items": [obj]}
        return {"groups": [group], "nav": "costs"}
    return {"v": obj}


@_editor
def edit(request, kind, pk=None):
    """Create or edit an item. *Preview* shows the submitted text in both languages as the
    public site will, without saving; *Save* keeps the item's status; *Save and publish*
    saves and puts a draft on the site."""
    k = _kind(kind)
    obj = get_object_or_404(k.model, pk=pk) if pk else None
    form = k.form(request.POST or None, request.FILES or None, instance=obj)
    preview = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "save")
        item = form.save(commit=False)
        if action == "preview":
            preview = _preview_html(k, item)
            missing = _missing_english(item, k.form)
            return render(
                request,
                "website/staff/edit.html",
                {
                    "kind": k,
                    "form": form,
                    "obj": obj,
                    "preview": preview,
                    "missing": missing,
                    "kinds": KINDS,
                },
            )
        try:
            item = content_save(
                user=request.user,
                obj=item,
                tags=form.cleaned_data.get("tags"),
                sections=form.cleaned_data.get("sections"),
            )
            if action == "publish" and not item.is_published:
                content_publish(user=request.user, obj=item)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request,
                _("Published.") if item.is_published else _("Saved as a draft (not public)."),
            )
            return redirect("sitecontent:edit", kind=k.key, pk=item.pk)
    return render(
        request,
        "website/staff/edit.html",
        {
            "kind": k,
            "form": form,
            "obj": obj,
            "missing": _missing_english(obj, k.form) if obj else [],
            "kinds": KINDS,
        },
    )


@_editor
def preview(request, kind, pk):
    """A saved item (draft or published) exactly as the public page shows it, in the page's
    language; the language switcher shows the other."""
    k = _kind(kind)
    obj = get_object_or_404(k.model, pk=pk)
    ctx = {
        **_public_context(k, obj),
        "preview": True,
        "preview_status": obj.status,
        "preview_back": reverse("sitecontent:edit", args=[k.key, obj.pk]),
    }
    template = {
        "pages": "website/page.html",
        "industries": "website/industry.html",
        "news": "website/news_detail.html",
        "contacts": "website/contact.html",
        "videos": "website/video.html",
        "stories": "website/stories.html",
        "policies": "website/policy.html",
        "guide": "website/setup_guide.html",
        "zones": "website/zone.html",
        "plots": "website/staff/public_preview.html",
        "costs": "website/costs.html",
    }[k.key]
    if k.key == "contacts":
        ctx = {**ctx, "points": [obj], "pages": []}
    elif k.key == "videos":
        ctx = {**ctx, "videos": [obj]}
    response = render(request, template, ctx)
    response["X-Robots-Tag"] = "noindex"
    return response


@_editor
@require_POST
def publish(request, kind, pk):
    k = _kind(kind)
    obj = get_object_or_404(k.model, pk=pk)
    try:
        if request.POST.get("to") == "draft":
            content_unpublish(user=request.user, obj=obj)
            messages.success(request, _("Taken off the public site; it is a draft again."))
        else:
            content_publish(user=request.user, obj=obj)
            messages.success(request, _("Published."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("sitecontent:edit", kind=k.key, pk=obj.pk)


def _kind_of(obj) -> Kind:
    return next(k for k in KINDS.values() if isinstance(obj, k.model))


@_editor
def review(request):
    """Published content not verified within WEBSITE_REVIEW_DAYS, oldest first, each with
    *Open* and *Mark as verified*."""
    rows = [{"obj": o, "kind": _kind_of(o)} for o in selectors.content_due_for_review()]
    return render(
        request,
        "website/staff/review.html",
        {
            "rows": rows,
            "kinds": KINDS,
            "review_days": settings.WEBSITE_REVIEW_DAYS,
            "cutoff": selectors.review_cutoff(),
            "reviewing": True,
        },
    )


@_editor
@require_POST
def verify(request, kind, pk):
    k = _kind(kind)
    obj = get_object_or_404(k.model, pk=pk)
    content_verify(user=request.user, obj=obj)
    messages.success(request, _("Marked as verified today."))
    if request.POST.get("next") == "edit":
        return redirect("sitecontent:edit", kind=k.key, pk=obj.pk)
    return redirect("sitecontent:review")
