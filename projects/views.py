"""Staff pages of the pipeline. Thin: parse the form, call a service or selector, render.
Scope comes from the selectors: a project outside the user's scope is a 404."""

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from config.files import send_file
from config.replica import reads_replica
from reference.models import Region

from . import hooks, services, workflow
from .counts import PipelineCounts
from .evidence import download_name
from .exports import projects_xlsx
from .filters import ProjectFilter
from .forms import (
    ActivityForm,
    ArrivalDeleteForm,
    CapitalArrivalForm,
    CheckForm,
    CheckWithdrawForm,
    DomesticArrivalForm,
    ProjectForm,
    ReasonForm,
    TargetForm,
    TransitionForm,
)
from .models import CapitalArrival, DomesticArrival, Project, ProjectCheck, RegionTarget, StageMove
from .selectors import (
    arrival_history,
    can_create_projects,
    current_liaison_assignment,
    domestic_arrival_history,
    missing_targets,
    project_get,
    project_history,
    regions_for_new_projects,
    target_progress,
    targets_exist,
)

PAGE_SIZE = 50
BOARD_CARDS = 30


def _get_project(user, pk) -> Project:
    try:
        return project_get(user, pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc


def _get_editable_project(user, pk) -> Project:
    """A project the user may change: 404 outside their scope, 403 where they only read it
    (the form is not even shown to a read-only role)."""
    project = _get_project(user, pk)
    if not Project.objects.editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return project


def _filtered(request):
    base = Project.objects.for_user(request.user).with_list_relations()
    return ProjectFilter(request.GET or None, queryset=base, request=request)


@login_required
def project_list(request):
    f = _filtered(request).offer_chain_choices()
    projects = f.qs if f.is_bound else f.queryset.order_by("-updated_at", "-id")
    if f.is_bound and not f.is_valid():
        projects = Project.objects.none()
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/list.html",
        {
            "filter": f,
            "page": page,
            "query": query.urlencode(),
            "can_create": can_create_projects(request.user),
        },
    )


@login_required
@reads_replica
def project_export(request):
    f = _filtered(request)
    if f.is_bound and not f.is_valid():
        return HttpResponse(_("Invalid filter."), status=400)
    projects = f.qs if f.is_bound else f.queryset.order_by("-updated_at", "-id")
    if projects.count() > settings.EXPORT_DIRECT_MAX_ROWS:
        messages.info(
            request, _("This list is long: use Export to Excel, which runs in the background.")
        )
        return redirect(
            reverse("projects:list") + ("?" + request.GET.urlencode() if request.GET else "")
        )
    body = projects_xlsx(projects.prefetch_related(None))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="projects-{stamp}.xlsx"'
    return response


BOARD_CARD_FIELDS = (
    "pk",
    "name",
    "name_zh_hans",
    "name_en",
    "stage",
    "status",
    "updated_at",
    "total_investment_cny_10k",
    "region__name",
    "region__name_zh_hans",
    "region__name_en",
)


@login_required
def project_board(request):
    """Projects by stage, active and on hold; each column shows the most recently updated."""
    f = _filtered(request)
    base = f.qs if f.is_bound and f.is_valid() else f.queryset
    base = base.exclude(status="dropped")

    # Every column's count in one grouped query, then each column's most recent cards. The
    # count counts the (never empty) stage, not the id: unfiltered, it reads the
    # project_board_stage index alone.
    def count():
        return dict(
            base.order_by()
            .values_list("stage")
            .annotate(n=Count("stage"))
            .values_list("stage", "n")
        )

    # Unfiltered, the counts are the scope's: cached until the next write (projects/counts.py).
    cache = PipelineCounts(request.user)
    counts = count() if f.is_bound else cache.get("board", count)
    columns = []
    for stage in workflow.STAGES:
        # A card shows the name, the region, the investment and the status: read only those
        # (no tags: the list's prefetch would cost a query per column for nothing shown).
        in_stage = (
            base.filter(stage=stage.code)
            .select_related(None)
            .select_related("region")
            .prefetch_related(None)
            .only(*BOARD_CARD_FIELDS)
            .order_by("-updated_at", "-id")
        )
        columns.append(
            {
                "stage": stage,
                "count": counts.get(stage.code, 0),
                "projects": list(in_stage[:BOARD_CARDS]) if counts.get(stage.code) else [],
            }
        )
    # A phone shows one column at a time: it opens on the first column with projects
    # (static/js/portal.js scrolls there), not on an empty one.
    first_filled = next((c["stage"].code for c in columns if c["count"]), "")
    return render(
        request,
        "projects/board.html",
        {"columns": columns, "filter": f, "counts": cache, "first_filled": first_filled},
    )


@login_required
def project_detail(request, pk):
    project = _get_project(request.user, pk)
    can_edit = Project.objects.editable_by(request.user).filter(pk=pk).exists()
    assignment = current_liaison_assignment(project)
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "can_edit": can_edit,
            "moves": project.moves.select_related("moved_by"),
            "history": project_history(project),
            "arrivals": project.capital_arrivals.all(),
            "arrival_history": arrival_history(project),
            "domestic_arrivals": project.domestic_arrivals.all(),
            "domestic_history": domestic_arrival_history(project),
            "domestic_form": can_edit and project.capital_source == "domestic",
            "activities": project.activities.select_related("logged_by"),
            "assignment": assignment,
            "checks": project.checks.select_related("checked_by", "withdrawn_by"),
            "can_check": request.user.is_bureau_or_admin,
            "transition_form": TransitionForm(project=project, user=request.user)
            if can_edit and project.status == "active"
            else None,
            "activity_form": ActivityForm() if can_edit else None,
            "arrival_form": CapitalArrivalForm(initial={"currency": "USD"})
            if can_edit and project.is_foreign_invested
            else None,
            "reason_form": ReasonForm() if can_edit else None,
            "stages": workflow.STAGES,
            "stage_index": workflow.index_of(project.stage),
        },
    )


@login_required
def project_create(request):
    if not can_create_projects(request.user):
        raise PermissionDenied
    regions = regions_for_new_projects(request.user)
    # `?investor=` comes back from the investor database's "New investor" page.
    initial = {"investor": request.GET.get("investor")} if request.GET.get("investor") else None
    form = ProjectForm(request.POST or None, user=request.user, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        tags = data.pop("tags", None)
        intent_date = data.pop("intent_date", None)
        try:
            project = services.project_create(
                user=request.user, data=data, tags=tags, intent_date=intent_date
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Project created."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/form.html", {"form": form, "project": None})


@login_required
def project_edit(request, pk):
    project = _get_project(request.user, pk)
    if not Project.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    # The project's own region stays a choice for those who may not move projects to it (an
    # industry office editing its chain's project).
    regions = regions_for_new_projects(request.user) | Region.objects.filter(pk=project.region_id)
    form = ProjectForm(request.POST or None, instance=project, user=request.user, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        tags = data.pop("tags", None)
        reason = data.pop("reason", "")
        try:
            services.project_update(
                user=request.user,
                project=project,
                data=data,
                tags=list(tags or []),
                reason=reason,
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Project saved."))
            return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/form.html", {"form": form, "project": project})


@login_required
def project_move(request, pk):
    project = _get_editable_project(request.user, pk)
    form = TransitionForm(
        request.POST or None, request.FILES or None, project=project, user=request.user
    )
    fix_field = None
    if request.method == "POST" and form.is_valid():
        try:
            services.project_transition(user=request.user, project=project, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
            # A move blocked for missing project data links to that field on the edit form.
            if exc.field and exc.field not in form.fields and exc.field in ProjectForm.Meta.fields:
                fix_field = {
                    "name": exc.field,
                    "label": Project._meta.get_field(exc.field).verbose_name,
                }
        else:
            messages.success(request, _("Stage updated."))
            return redirect("projects:detail", pk=project.pk)
    return render(
        request, "projects/move.html", {"form": form, "project": project, "fix_field": fix_field}
    )


def _status_action(service, success_message):
    @login_required
    @require_POST
    def view(request, pk):
        project = _get_project(request.user, pk)
        form = ReasonForm(request.POST)
        form.is_valid()
        reason = form.cleaned_data.get("reason", "")
        try:
            if service is services.project_reopen:
                service(user=request.user, project=project, note=reason)
            else:
                service(user=request.user, project=project, reason=reason)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, success_message())
        return redirect("projects:detail", pk=project.pk)

    return view


project_drop = _status_action(services.project_drop, lambda: _("Project dropped."))
project_hold = _status_action(services.project_hold, lambda: _("Project put on hold."))
project_reopen = _status_action(services.project_reopen, lambda: _("Project reopened."))


def _project_form_view(form_class, service, title, done, **form_kwargs):
    """A page with one form about a project whose valid input goes to `service`."""

    @login_required
    def view(request, pk):
        project = _get_editable_project(request.user, pk)
        form = form_class(request.POST or None, **form_kwargs)
        if request.method == "POST" and form.is_valid():
            try:
                service(user=request.user, project=project, **form.cleaned_data)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, done())
                return redirect("projects:detail", pk=project.pk)
        return render(
            request,
            "projects/simple_form.html",
            {"form": form, "project": project, "title": title()},
        )

    return view


activity_create = _project_form_view(
    ActivityForm,
    services.project_activity_log,
    lambda: _("Log activity"),
    lambda: _("Activity logged."),
)
arrival_create = _project_form_view(
    CapitalArrivalForm,
    services.capital_arrival_create,
    lambda: _("Record capital arrival"),
    lambda: _("Capital arrival recorded."),
    initial={"currency": "USD"},
)
domestic_arrival_create = _project_form_view(
    DomesticArrivalForm,
    services.domestic_arrival_create,
    lambda: _("Record domestic capital from outside the province"),
    lambda: _("Domestic capital arrival recorded."),
)


@login_required
def check_create(request, pk):
    """Record a verification of the project (bureau and administrators)."""
    project = _get_project(request.user, pk)
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_record(user=request.user, project=project, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Verification recorded."))
            return redirect(reverse("projects:detail", args=[project.pk]) + "#checks-h")
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "project": project, "title": _("Record a verification")},
    )


@login_required
def check_withdraw(request, pk, check_pk):
    """Withdraw a finding, with the reason (bureau and administrators)."""
    project = _get_project(request.user, pk)
    check = get_object_or_404(ProjectCheck, pk=check_pk, project=project)
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    form = CheckWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_withdraw(user=request.user, check=check, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Finding withdrawn."))
            return redirect(reverse("projects:detail", args=[project.pk]) + "#checks-h")
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "project": project, "title": _("Withdraw the finding"), "check": check},
    )


@login_required
@require_POST
def arrival_delete(request, pk, arrival_pk):
    """Delete a capital arrival entered in error, with the reason (kept in its history)."""
    project = _get_project(request.user, pk)
    arrival = get_object_or_404(CapitalArrival, pk=arrival_pk, project=project)
    form = ArrivalDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Deleting a capital arrival needs a reason."))
        return redirect("projects:detail", pk=project.pk)
    try:
        services.capital_arrival_delete(
            user=request.user, arrival=arrival, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Capital arrival deleted."))
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def domestic_arrival_delete(request, pk, arrival_pk):
    """Delete a domestic capital arrival entered in error, with the reason (kept in its
    history)."""
    project = _get_project(request.user, pk)
    arrival = get_object_or_404(DomesticArrival, pk=arrival_pk, project=project)
    form = ArrivalDeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Deleting a capital arrival needs a reason."))
        return redirect("projects:detail", pk=project.pk)
    try:
        services.domestic_arrival_delete(
            user=request.user, arrival=arrival, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Domestic capital arrival deleted."))
    return redirect("projects:detail", pk=project.pk)


@login_required
def evidence_download(request, pk, move_pk):
    """Evidence is served only to users who may see the project."""
    project = _get_project(request.user, pk)
    move = get_object_or_404(StageMove, pk=move_pk, project=project)
    if not move.evidence:
        raise Http404
    # The type comes from the stored name, whose extension was set from the content checked at
    # upload, never from the uploader's file name; the sandbox keeps any script inert.
    content_type = mimetypes.guess_type(move.evidence.name)[0] or "application/octet-stream"
    response = send_file(
        move.evidence,
        filename=download_name(move.evidence_name, move.evidence.name),
        content_type=content_type,
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def targets(request):
    """Targets and progress for a year; bureau and admin edit them here. A year without any
    targets says so, and bureau and admin may copy the year before's."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    year = min(max(year, 2000), 2100)
    progress = target_progress(request.user, year)
    return render(
        request,
        "projects/targets.html",
        {
            "year": year,
            "progress": progress,
            "missing_targets": missing_targets(progress),
            "years": range(max(year, this_year) + 1, min(year, this_year) - 3, -1),
            "can_edit": request.user.is_bureau_or_admin,
            "has_targets": targets_exist(year),
            "can_copy_from": year - 1 if targets_exist(year - 1) else None,
            "extra_panel": hooks.targets_panel(request, year),
            "more_sections": hooks.target_sections(request.user, year),
        },
    )


@login_required
@require_POST
def targets_copy(request):
    """Copy the year before's targets to every region without targets for the year."""
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, _("Give a year between 2000 and 2100."))
        return redirect("projects:targets")
    try:
        created = services.targets_copy(user=request.user, from_year=year - 1, to_year=year)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(n)s regions were given the targets of %(year)s; change any of them below.")
            % {"n": len(created), "year": year - 1},
        )
    return redirect(f"{reverse('projects:targets')}?year={year}")


@login_required
def target_edit(request, region_pk, year):
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    region = get_object_or_404(Region, pk=region_pk)
    target = RegionTarget.objects.filter(region=region, year=year).first()
    form = TargetForm(
        request.POST or None, instance=target or RegionTarget(region=region, year=year)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(user=request.user, region=region, year=year, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Targets saved."))
            return redirect(f"{reverse('projects:targets')}?year={year}")
    return render(
        request,
        "projects/simple_form.html",
        {
            "form": form,
            "title": _("Targets for %(region)s, %(year)s") % {"region": region, "year": year},
        },
    )
