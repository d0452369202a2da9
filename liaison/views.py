from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from config.errors import DomainError
from projects.models import Project
from projects.selectors import project_get

from .forms import AssignmentForm
from .selectors import current_assignment
from .services import liaison_assign


@login_required
def assign(request, pk):
    """Assign the responsible liaison unit and person of a project (bureau or admin)."""
    try:
        project = project_get(request.user, pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    form = AssignmentForm(request.POST or None, has_current=current_assignment(project) is not None)
    if request.method == "POST" and form.is_valid():
        try:
            liaison_assign(user=request.user, project=project, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
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
        },
    )
