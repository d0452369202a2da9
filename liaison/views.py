from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from projects.models import Project
from projects.selectors import project_get

from . import hooks, selectors
from .forms import AssignmentForm, CadenceForm, FundAllocationForm, VoidForm
from .selectors import current_assignment
from .services import (
    assignment_set_cadence,
    fund_allocation_create,
    liaison_assign,
    liaison_assignment_void,
)


def _project_for_bureau(request, pk) -> Project:
    try:
        project = project_get(request.user, pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    return project


@login_required
def assign(request, pk):
    """Assign the responsible liaison unit and person of a project (bureau or admin)."""
    project = _project_for_bureau(request, pk)
    form = AssignmentForm(request.POST or None, has_current=current_assignment(project) is not None)
    if request.method == "POST" and form.is_valid():
        try:
            liaison_assign(user=request.user, project=project, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Liaison unit assigned."))
            return redirect("projects:detail", pk=project.pk)
    record = project.liaison_assignments.select_related("unit", "person", "voided_by").order_by(
        "-start_date", "-id"
    )
    return render(
        request,
        "liaison/assign.html",
        {
            "form": form,
            "project": project,
            "title": _("Assign liaison unit"),
            "record": record,
            "current": current_assignment(project),
            "void_form": VoidForm(prefix="void"),
            "suggestions": selectors.unit_suggestions(project, open_cases=hooks.open_case_counts()),
            "weights": {
                "fit": selectors.WEIGHT_FIT,
                "load": selectors.WEIGHT_LOAD,
                "cases": selectors.WEIGHT_CASES,
            },
        },
    )


@login_required
@require_POST
def void(request, pk):
    """Mark the project's current assignment as entered in error, without a replacement."""
    project = _project_for_bureau(request, pk)
    current = current_assignment(project)
    form = VoidForm(request.POST, prefix="void")
    if current is None:
        messages.error(request, _("There is no current assignment to mark as entered in error."))
    elif not form.is_valid():
        messages.error(request, _("Say why the assignment was entered in error."))
    else:
        try:
            liaison_assignment_void(
                user=request.user, assignment=current, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The assignment was marked as entered in error."))
    return redirect("liaison:assign", pk=project.pk)


@login_required
def unassigned(request):
    """Every project at contract or later without a liaison unit in force (bureau, admin)."""
    if not request.user.is_bureau_or_admin:
        raise Http404
    projects = selectors.projects_needing_assignment(Project.objects.for_user(request.user))
    return render(
        request,
        "liaison/unassigned.html",
        {"projects": projects[:500], "total": projects.count()},
    )


@login_required
def cadence(request, pk):
    """Change how often the project's enterprise is to be visited (bureau, admin, the unit)."""
    try:
        project = project_get(request.user, pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    current = current_assignment(project)
    if current is None:
        raise Http404
    user = request.user
    if not (user.is_bureau_or_admin or user.liaison_unit_id == current.unit_id):
        raise PermissionDenied
    form = CadenceForm(
        request.POST or None, initial={"visit_cadence_days": current.visit_cadence_days}
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment_set_cadence(
                user=user, assignment=current, days=form.cleaned_data["visit_cadence_days"]
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Visit cadence saved."))
            return redirect("projects:detail", pk=project.pk)
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "project": project, "title": _("Visit cadence")},
    )


@login_required
def funds(request):
    """Fund allocations per unit and year: bureau and admin add and list them all; a unit's
    staff read their own."""
    user = request.user
    allocations = selectors.fund_allocations_for(user)
    if not (user.is_bureau_or_admin or user.liaison_unit_id):
        raise Http404
    form = None
    if user.is_bureau_or_admin:
        form = FundAllocationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                fund_allocation_create(user=user, **form.cleaned_data)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("Fund allocation recorded."))
                return redirect("liaison:funds")
    elif request.method == "POST":
        raise PermissionDenied
    totals = selectors.fund_totals(allocations)
    return render(
        request,
        "liaison/funds.html",
        {"form": form, "allocations": allocations[:500], "totals": totals},
    )
