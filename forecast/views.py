"""The forecast page (one scope: the forecast, the projects that move it, the backtest) and the
summary panel the dashboard and the targets page show."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.errors import DomainError
from projects.models import Project

from . import selectors, services
from .forms import ScheduleDeleteForm, ScheduleForm
from .models import ContributionSchedule, Measure, Outlook


def _labels() -> dict:
    return {"measures": dict(Measure.choices), "outlooks": dict(Outlook.choices)}


def _mean_abs_errors(backtest) -> list[dict]:
    """Per measure, the backtest's mean absolute error and how often the truth fell inside the
    10th-90th percentile range; None where the backtest has no month-end."""
    out = []
    for measure, label in Measure.choices:
        rows = [r for r in backtest if r.measure == measure and r.actual is not None]
        if not rows:
            continue
        out.append(
            {
                "measure": label,
                "mae": sum(abs(r.error) for r in rows) / len(rows),
                "inside": sum(1 for r in rows if r.within_range),
                "months": len(rows),
            }
        )
    return out


@require_safe
@login_required
def forecast_page(request):
    user = request.user
    if not selectors.may_read_forecast(user):
        raise Http404
    try:
        year = int(request.GET["year"]) if request.GET.get("year") else None
    except ValueError:
        year = None
    scope_text = request.GET.get("scope")
    if scope_text:
        try:
            region_id = selectors.parse_scope(scope_text)
        except ValueError:
            raise Http404 from None
    else:
        region_id = selectors.default_scope(user)
    selectors.check_scope(user, region_id)
    run = selectors.latest_run(year) or (selectors.latest_run() if year is None else None)
    context = {
        "run": run,
        "years": selectors.run_years(),
        "scopes": selectors.scopes_for(user),
        "region_id": region_id,
        **_labels(),
    }
    if run is not None:
        results = selectors.scope_results(run, region_id)
        names = selectors.driver_names(user, results["forecast"])
        for r in results["forecast"]:
            r.driver_rows = [
                {**d, "project_obj": names[d["project"]]}
                for d in r.drivers
                if d["project"] in names
            ]
        context |= {
            "forecast": results["forecast"],
            "backtest": results["backtest"],
            "backtest_summary": _mean_abs_errors(results["backtest"]),
        }
    return render(request, "forecast/page.html", context)


def summary_panel(request, year: int) -> str:
    """The forecast of `year` per region in the user's scope (and the city), as HTML for the
    dashboard and the targets page; empty when the user reads no forecast or none is stored."""
    user = request.user
    if not user.is_authenticated or not selectors.may_read_forecast(user):
        return ""
    run = selectors.latest_run(year)
    rows = selectors.region_summary(user, run)
    scopes: dict = {}
    for r in rows:
        scopes.setdefault(r.region_id, {"region": r.region, "cells": {}})["cells"][r.measure] = r
    ordered = [s for k, s in scopes.items() if k is None] + [
        s for k, s in scopes.items() if k is not None
    ]
    for s in ordered:
        s["row"] = [s["cells"].get(m) for m, _label in Measure.choices]
    return render_to_string(
        "forecast/_summary.html",
        {"run": run, "year": year, "scopes": ordered, **_labels()},
        request=request,
    )


def _project_for(user, pk):
    """A project the user may see (404 otherwise) and whether they may change its schedule."""
    project = get_object_or_404(Project.objects.for_user(user), pk=pk)
    editable = Project.objects.editable_by(user).filter(pk=pk).exists()
    return project, editable


@login_required
def schedule(request, pk):
    """A project's contracted contribution schedule (出资计划): read by whoever sees the project,
    added to by whoever may edit it."""
    project, editable = _project_for(request.user, pk)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.schedule_add(
                    user=request.user,
                    project=project,
                    date=form.cleaned_data["date"],
                    amount_usd_10k=form.cleaned_data["amount_usd_10k"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("Contribution added to the schedule."))
                return redirect("forecast:schedule", pk=project.pk)
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "forecast/schedule.html",
        {
            "project": project,
            "items": project.contribution_schedule.order_by("date", "id"),
            "form": form,
            "editable": editable,
        },
    )


@require_POST
@login_required
def schedule_delete(request, pk, item_pk):
    project, editable = _project_for(request.user, pk)
    item = get_object_or_404(ContributionSchedule, pk=item_pk, project=project)
    if not editable:
        raise PermissionDenied
    form = ScheduleDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Removing a contribution needs a reason."))
    else:
        services.schedule_delete(user=request.user, item=item, reason=form.cleaned_data["reason"])
        messages.success(request, _("Contribution removed from the schedule."))
    return redirect("forecast:schedule", pk=project.pk)
