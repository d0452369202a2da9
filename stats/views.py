"""Staff pages of the statistics. Thin: parse, call a service or selector, render."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from config.errors import DomainError
from config.replica import reads_replica
from projects.models import Project
from projects.selectors import funnel
from reference.models import Region, RegionKind

from . import bulletin_files, province, services
from .bulletin import build_bulletin, opening_note, stale_references
from .calculations import parse_period
from .charts import bars, paired_months
from .drift import (
    change_sentence,
    changes_affecting,
    draft_stale_reason,
    drift,
    opening_drift,
)
from .engine import region_descendants
from .exports import metric_label, stats_xlsx
from .forms import (
    ComputeForm,
    LineResolveForm,
    MonthlyReportForm,
    OpeningFigureForm,
    OpeningImportForm,
    ProvinceSentForm,
    ReconciliationImportForm,
    ReferenceFigureForm,
    ReportWithdrawForm,
    StatsFilterForm,
)
from .models import (
    METRICS,
    SPANS,
    LineKind,
    MonthlyReport,
    OpeningFigure,
    ProvinceReportSend,
    Reconciliation,
    ReferenceFigure,
    ScopeType,
    SnapshotStatus,
    StatsRun,
    reports_required,
)
from .opening import opening_import, template_xlsx
from .selectors import (
    DefaultPeriod,
    ReportState,
    ScopeLabels,
    StatsAccess,
    compare,
    growth_basis,
    last_closed_period,
    monthly_utilized,
    parse_scope,
    periods_offered,
    region_breakdown,
    report_grid,
    report_regions,
    report_state,
    snapshot_for_period,
    span_label,
    utilized_by,
    versions,
)


def _period_from(request, scope=None) -> tuple[int, int, DefaultPeriod | None]:
    """The period asked for in `?period=`, else the default period for this reader (the
    latest with figures, `StatsAccess.default_period`), which the page then names."""
    try:
        year, month = parse_period(request.GET.get("period") or "")
    except ValueError:
        default = StatsAccess(request.user).default_period(scope)
        return default.year, default.month, default
    return year, month, None


def _default_scope(user) -> str:
    """District staff open on their own region with its zones; everyone else on the city."""
    if user.role == Role.DISTRICT and user.region_id:
        has_zones = Region.objects.filter(parent_id=user.region_id).exists()
        return f"{'region_tree' if has_zones else 'region'}:{user.region_id}"
    return "city"


def _scope_choices(labels: ScopeLabels) -> list[tuple[str, str]]:
    """The city, then each region by itself, preceded by "with its zones" where it has any."""
    choices = [("city", _("Whole city"))]
    regions = Region.objects.exclude(kind=RegionKind.CITY).annotate(zones=Count("children"))
    for r in regions:
        if r.zones:
            choices.append((f"region_tree:{r.pk}", labels(ScopeType.REGION_TREE, str(r.pk))))
        choices.append((f"region:{r.pk}", labels(ScopeType.REGION, str(r.pk))))
    for key in labels.chains:
        choices.append((f"chain:{key}", labels(ScopeType.CHAIN, key)))
    return choices


def _scope_bars(access, snapshot, figures, scope, labels, year, month):
    """The region and country bars for the chosen scope, from the snapshot where it holds
    them, else from the records now (when the user may read them). Returns (region bars,
    country bars, whether either is live)."""
    scope_type, key = scope
    grouped = {t: [] for t in ScopeType.values}
    for f in region_breakdown(figures, labels.city_keys):
        grouped[f.scope_type].append(f)
    live = False
    if scope_type == ScopeType.CITY:
        regions = [(f.scope_key, f.utilized_fdi_usd_10k_ytd) for f in grouped[ScopeType.REGION]]
        countries = [(f.scope_key, f.utilized_fdi_usd_10k_ytd) for f in grouped[ScopeType.COUNTRY]]
    else:
        if scope_type in (ScopeType.REGION, ScopeType.REGION_TREE) and key.isdigit():
            inside = {str(pk) for pk in region_descendants(int(key))}
            if scope_type == ScopeType.REGION:
                inside = {key}
            regions = [
                (f.scope_key, f.utilized_fdi_usd_10k_ytd)
                for f in grouped[ScopeType.REGION]
                if f.scope_key in inside
            ]
        else:
            regions = None
        if not access.reads_draft_scope(scope_type, key):
            return (
                bars([(labels(ScopeType.REGION, k), v) for k, v in regions or []]),
                None,
                False,
            )
        live = True
        if regions is None:
            regions = [(k, v) for _t, k, v in utilized_by(year, month, scope, "region")]
        countries = [(k, v) for _t, k, v in utilized_by(year, month, scope, "country")]
    return (
        bars([(labels(ScopeType.REGION, k), v) for k, v in regions]),
        bars([(labels(ScopeType.COUNTRY, k), v) for k, v in countries]),
        live,
    )


@login_required
@reads_replica
def overview(request):
    try:
        asked_scope = parse_scope(request.GET.get("scope") or _default_scope(request.user))
    except ValueError:
        asked_scope = parse_scope(_default_scope(request.user))
    year, month, default = _period_from(request, asked_scope)
    period = f"{year}-{month:02d}"
    access = StatsAccess(request.user)
    labels = ScopeLabels()
    offered = periods_offered(services.open_period())
    form = StatsFilterForm(
        {
            "period": period,
            "scope": request.GET.get("scope") or _default_scope(request.user),
            "breakdown": request.GET.get("breakdown") or ScopeType.REGION,
        },
        periods=offered,
        scopes=_scope_choices(labels),
    )
    valid = form.is_valid()
    breakdown = (valid and form.cleaned_data["breakdown"]) or ScopeType.REGION
    scope = parse_scope((valid and form.cleaned_data["scope"]) or _default_scope(request.user))
    snapshot = access.snapshot_for(year, month, scope)
    hidden_draft = snapshot is None and snapshot_for_period(year, month) is not None
    context = {
        "form": form,
        "period": period,
        "default_period": default,
        "snapshot": snapshot,
        "hidden_draft": hidden_draft,
        "year": year,
        "month": month,
        "access": access,
        "can_manage": access.manages,
        "compute_form": ComputeForm(initial={"period": period}),
        "breakdown_label": dict(ScopeType.choices)[breakdown],
        "scope_label": labels(*scope),
    }
    if snapshot:
        figures = list(access.figures(snapshot))
        figure = next((f for f in figures if (f.scope_type, f.scope_key) == scope), None)
        rows = sorted(
            (f for f in region_breakdown(figures, labels.city_keys) if f.scope_type == breakdown),
            # The city level (市本级) after the districts, counties and zones, as a bureau's
            # tables list it.
            key=lambda f: (
                f.scope_type == ScopeType.REGION and f.scope_key in labels.city_keys,
                -f.utilized_fdi_usd_10k_ytd,
            ),
        )
        by_region, by_country, bars_live = _scope_bars(
            access, snapshot, figures, scope, labels, year, month
        )
        context |= {
            "city": figure,
            "city_rows": [
                {
                    "label": metric_label(m),
                    **{s: figure.value(m, s) for s in SPANS},
                    "yoy": figure.yoy_pct(m),
                }
                for m in METRICS
            ]
            if figure
            else [],
            "rows": [
                {
                    "label": labels(f.scope_type, f.scope_key),
                    "f": f,
                    "yoy": f.yoy_pct("utilized_fdi_usd_10k"),
                }
                for f in rows
            ],
            "by_region": by_region,
            "by_country": by_country,
            "bars_live": bars_live,
            "growth_basis": growth_basis(snapshot, figure, scope) if figure else None,
            "opening_note": opening_note() if figure and figure.base_from_opening else None,
        }
        if access.reads_draft_scope(*scope):
            context["opening_drift"] = [
                {
                    "label": metric_label(r.metric),
                    "span": span_label(r.span),
                    "published": r.published,
                    "now": r.now,
                    "difference": r.difference,
                }
                for r in opening_drift(year, month, scope)
            ]
        if snapshot.status == SnapshotStatus.PUBLISHED and access.reads_draft_scope(*scope):
            context["drift"] = [
                {
                    "label": metric_label(r.metric),
                    "span": span_label(r.span),
                    "published": r.published,
                    "now": r.now,
                    "difference": r.difference,
                }
                for r in drift(snapshot, figure, scope)
            ]
            context["causes"] = [
                {
                    "sentence": change_sentence(c),
                    # The project to open: an arrival's, or the project itself unless deleted.
                    "project_id": c.project_id
                    if c.kind != "project"
                    else (None if c.what == "deleted" else c.pk),
                }
                for c in (changes_affecting(snapshot) if context["drift"] else [])
            ]
        if snapshot.status == SnapshotStatus.DRAFT and access.manages:
            context["stale"] = draft_stale_reason(snapshot)
            # Reference figures the bulletin will leave out: said beside the publish button.
            context["bulletin_stale"] = len(stale_references(snapshot))
    if access.reads_draft_scope(*scope):
        series = monthly_utilized(year, scope)
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
    if form.cleaned_data["revision_reason"].strip() and request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the published figures change."))
        return redirect(f"{back}?period={form.cleaned_data['period']}")
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
    if not StatsAccess(request.user).reads_runs:
        raise Http404
    run = get_object_or_404(StatsRun, pk=pk)
    return render(request, "stats/run.html", {"run": run})


def _province_snapshot(request, pk):
    """The snapshot whose province tables this reader may see: the whole city's readers
    (admin, bureau, the 110 office) only; 404 for the others, as for any object outside a
    role."""
    access = StatsAccess(request.user)
    if not access.reads_all:
        raise Http404
    return get_object_or_404(access.snapshots(), pk=pk)


@login_required
def province_page(request, pk):
    """The province's monthly tables of a published version, their downloads in both
    languages, and the log of the versions sent (with the 'mark as sent' form)."""
    snapshot = _province_snapshot(request, pk)
    try:
        tables = province.tables(snapshot)
        refusal = None
    except DomainError as exc:
        tables, refusal = [], str(exc.message)
    return render(
        request,
        "stats/province.html",
        {
            "snapshot": snapshot,
            "tables": tables,
            "refusal": refusal,
            "headers": province.span_headers(snapshot),
            "notes": province.notes(snapshot) if tables else [],
            "sends": ProvinceReportSend.objects.filter(snapshot__year=snapshot.year)
            .filter(snapshot__month=snapshot.month)
            .select_related("snapshot", "sent_by"),
            "can_manage": request.user.is_bureau_or_admin,
            "form": ProvinceSentForm(),
        },
    )


@login_required
def province_download(request, pk, fmt):
    """The tables as xlsx or PDF, `?lang=zh-hans` (default) or `en`; 404 for a draft."""
    snapshot = _province_snapshot(request, pk)
    lang = "en" if request.GET.get("lang") == "en" else "zh-hans"
    if fmt not in ("xlsx", "pdf"):
        raise Http404
    try:
        body = province.xlsx(snapshot, lang) if fmt == "xlsx" else province.pdf(snapshot, lang)
    except DomainError:
        raise Http404 from None
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if fmt == "xlsx"
        else "application/pdf"
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="province-{snapshot.period}-v{snapshot.version}-{lang}.{fmt}"'
    )
    return response


@login_required
@require_POST
def province_sent(request, pk):
    """Record that this version's tables went to the province (bureau and admin)."""
    snapshot = _province_snapshot(request, pk)
    form = ProvinceSentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the tables sent."))
    else:
        try:
            services.province_report_mark_sent(
                user=request.user, snapshot=snapshot, **form.cleaned_data
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Recorded as sent to the province."))
    return redirect("stats:province", pk=snapshot.pk)


def _reconciliation_reader(request) -> None:
    """Reconciliations are the whole city's readers' (admin, bureau, the 110 office); 404 for
    the others."""
    if not StatsAccess(request.user).reads_all:
        raise Http404


@login_required
def reconciliations(request):
    """The reconciliations, newest first, and the import form (bureau and admin)."""
    _reconciliation_reader(request)
    can_manage = request.user.is_bureau_or_admin
    form = ReconciliationImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                year, month = parse_period(form.cleaned_data["period"])
            except ValueError as exc:
                form.add_error("period", str(exc))
            else:
                upload = form.cleaned_data["file"]
                try:
                    rec = services.reconciliation_import(
                        user=request.user,
                        year=year,
                        month=month,
                        source=form.cleaned_data["source"],
                        file_name=upload.name,
                        content=upload.read(),
                    )
                except DomainError as exc:
                    exc.add_to(form)
                else:
                    messages.success(request, _("List imported and matched."))
                    return redirect("stats:reconciliation", pk=rec.pk)
    rows = Reconciliation.objects.select_related("imported_by", "reviewed_by").annotate(
        open_lines=Count(
            "lines",
            filter=~Q(lines__kind=LineKind.MATCHED) & Q(lines__resolution=""),
        )
    )
    return render(
        request,
        "stats/reconciliations.html",
        {"rows": rows, "form": form if can_manage else None},
    )


@login_required
def reconciliation_detail(request, pk):
    _reconciliation_reader(request)
    rec = get_object_or_404(Reconciliation, pk=pk)
    lines = rec.lines.select_related("resolved_by", "arrival__project")
    return render(
        request,
        "stats/reconciliation.html",
        {
            "rec": rec,
            "lines": lines,
            "open_lines": sum(1 for line in lines if line.needs_resolution),
            "can_manage": request.user.is_bureau_or_admin and rec.status == "open",
            "form": LineResolveForm(),
        },
    )


@login_required
@require_POST
def reconciliation_resolve(request, pk, line_pk):
    _reconciliation_reader(request)
    rec = get_object_or_404(Reconciliation, pk=pk)
    line = get_object_or_404(rec.lines, pk=line_pk)
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    form = LineResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a resolution and say why."))
        return redirect("stats:reconciliation", pk=rec.pk)
    values = dict(form.cleaned_data)
    project_id = values.pop("project")
    if project_id is not None:
        values["project"] = Project.objects.editable_by(request.user).filter(pk=project_id).first()
        if values["project"] is None:
            messages.error(request, _("Unknown project."))
            return redirect("stats:reconciliation", pk=rec.pk)
    try:
        services.reconciliation_line_resolve(user=request.user, line=line, **values)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Difference resolved."))
    return redirect("stats:reconciliation", pk=rec.pk)


@login_required
@require_POST
def reconciliation_review(request, pk):
    _reconciliation_reader(request)
    rec = get_object_or_404(Reconciliation, pk=pk)
    try:
        services.reconciliation_review(user=request.user, reconciliation=rec)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Reconciliation reviewed."))
    return redirect("stats:reconciliation", pk=rec.pk)


@login_required
@require_POST
def publish(request, pk):
    snapshot = get_object_or_404(StatsAccess(request.user).snapshots(), pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the figures are checked."))
        return redirect(f"{reverse('stats:overview')}?period={snapshot.period}")
    try:
        services.stats_snapshot_publish(user=request.user, snapshot=snapshot)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Published. These figures are now frozen."))
    return redirect(f"{reverse('stats:overview')}?period={snapshot.period}")


def _bulletin_snapshot(request):
    """The period asked for (or the default one) as the reader may see it; None with the
    default period when nothing is computed yet; 404 for a period the reader may not see."""
    year, month, default = _period_from(request, (ScopeType.CITY, ""))
    snapshot = StatsAccess(request.user).snapshot_for(year, month, (ScopeType.CITY, ""))
    if snapshot is None and default is None:
        raise Http404  # an explicit period that is not there for this reader
    return snapshot, default


def _bulletin_doc(snapshot, lang: str) -> dict:
    """One language's bulletin for the page, with the draft mark in the same language."""
    with translation.override(lang):
        draft_label = _("Draft: not published")
    return {
        "key": "en" if lang == "en" else "zh",
        "html_lang": "en" if lang == "en" else "zh-Hans",
        "bulletin": build_bulletin(snapshot, lang),
        "draft_label": draft_label,
    }


@login_required
@reads_replica
def bulletin(request):
    """The bulletin in both languages, with its files; the reference figures it leaves out as
    stale are listed to staff above it (before publishing, and after)."""
    snapshot, default = _bulletin_snapshot(request)
    if snapshot is None:
        return render(request, "stats/bulletin.html", {"default_period": default})
    return render(
        request,
        "stats/bulletin.html",
        {
            "snapshot": snapshot,
            "default_period": default,
            "bulletin_docs": [_bulletin_doc(snapshot, lang) for lang in ("zh-hans", "en")],
            "stale": [s.message(snapshot) for s in stale_references(snapshot)],
        },
    )


@login_required
@reads_replica
def bulletin_download(request, fmt):
    """The bulletin as PDF or xlsx, `?period=` (default: the bulletin page's) and
    `?lang=zh-hans` (default) or `en`."""
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    snapshot, _default = _bulletin_snapshot(request)
    if snapshot is None:
        raise Http404
    lang = "en" if request.GET.get("lang") == "en" else "zh-hans"
    return bulletin_files.download(snapshot, lang, fmt)


@login_required
@reads_replica
def compare_versions(request):
    if not StatsAccess(request.user).reads_revisions:
        raise Http404
    year, month, _default = _period_from(request)
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
@reads_replica
def export(request):
    year, month, _default = _period_from(request)
    access = StatsAccess(request.user)
    snapshot = access.snapshot_for(year, month)
    if snapshot is None:
        raise Http404
    body = stats_xlsx(snapshot, ScopeLabels(), figures=access.figures(snapshot))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    lang = request.LANGUAGE_CODE
    response["Content-Disposition"] = (
        f'attachment; filename="fdi-{snapshot.period}-v{snapshot.version}-{lang}.xlsx"'
    )
    return response


def _opening_reader(user) -> None:
    if not user.is_bureau_or_admin:
        raise PermissionDenied


@login_required
def opening_figures(request):
    """The figures the city published before the portal (bureau and admin): the list, one
    month entered by hand, or a spreadsheet imported (checked whole first)."""
    _opening_reader(request.user)
    form = OpeningFigureForm(prefix="one")
    upload = OpeningImportForm(prefix="file")
    result = None
    if request.method == "POST" and "one-year" in request.POST:
        form = OpeningFigureForm(request.POST, prefix="one")
        if form.is_valid():
            data = dict(form.cleaned_data)
            head = {k: data.pop(k) for k in ("year", "month", "region", "source")}
            try:
                services.opening_figure_save(user=request.user, values=data, **head)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("The opening figures are saved."))
                return redirect("stats:opening")
    elif request.method == "POST":
        upload = OpeningImportForm(request.POST, request.FILES, prefix="file")
        if upload.is_valid():
            try:
                result = opening_import(
                    user=request.user,
                    uploaded=upload.cleaned_data["file"],
                    dry_run=upload.cleaned_data["dry_run"],
                )
            except DomainError as exc:
                exc.add_to(upload)
    return render(
        request,
        "stats/opening.html",
        {
            "figures": OpeningFigure.objects.select_related("region")[:500],
            "form": form,
            "upload": upload,
            "result": result,
        },
        status=400 if form.errors or upload.errors or (result and result["invalid"]) else 200,
    )


@login_required
def opening_template(request):
    """The opening figures' import template, headers in the page's language."""
    _opening_reader(request.user)
    response = HttpResponse(
        template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="opening-figures-{request.LANGUAGE_CODE}.xlsx"'
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


# --- monthly reports ---------------------------------------------------------------------------


def _report_year(request) -> int:
    """`?year=`: four ASCII digits between MONTHLY_REPORTS_FROM's year and next year, else the
    year of the last closed month (in January, last year's, whose December report is owed)."""
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    if re.fullmatch(r"[0-9]{4}", raw) and _first_year() <= int(raw) <= this_year + 1:
        return int(raw)
    return max(last_closed_period()[0], _first_year())


def _first_year() -> int:
    return settings.MONTHLY_REPORTS_FROM[0]


def _may_file(user) -> bool:
    return user.is_bureau_or_admin or user.role == Role.DISTRICT


@login_required
def reports(request):
    """Every region's monthly reports of a year, month by month (district staff: their own)."""
    year = _report_year(request)
    rows = report_grid(request.user, year)
    this_year = timezone.localdate().year
    return render(
        request,
        "stats/reports.html",
        {
            "year": year,
            "years": range(max(this_year, year), min(_first_year(), year) - 1, -1),
            "rows": rows,
            "months": range(1, 13),
            "states": ReportState.LABELS,
            "can_file": _may_file(request.user),
            "due_day": settings.MONTHLY_REPORT_DUE_DAY,
        },
    )


def _owed_months(limit: int = 120) -> list[str]:
    """The months that have ended and whose report is owed (from MONTHLY_REPORTS_FROM),
    newest first."""
    today = timezone.localdate()
    year, month = today.year, today.month
    out = []
    for _i in range(limit):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        if not reports_required(year, month):
            break
        out.append(f"{year}-{month:02d}")
    return out


@login_required
def report_file(request):
    """File a monthly report (district staff), or record one that reached the bureau by
    other means (bureau, administrators). `?region=&period=` preselect the grid's cell."""
    if not _may_file(request.user):
        raise PermissionDenied
    regions = report_regions(request.user)
    initial = {"region": request.GET.get("region"), "period": request.GET.get("period")}
    form = MonthlyReportForm(
        request.POST or None,
        initial=initial,
        regions=regions,
        periods=_owed_months(),
        records_arrival=request.user.is_bureau_or_admin,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        year, month = data.pop("period")
        try:
            report = services.monthly_report_file(user=request.user, year=year, month=month, **data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Monthly report filed."))
            return redirect("stats:report", pk=report.pk)
    return render(request, "stats/report_form.html", {"form": form})


@login_required
def report_detail(request, pk):
    report = get_object_or_404(
        MonthlyReport.objects.select_related("region", "recorded_by"),
        pk=pk,
        region__in=report_regions(request.user),
    )
    state = report_state(report.year, report.month, report, timezone.localdate())
    return render(
        request,
        "stats/report.html",
        {
            "report": report,
            "state_label": ReportState.LABELS[state],
            "can_withdraw": request.user.is_bureau_or_admin and not report.withdrawn_at,
        },
    )


@login_required
def report_withdraw(request, pk):
    """Withdraw a report filed in error, with the reason (bureau staff, administrators)."""
    report = get_object_or_404(
        MonthlyReport.objects.select_related("region"),
        pk=pk,
        region__in=report_regions(request.user),
    )
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    form = ReportWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.monthly_report_withdraw(
                user=request.user, report=report, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            form.add_error("reason", exc.message)
        else:
            messages.success(request, _("Report withdrawn; the month can be filed again."))
            return redirect("stats:report", pk=report.pk)
    return render(request, "stats/report_withdraw.html", {"form": form, "report": report})
