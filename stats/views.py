"""Staff pages of the statistics. Thin: parse, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from config.errors import DomainError
from projects.models import Project
from projects.selectors import funnel

from . import services
from .bulletin import bulletin_text
from .calculations import parse_period
from .charts import bars, paired_months
from .exports import metric_label, stats_xlsx
from .forms import ComputeForm, ReferenceFigureForm, StatsFilterForm
from .models import METRICS, ReferenceFigure, ScopeType, StatsRun, StatsSnapshot
from .selectors import (
    ScopeLabels,
    compare,
    figures_by_type,
    monthly_utilized,
    parse_scope,
    periods_offered,
    snapshot_for_period,
    versions,
)


def _period_from(request) -> tuple[int, int]:
    try:
        return parse_period(request.GET.get("period") or "")
    except ValueError:
        return services.open_period()


def _default_scope(user) -> str:
    """District staff open on their own region's figures; everyone else on the city's."""
    if user.role == Role.DISTRICT and user.region_id:
        return f"region:{user.region_id}"
    return "city"


@login_required
def overview(request):
    year, month = _period_from(request)
    period = f"{year}-{month:02d}"
    labels = ScopeLabels()
    scopes = [("city", _("Whole city"))] + [
        (f"region:{pk}", name) for pk, name in labels.regions.items()
    ]
    form = StatsFilterForm(
        {
            "period": period,
            "scope": request.GET.get("scope") or _default_scope(request.user),
            "breakdown": request.GET.get("breakdown") or ScopeType.REGION,
        },
        periods=periods_offered(services.open_period()),
        scopes=scopes,
    )
    valid = form.is_valid()
    breakdown = (valid and form.cleaned_data["breakdown"]) or ScopeType.REGION
    scope_type, scope_key = parse_scope((valid and form.cleaned_data["scope"]) or "city")
    snapshot = snapshot_for_period(year, month)
    context = {
        "form": form,
        "period": period,
        "snapshot": snapshot,
        "year": year,
        "month": month,
        "can_manage": request.user.is_bureau_or_admin,
        "compute_form": ComputeForm(initial={"period": period}),
        "breakdown_label": dict(ScopeType.choices)[breakdown],
    }
    if snapshot:
        grouped = figures_by_type(snapshot)
        city = (
            next((f for f in grouped[scope_type] if f.scope_key == scope_key), None)
            if scope_type != ScopeType.CITY
            else (grouped[ScopeType.CITY] or [None])[0]
        )
        rows = sorted(grouped[breakdown], key=lambda f: -f.utilized_fdi_usd_10k_ytd)
        context |= {
            "city": city,
            "scope_label": labels(scope_type, scope_key),
            "city_rows": [
                {
                    "label": metric_label(m),
                    **{
                        s: city.value(m, s) for s in ("month", "ytd", "ytd_last_year", "cumulative")
                    },
                    "yoy": city.yoy_pct(m),
                }
                for m in METRICS
            ]
            if city
            else [],
            "rows": [
                {
                    "label": labels(f.scope_type, f.scope_key),
                    "f": f,
                    "yoy": f.yoy_pct("utilized_fdi_usd_10k"),
                }
                for f in rows
            ],
            "by_region": bars(
                [
                    (labels(f.scope_type, f.scope_key), f.utilized_fdi_usd_10k_ytd)
                    for f in grouped[ScopeType.REGION]
                ]
            ),
            "by_country": bars(
                [
                    (labels(f.scope_type, f.scope_key), f.utilized_fdi_usd_10k_ytd)
                    for f in grouped[ScopeType.COUNTRY]
                ]
            ),
        }
    series = monthly_utilized(year)
    context["months"] = paired_months(series[year], series[year - 1])
    context["funnel"] = funnel(Project.objects.for_user(request.user), year)
    return render(request, "stats/overview.html", context)


@login_required
@require_POST
def compute(request):
    form = ComputeForm(request.POST)
    back = reverse("stats:overview")
    if not form.is_valid():
        messages.error(request, _("Give the period as YYYY-MM."))
        return redirect(back)
    try:
        year, month = parse_period(form.cleaned_data["period"])
        run = services.stats_run_request(
            user=request.user,
            year=year,
            month=month,
            revision_reason=form.cleaned_data["revision_reason"],
        )
    except ValueError:
        messages.error(request, _("Give the period as YYYY-MM."))
        return redirect(back)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(f"{back}?period={form.cleaned_data['period']}")
    return redirect("stats:run", pk=run.pk)


@login_required
def run_detail(request, pk):
    run = get_object_or_404(StatsRun, pk=pk)
    return render(request, "stats/run.html", {"run": run})


@login_required
@require_POST
def publish(request, pk):
    snapshot = get_object_or_404(StatsSnapshot, pk=pk)
    try:
        services.stats_snapshot_publish(user=request.user, snapshot=snapshot)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Published. These figures are now frozen."))
    return redirect(f"{reverse('stats:overview')}?period={snapshot.period}")


@login_required
def bulletin(request):
    year, month = _period_from(request)
    snapshot = snapshot_for_period(year, month)
    if snapshot is None:
        raise Http404
    return render(
        request,
        "stats/bulletin.html",
        {
            "snapshot": snapshot,
            "zh": bulletin_text(snapshot, "zh-hans"),
            "en": bulletin_text(snapshot, "en"),
        },
    )


@login_required
def compare_versions(request):
    year, month = _period_from(request)
    all_versions = list(versions(year, month).order_by("version"))
    if len(all_versions) < 2:
        raise Http404
    by_version = {v.version: v for v in all_versions}
    try:
        a = by_version[int(request.GET.get("a") or all_versions[-2].version)]
        b = by_version[int(request.GET.get("b") or all_versions[-1].version)]
    except (KeyError, ValueError):
        raise Http404 from None
    labels = ScopeLabels()
    spans = {
        "month": _("month"),
        "ytd": _("year to date"),
        "ytd_last_year": _("same span last year"),
        "cumulative": _("cumulative"),
    }
    rows = [
        r
        | {
            "scope": labels(r["scope_type"], r["scope_key"]),
            "metric_label": metric_label(r["metric"]),
            "span_label": spans[r["span"]],
        }
        for r in compare(a, b)
    ]
    return render(
        request, "stats/compare.html", {"a": a, "b": b, "rows": rows, "versions": all_versions}
    )


@login_required
def export(request):
    year, month = _period_from(request)
    snapshot = snapshot_for_period(year, month)
    if snapshot is None:
        raise Http404
    body = stats_xlsx(snapshot, ScopeLabels())
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    lang = request.LANGUAGE_CODE
    response["Content-Disposition"] = (
        f'attachment; filename="fdi-{snapshot.period}-v{snapshot.version}-{lang}.xlsx"'
    )
    return response


@login_required
def references(request):
    return render(
        request,
        "stats/references.html",
        {
            "figures": ReferenceFigure.objects.all(),
            "can_manage": request.user.is_bureau_or_admin,
        },
    )


@login_required
def reference_edit(request, pk=None):
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    if pk:
        instance = get_object_or_404(ReferenceFigure, pk=pk)
    else:
        # Reference figures usually arrive for last month.
        today = timezone.localdate()
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        instance = ReferenceFigure(year=year, month=month)
    form = ReferenceFigureForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.reference_figure_save(user=request.user, instance=form.instance)
        messages.success(request, _("Reference figures saved."))
        return redirect("stats:references")
    return render(
        request, "projects/simple_form.html", {"form": form, "title": _("Reference figures")}
    )
