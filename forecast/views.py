"""The forecast page (one scope: the forecast, the projects that move it, the backtest) and the
summary panel the dashboard and the targets page show."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from . import selectors
from .models import Measure, Outlook


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
