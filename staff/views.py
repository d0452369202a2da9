from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from investors.selectors import inquiries_overdue, my_follow_ups, my_reminders
from projects.models import Project
from projects.selectors import funnel, recent_changes, stalled_projects, target_progress
from reference.selectors import region_list
from stats.drift import drifted_periods
from stats.selectors import StatsAccess

from .selectors import dashboard_scope


@login_required
def dashboard(request):
    """The user's scope, this year's funnel and targets, stalled projects, recent changes."""
    user = request.user
    year = timezone.localdate().year
    projects = Project.objects.for_user(user)
    stalled, stalled_total = stalled_projects(projects)
    today = timezone.localdate()
    follow_ups = list(my_follow_ups(user, today))
    return render(
        request,
        "staff/dashboard.html",
        {
            "scope": dashboard_scope(user),
            "year": year,
            "funnel": funnel(projects, year),
            "progress": target_progress(user, year),
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
        },
    )


@login_required
def regions(request):
    return render(request, "staff/regions.html", {"regions": region_list()})
