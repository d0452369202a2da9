"""Public pages for investors (issue 21, points 2–5): the policy library, the setup guide,
development zones with the plots and premises finder (and its CSV and JSON downloads), and
the cost of doing business. Thin: parse the filters, read through `website.selectors`,
render."""

import csv
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.exports import neutralize
from config.i18n import localized_or_source

from . import selectors
from .cache import cached_public_page
from .models import ListingKind, PriceBasis, Zoning
from .public_forms import ListingFilterForm, PolicyFilterForm
from .views import missing_text

MAX_QUERY = 40  # a filter value is short; a longer one is cut, never passed on whole


def _get(request) -> dict:
    return {k: v[:MAX_QUERY] for k, v in request.GET.items()}


@require_safe
@cached_public_page(params=tuple(PolicyFilterForm.base_fields))
def policies(request):
    form = PolicyFilterForm(_get(request))
    if form.is_valid():
        d = form.cleaned_data
        items = selectors.policies_for(
            section=d["industry"] or None, incentive=d["incentive"] or None
        )
        status = 200
    else:
        items, status = [], 400
    return render(
        request,
        "website/policies.html",
        {
            "form": form,
            "items": list(items),
            "filtered": any(request.GET.get(k) for k in form.fields),
            "nav": "policy",
        },
        status=status,
    )


@require_safe
@cached_public_page
def policy(request, pk):
    obj = selectors.policy_get(pk)
    if obj is None:
        raise Http404
    return render(request, "website/policy.html", policy_context(obj))


def policy_context(obj) -> dict:
    return {
        "obj": obj,
        "nav": "policy",
        "expired": obj.is_expired(),
        "not_yet": obj.effective_on and obj.effective_on > timezone.localdate(),
        "sections": list(obj.sections.all()) if obj.pk else [],
        "untranslated": missing_text(obj, "title", "summary", "text"),
    }


@require_safe
@cached_public_page
def setup_guide(request):
    steps = list(selectors.guide_steps())
    return render(request, "website/setup_guide.html", guide_context(steps))


def guide_context(steps) -> dict:
    return {
        "steps": steps,
        "total_days": selectors.guide_total_days(steps),
        "untranslated_steps": [s for s in steps if missing_text(s, "title", "summary")],
        "nav": "guide",
    }


@require_safe
@cached_public_page
def zones(request):
    return render(request, "website/zones.html", {"items": list(selectors.zones()), "nav": "land"})


@require_safe
@cached_public_page
def zone(request, slug):
    obj = selectors.zone_get(slug)
    if obj is None:
        raise Http404
    return render(request, "website/zone.html", zone_context(obj))


def zone_context(obj) -> dict:
    return {
        "obj": obj,
        "nav": "land",
        "sections": list(obj.sections.all()) if obj.pk else [],
        "listings": list(selectors.listing_filter(zone=obj)) if obj.pk else [],
        "untranslated": missing_text(obj, "name", "summary", "body"),
    }


def _listing_form(request):
    form = ListingFilterForm(_get(request))
    if form.is_valid():
        return form, selectors.listing_filter(**form.filters())
    return form, None


@require_safe
@cached_public_page(params=tuple(ListingFilterForm.base_fields))
def land(request):
    form, rows = _listing_form(request)
    # The downloads get the filters the page applied, as the form read them.
    query = urlencode({k: form.data[k] for k in form.fields if form.data.get(k)})
    return render(
        request,
        "website/land.html",
        {
            "form": form,
            "items": list(rows) if rows is not None else [],
            "filtered": any(request.GET.get(k) for k in form.fields),
            "query": query,
            "nav": "land",
        },
        status=200 if rows is not None else 400,
    )


def listing_record(item) -> dict:
    """One row of the downloads, in the active language (the Chinese text where the English
    is missing; `missing_english` says so)."""
    name, missing = localized_or_source(item, "name")
    zone_name, _m = localized_or_source(item.zone, "name")
    contact, _m = localized_or_source(item, "contact_name")
    return {
        "reference": item.code,
        "zone": zone_name,
        "kind": str(ListingKind(item.kind).label),
        "name": name,
        "area_m2": str(item.area_m2),
        "price_cny": str(item.price_cny),
        "price_basis": str(PriceBasis(item.price_basis).label),
        "zoning": str(Zoning(item.zoning).label),
        "utilities": item.utility_labels(),
        "available_from": item.available_from.isoformat(),
        "contact_name": contact,
        "contact_phone": item.contact_phone,
        "contact_email": item.contact_email,
        "reviewed_on": item.reviewed_on.isoformat(),
        "missing_english": missing,
    }


def _bad_filters(form) -> JsonResponse:
    return JsonResponse(
        {name: [str(e) for e in errs] for name, errs in form.errors.items()}, status=400
    )


@require_safe
def land_json(request):
    form, rows = _listing_form(request)
    if rows is None:
        return _bad_filters(form)
    records = [listing_record(i) for i in rows]
    return JsonResponse(
        {"count": len(records), "results": records},
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def land_csv(request):
    form, rows = _listing_form(request)
    if rows is None:
        return _bad_filters(form)
    headers = {
        "reference": _("Reference"),
        "zone": _("Development zone"),
        "kind": _("Kind"),
        "name": _("Name"),
        "area_m2": _("Area (m²)"),
        "price_cny": _("Price (CNY)"),
        "price_basis": _("Price basis"),
        "zoning": _("Zoning"),
        "utilities": _("Utilities"),
        "available_from": _("Available as of"),
        "contact_name": _("Contact person"),
        "contact_phone": _("Phone"),
        "contact_email": _("Email"),
        "reviewed_on": _("Last reviewed on"),
        "missing_english": _("No English text yet"),
    }
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plots-and-premises.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 only with the byte-order mark
    writer = csv.writer(response)
    writer.writerow(headers.values())
    for item in rows:
        rec = listing_record(item)
        rec["utilities"] = "; ".join(rec["utilities"])
        rec["missing_english"] = _("yes") if rec["missing_english"] else ""
        writer.writerow(neutralize(str(rec[k])) for k in headers)
    return response


@require_safe
@cached_public_page
def costs(request):
    groups = selectors.cost_groups()
    return render(
        request,
        "website/costs.html",
        {
            "groups": groups,
            "latest": max((i.reviewed_on for g in groups for i in g["items"]), default=None),
            "nav": "costs",
        },
    )
