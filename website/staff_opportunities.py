"""Staff pages of the opportunities seeking investment (招商项目库): the list with filters, the
editor in both languages, the workflow buttons (to review, publish, back to draft), the leads
that came from the public site and the one button that makes a lead a pipeline project.
Bureau staff and administrators only (others get 403), as for the rest of the site editor."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from reference.models import IndustrySection

from . import selectors, services
from .models import Opportunity, OpportunityLead, OpportunityStatus
from .staff_forms import OpportunityForm
from .staff_views import KINDS, _editor


def _param(request, name, n):
    return "".join(ch for ch in request.GET.get(name, "")[:n] if ch.isprintable())


@_editor
def opportunity_list(request):
    status = _param(request, "status", 10)
    sector = _param(request, "sector", 1)
    q = _param(request, "q", 100)
    items = selectors.staff_opportunities(status=status, sector=sector, q=q)
    return render(
        request,
        "website/staff/opportunities.html",
        {
            "items": items,
            "kinds": KINDS,
            "kind": {"key": "opportunities"},
            "statuses": OpportunityStatus.choices,
            "sectors": IndustrySection.objects.order_by("code"),
            "current": {"status": status, "sector": sector.upper(), "q": q},
        },
    )


@_editor
def opportunity_edit(request, pk=None):
    obj = get_object_or_404(Opportunity, pk=pk) if pk else None
    form = OpportunityForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.opportunity_save(user=request.user, opp=form.instance)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Saved."))
            return redirect("sitecontent:opportunity_edit", pk=item.pk)
    leads = list(selectors.opportunity_leads(obj)) if obj else []
    moves = services.OPPORTUNITY_MOVES.get(obj.status, ()) if obj else ()
    return render(
        request,
        "website/staff/opportunity_edit.html",
        {
            "form": form,
            "obj": obj,
            "leads": leads,
            "moves": [(m, OpportunityStatus(m).label) for m in moves],
            "kinds": KINDS,
            "kind": {"key": "opportunities"},
        },
    )


@_editor
@require_POST
def opportunity_move(request, pk):
    obj = get_object_or_404(Opportunity, pk=pk)
    try:
        services.opportunity_move(user=request.user, opp=obj, to=request.POST.get("to", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Status changed."))
    return redirect("sitecontent:opportunity_edit", pk=obj.pk)


@_editor
@require_POST
def lead_to_project(request, pk, lead):
    """The one button: a lead on this opportunity becomes a pipeline project at intent."""
    lead = get_object_or_404(OpportunityLead, pk=lead, opportunity_id=pk)
    try:
        project = services.opportunity_lead_to_project(user=request.user, lead=lead)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Pipeline project created at the intent stage."))
        return redirect("projects:detail", pk=project.pk)
    return redirect("sitecontent:opportunity_edit", pk=pk)
