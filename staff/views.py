import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from chains.selectors import chain_target_progress, office_chains
from config.errors import DomainError
from config.files import send_file
from feedback.selectors import (
    cases_for,
    open_cases,
    overdue_cases,
    visits_due_for,
    with_overdue_days,
)
from forecast.views import summary_panel as forecast_summary_panel
from investors.selectors import inquiries_overdue, my_follow_ups, my_reminders
from liaison.selectors import projects_needing_assignment
from projects.counts import PipelineCounts
from projects.models import Project
from projects.selectors import (
    funnel_counts,
    funnel_rows,
    recent_changes,
    stalled_projects,
    standing_false_findings,
    target_progress,
    targets_exist,
)
from reference.models import Region, RegionKind, WorkCalendarDay
from reference.selectors import (
    next_year_arrangement_missing,
    region_list,
    the_city,
    work_calendar_year,
    work_calendar_years,
)
from reference.services import dev_zone_save, work_calendar_day_delete, work_calendar_day_save
from stats.drift import drifted_periods
from stats.selectors import StatsAccess, reports_to_file

from .forms import CalendarYearForm, DevZoneForm, ExportForm, WorkCalendarDayForm
from .golive import checklist
from .models import ExportJob, ExportStatus
from .selectors import dashboard_scope
from .services import export_job_create, mail_test_send


@login_required
def dashboard(request):
    """The user's scope, this year's funnel and targets, stalled projects, recent changes."""
    user = request.user
    year = timezone.localdate().year
    projects = Project.objects.for_user(user)
    # The counts over the whole scope, cached per scope until the next write
    # (projects/counts.py); the rows beside them are read fresh.
    counts = PipelineCounts(user)
    findings = standing_false_findings(user)
    today = timezone.localdate()
    stalled, stalled_total = stalled_projects(projects, today, counts=counts)
    follow_ups = list(my_follow_ups(user, today))
    liaison = {}
    if user.role in (Role.OFFICE110, Role.LIAISON):
        # The complaint office's queue (every case) or the unit's own cases, with deadlines.
        cases = cases_for(user)
        liaison["case_queue"] = with_overdue_days(open_cases(cases).order_by("due_date", "id")[:10])
        liaison["case_open_total"] = open_cases(cases).count()
        liaison["case_overdue_total"] = overdue_cases(cases, today).count()
    if user.role == Role.LIAISON:
        due = visits_due_for(user, today)
        liaison |= {"visits_due": due[:10], "visits_due_total": len(due)}
    if user.is_bureau_or_admin:
        needing = projects_needing_assignment(projects, today)
        due = visits_due_for(user, today)
        liaison = {
            "needing_liaison": list(needing[:10]),
            "needing_liaison_total": counts.get("needing-liaison", needing.count, today),
            "visits_due": due[:10],
            "visits_due_total": len(due),
        }
    return render(
        request,
        "staff/dashboard.html",
        {
            "scope": dashboard_scope(user),
            "year": year,
            "funnel": funnel_rows(
                counts.get("funnel", lambda: funnel_counts(projects, year), year)
            ),
            "progress": target_progress(user, year, counts=counts),
            "forecast_panel": forecast_summary_panel(request, year),
            "has_targets": targets_exist(year),
            "stalled": stalled,
            "stalled_total": stalled_total,
            "recent": recent_changes(projects),
            "can_edit": False,
            # Published statistics whose records changed since: bureau, admin, 110 office.
            "drifted": drifted_periods() if StatsAccess(user).reads_revisions else [],
            "today": today,
            "follow_ups_overdue": [f for f in follow_ups if f.due_date < today],
            "follow_ups_due": [f for f in follow_ups if f.due_date >= today],
            "reminders": list(my_reminders(user)[:20]),
            "inquiries_overdue": list(inquiries_overdue(user, today)[:20]),
            "show_liaison": user.is_bureau_or_admin,
            "show_cases": user.role in (Role.OFFICE110, Role.LIAISON),
            "reports_to_file": reports_to_file(user, today),
            # The chains' targets with the person answerable for each (an office: its own).
            "chain_progress": chain_target_progress(
                year, chains=office_chains(user) if user.is_chain_office else None
            )
            if user.sees_whole_city
            else [],
            "false_findings": {"rows": list(findings[:10]), "total": findings.count()},
            # December, no holiday arrangement for next year yet: admin and bureau are told.
            "calendar_missing_year": (
                next_year_arrangement_missing(today) if user.is_bureau_or_admin else None
            ),
            **liaison,
            "counts": counts,
        },
    )


@login_required
def regions(request):
    return render(
        request,
        "staff/regions.html",
        {"regions": region_list(), "may_add_zone": request.user.is_bureau_or_admin},
    )


@login_required
def dev_zone_edit(request, pk=None):
    """Add a development zone (no pk) or correct one (bureau and administrators)."""
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    zone = get_object_or_404(Region, pk=pk, kind=RegionKind.DEV_ZONE) if pk else None
    initial = (
        {
            "name_zh_hans": zone.name_zh_hans,
            "name_en": zone.name_en,
            "zone_kind": zone.zone_kind,
            "parent": zone.parent_id,
        }
        if zone
        else {"parent": getattr(the_city(), "pk", None)}
    )
    form = DevZoneForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = dev_zone_save(user=request.user, zone=zone, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("%(zone)s is saved.") % {"zone": saved})
            return redirect("staff:regions")
    return render(
        request,
        "staff/dev_zone.html",
        {"zone": zone, "form": form},
        status=400 if form.errors else 200,
    )


# ---- the working-day calendar ---------------------------------------------------------------


def _calendar_reader(user) -> None:
    """Administrators keep the calendar; bureau staff read it (they see the dashboard's
    warning); other roles have no page."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied


def _calendar_admin(user) -> None:
    if not user.is_admin_role:
        raise PermissionDenied


@login_required
def work_calendar(request):
    """A year's holidays and make-up workdays (?year=, default this year); administrators add
    a day here (POST)."""
    _calendar_reader(request.user)
    today = timezone.localdate()
    year_form = CalendarYearForm(request.GET if "year" in request.GET else {"year": today.year})
    year = year_form.cleaned_data["year"] if year_form.is_valid() else today.year
    form = WorkCalendarDayForm(initial={"date": dt.date(year, 1, 1)})
    if request.method == "POST":
        _calendar_admin(request.user)
        form = WorkCalendarDayForm(request.POST)
        if form.is_valid():
            try:
                day = work_calendar_day_save(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("%(date)s is in the calendar.") % {"date": day.date})
                return redirect(f"{reverse('staff:calendar')}?year={day.date.year}")
    years = sorted({*work_calendar_years(), today.year, today.year + 1, year}, reverse=True)
    return render(
        request,
        "staff/calendar.html",
        {
            "year": year,
            "year_form": year_form,
            "years": years,
            "days": work_calendar_year(year),
            "form": form,
            "can_edit": request.user.is_admin_role,
            "missing_year": next_year_arrangement_missing(today),
        },
        status=400 if form.errors or year_form.errors else 200,
    )


@login_required
def work_calendar_day(request, pk):
    """Correct one day of the calendar (administrators)."""
    _calendar_admin(request.user)
    day = get_object_or_404(WorkCalendarDay, pk=pk)
    initial = {
        "date": day.date,
        "kind": day.kind,
        "name_zh_hans": day.name_zh_hans,
        "name_en": day.name_en,
    }
    form = WorkCalendarDayForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            work_calendar_day_save(user=request.user, day=day, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request, _("%(date)s is corrected.") % {"date": form.cleaned_data["date"]}
            )
            return redirect(f"{reverse('staff:calendar')}?year={form.cleaned_data['date'].year}")
    return render(
        request,
        "staff/calendar_day.html",
        {"day": day, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def work_calendar_day_remove(request, pk):
    """Remove a day from the calendar (administrators)."""
    _calendar_admin(request.user)
    day = get_object_or_404(WorkCalendarDay, pk=pk)
    year = day.date.year
    work_calendar_day_delete(user=request.user, day=day)
    messages.success(request, _("%(date)s is an ordinary day again.") % {"date": day.date})
    return redirect(f"{reverse('staff:calendar')}?year={year}")


# ---- background exports -------------------------------------------------------------------


@login_required
@require_POST
def export_create(request):
    """The Export button of a list page: queue the export, then show its progress."""
    form = ExportForm(request.POST)
    if form.is_valid():
        try:
            job = export_job_create(
                user=request.user,
                kind=form.cleaned_data["kind"],
                query=form.cleaned_data["query"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("staff:export_detail", pk=job.pk)
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("staff:exports")


@login_required
def export_list(request):
    """The user's own exports of the last EXPORT_KEEP_HOURS."""
    jobs = ExportJob.objects.filter(owner=request.user)[:50]
    return render(request, "staff/exports.html", {"jobs": jobs})


def _own_job(request, pk) -> ExportJob:
    """An export of the signed-in user; anyone else's is a 404."""
    return get_object_or_404(ExportJob, pk=pk, owner=request.user)


@login_required
def export_detail(request, pk):
    return render(
        request,
        "staff/export.html",
        {"job": _own_job(request, pk), "keep_hours": settings.EXPORT_KEEP_HOURS},
    )


@login_required
def export_download(request, pk):
    job = _own_job(request, pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    return send_file(
        job.file,
        as_attachment=True,
        filename=job.filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# ---- the go-live checklist ------------------------------------------------------------------


@login_required
def go_live(request):
    """What a new bureau must have in place, each item done or missing with its page
    (administrators; bureau staff read it). POST sends the administrator a test e-mail."""
    if not request.user.is_bureau_or_admin:
        raise PermissionDenied
    if request.method == "POST":
        if not request.user.is_admin_role:
            raise PermissionDenied
        try:
            test = mail_test_send(user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if test.succeeded:
                messages.success(
                    request, _("A test e-mail is sent to %(to)s.") % {"to": test.recipient}
                )
            else:
                messages.error(
                    request, _("The test e-mail was not sent: %(error)s") % {"error": test.error}
                )
        return redirect("staff:go_live")
    items = checklist(timezone.localdate().year)
    return render(
        request,
        "staff/go_live.html",
        {
            "items": items,
            "done": sum(i.done for i in items),
            "may_send": request.user.is_admin_role,
        },
    )
