"""Staff pages of the investor database. Thin: parse the form, call a service or selector,
render. Scope comes from `investors.selectors`: what the user may not see answers 404, what
they may see but not change answers 403."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from config.errors import DomainError
from config.i18n import localized_or_marked as localized
from config.replica import reads_replica

from . import hooks, imports, merge, reminders, services
from .exports import (
    contact_headers,
    contact_rows,
    interaction_headers,
    interaction_rows,
    investor_headers,
    investor_rows,
    xlsx_response,
)
from .filters import InvestorFilter
from .forms import (
    ActivityForm,
    AgentForm,
    ContactForm,
    ImportForm,
    InquiryAnswerForm,
    InquiryConvertForm,
    InquiryRespondForm,
    InquirySettingsForm,
    InteractionForm,
    InvestorForm,
    MergeForm,
    ReminderPreferencesForm,
)
from .models import (
    Contact,
    FollowUp,
    ImportBatch,
    InquiryStatus,
    Investor,
    Merge,
    Reminder,
)
from .returns import activity_returns, ranked
from .selectors import (
    activities_for_user,
    activity_report,
    agents_for_user,
    agents_matching,
    can_change_inquiry_settings,
    can_create_investors,
    can_edit_investor,
    can_log_interactions,
    can_merge_investors,
    contacts_for_user,
    editable_activities,
    editable_agents,
    inquiries_for_user,
    inquiry_settings,
    interactions_for_user,
    investor_get,
    investor_list,
    median_first_response_hours,
    quiet_cutoff,
)

PAGE_SIZE = 50


def _get_investor(user, pk) -> Investor:
    try:
        return investor_get(user, pk)
    except Investor.DoesNotExist as exc:
        raise Http404 from exc


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _filtered_investors(request):
    f = InvestorFilter(request.GET or None, queryset=investor_list(request.user), request=request)
    if f.is_bound and not f.is_valid():
        return f, Investor.objects.none()
    return f, f.qs


# ---- investors ------------------------------------------------------------------------------


@login_required
def investor_list_view(request):
    f, investors = _filtered_investors(request)
    page = Paginator(investors, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "investors/list.html",
        {
            "filter": f,
            "page": page,
            "query": _query_without_page(request),
            "can_create": can_create_investors(request.user),
            "can_merge": can_merge_investors(request.user),
            "quiet_cutoff": quiet_cutoff(),
        },
    )


@login_required
@reads_replica
def investor_export(request):
    f, investors = _filtered_investors(request)
    if f.is_bound and not f.is_valid():
        return render(request, "investors/list.html", {"filter": f, "page": []}, status=400)
    if investors.count() > settings.EXPORT_DIRECT_MAX_ROWS:
        messages.info(
            request, _("This list is long: use Export to Excel, which runs in the background.")
        )
        return redirect(
            reverse("investors:list") + ("?" + request.GET.urlencode() if request.GET else "")
        )
    rows = investor_rows(investors)
    return xlsx_response(_("Investors"), investor_headers(), rows, "investors")


def _related_export(request, scoped, rows, title: str, headers: list, filename: str):
    """Contacts or interactions (`scoped(user)`) of the investors the list's filters select,
    scoped as the list, as a direct download."""
    f, investors = _filtered_investors(request)
    if f.is_bound and not f.is_valid():
        return render(request, "investors/list.html", {"filter": f, "page": []}, status=400)
    qs = scoped(request.user).filter(investor__in=investors.values("pk"))
    if qs.count() > settings.EXPORT_DIRECT_MAX_ROWS:
        messages.info(request, _("This list is too long to download: narrow the filters."))
        return redirect(
            reverse("investors:list") + ("?" + request.GET.urlencode() if request.GET else "")
        )
    return xlsx_response(title, headers, rows(qs), filename)


@login_required
def contact_export(request):
    return _related_export(
        request, contacts_for_user, contact_rows, _("Contacts"), contact_headers(), "contacts"
    )


@login_required
def interaction_export(request):
    return _related_export(
        request,
        interactions_for_user,
        interaction_rows,
        _("Interactions"),
        interaction_headers(),
        "interactions",
    )


def _safe_next(request, default):
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@login_required
def investor_create(request):
    """New investor, with the duplicate check: a match is shown first and the user confirms.
    `?for=project` sends the user back to the new-project form with the investor chosen."""
    if not can_create_investors(request.user):
        raise PermissionDenied
    form = InvestorForm(request.POST or None, user=request.user)
    matches = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        allow = data.pop("confirm_new", False)
        try:
            investor = services.investor_create(user=request.user, data=data, allow_duplicate=allow)
        except services.DuplicateInvestor as exc:
            matches = exc.matches
            form.show_confirm()
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Investor added."))
            if request.GET.get("for") == "project":
                return redirect(f"{reverse('projects:create')}?investor={investor.pk}")
            return redirect("investors:detail", pk=investor.pk)
    return render(
        request,
        "investors/form.html",
        {
            "form": form,
            "investor": None,
            "matches": matches,
            "for_project": request.GET.get("for") == "project",
        },
    )


@login_required
def investor_check_name(request):
    """The duplicate check as the user types (the create form asks it): matching investors."""
    matches = services.investor_find_duplicates(
        name_zh_hans=request.GET.get("name_zh_hans", ""), name_en=request.GET.get("name_en", "")
    )
    return render(request, "investors/_matches.html", {"matches": matches})


@login_required
def investor_detail(request, pk):
    user = request.user
    investor = _get_investor(user, pk)
    can_edit = can_edit_investor(user, investor)
    interactions = investor.interactions.select_related("logged_by", "activity").prefetch_related(
        "staff", "contacts"
    )
    return render(
        request,
        "investors/detail.html",
        {
            "investor": investor,
            "can_edit": can_edit,
            "can_log": can_log_interactions(user) and not investor.is_archived,
            "can_merge": can_merge_investors(user),
            "contacts": investor.contacts.all(),
            "interactions": interactions,
            "follow_ups": investor.follow_ups.filter(
                done_at__isnull=True, dismissed_at__isnull=True
            ).select_related("owner"),
            "projects": hooks.projects_of(user, investor),
            "activities": investor.activities_met.all(),
            "merged_from": investor.merged_from.all(),
            "merges": Merge.objects.filter(source=investor, undone_at__isnull=True)
            | Merge.objects.filter(target=investor, undone_at__isnull=True),
            "history": investor.history.select_related("history_user")[:20],
        },
    )


@login_required
def investor_edit(request, pk):
    investor = _get_investor(request.user, pk)
    if not can_edit_investor(request.user, investor) or investor.is_archived:
        raise PermissionDenied
    form = InvestorForm(request.POST or None, instance=investor, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.investor_update(user=request.user, investor=investor, data=form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Investor saved."))
            return redirect("investors:detail", pk=investor.pk)
    return render(request, "investors/form.html", {"form": form, "investor": investor})


# ---- contacts and interactions ---------------------------------------------------------------


@login_required
def contact_create(request, pk):
    investor = _get_investor(request.user, pk)
    if not can_edit_investor(request.user, investor):
        raise PermissionDenied
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_create(user=request.user, investor=investor, data=form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Contact added."))
            return redirect("investors:detail", pk=investor.pk)
    return render(
        request,
        "investors/simple_form.html",
        {"form": form, "investor": investor, "title": _("New contact")},
    )


@login_required
def contact_edit(request, pk, contact_pk):
    investor = _get_investor(request.user, pk)
    contact = get_object_or_404(Contact, pk=contact_pk, investor=investor)
    if not can_edit_investor(request.user, investor):
        raise PermissionDenied
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(user=request.user, contact=contact, data=form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Contact saved."))
            return redirect("investors:detail", pk=investor.pk)
    return render(
        request,
        "investors/simple_form.html",
        {"form": form, "investor": investor, "title": _("Edit contact")},
    )


@login_required
def interaction_create(request, pk):
    investor = _get_investor(request.user, pk)
    if not can_log_interactions(request.user):
        raise PermissionDenied
    projects = hooks.projects_of(request.user, investor)
    form = InteractionForm(request.POST or None, investor=investor, projects=projects)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        project_id = data.pop("project", None)
        project = None
        if project_id:
            project_model = Investor._meta.get_field("projects").related_model
            project = project_model.objects.get(pk=project_id)
        try:
            services.interaction_log(user=request.user, investor=investor, project=project, **data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Interaction logged."))
            return redirect("investors:detail", pk=investor.pk)
    return render(
        request,
        "investors/simple_form.html",
        {"form": form, "investor": investor, "title": _("Log interaction")},
    )


@login_required
@require_POST
def follow_up_action(request, follow_up_pk, action):
    if action not in ("done", "dismiss"):
        raise Http404
    follow_up = get_object_or_404(FollowUp, pk=follow_up_pk, owner=request.user)
    if action == "done":
        services.follow_up_done(user=request.user, follow_up=follow_up)
        messages.success(request, _("Follow-up done."))
    else:
        services.follow_up_dismiss(user=request.user, follow_up=follow_up)
        messages.success(request, _("Follow-up dismissed."))
    return redirect(_safe_next(request, reverse("staff:dashboard")))


@login_required
@require_POST
def reminder_dismiss(request, reminder_pk):
    reminder = get_object_or_404(Reminder, pk=reminder_pk, user=request.user)
    services.reminder_dismiss(user=request.user, reminder=reminder)
    return redirect(_safe_next(request, reverse("staff:dashboard")))


@login_required
def reminder_settings(request):
    form = ReminderPreferencesForm(
        request.POST or None, current=reminders.preferences(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reminder_preferences_set(user=request.user, preferences=form.preferences())
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Reminder settings saved."))
            return redirect("investors:reminder_settings")
    return render(
        request,
        "investors/simple_form.html",
        {"form": form, "title": _("My reminders")},
    )


# ---- merge ----------------------------------------------------------------------------------


@login_required
def merge_view(request):
    """Three steps: pick two investors, preview what moves, confirm."""
    if not can_merge_investors(request.user):
        raise PermissionDenied
    form = MergeForm(request.POST or request.GET or None)
    preview = None
    if form.is_bound and form.is_valid():
        source, target = form.cleaned_data["source"], form.cleaned_data["target"]
        if source == target:
            form.add_error("target", _("Choose two different investors."))
        elif request.method == "POST" and request.POST.get("confirm"):
            try:
                done = merge.investor_merge(user=request.user, source=source, target=target)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("Investors merged."))
                return redirect("investors:detail", pk=done.target_id)
        else:
            preview = merge.merge_preview(source=source, target=target)
    return render(request, "investors/merge.html", {"form": form, "preview": preview})


@login_required
@require_POST
def merge_undo(request, merge_pk):
    if not can_merge_investors(request.user):
        raise PermissionDenied
    record = get_object_or_404(Merge, pk=merge_pk)
    try:
        merge.merge_undo(user=request.user, merge=record)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Merge undone."))
    return redirect("investors:detail", pk=record.source_id)


# ---- import ---------------------------------------------------------------------------------


@login_required
def import_upload(request):
    if not can_create_investors(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.import_upload(
                user=request.user,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            return redirect("investors:import_preview", batch_pk=batch.pk)
    return render(
        request,
        "investors/import.html",
        {"form": form, "columns": imports.COLUMNS},
    )


@login_required
def import_preview(request, batch_pk):
    batch = get_object_or_404(ImportBatch, pk=batch_pk, uploaded_by=request.user)
    if request.method == "POST":
        try:
            n = imports.import_apply(
                user=request.user, batch=batch, valid_only=request.POST.get("mode") == "valid"
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("%(n)s rows imported.") % {"n": n})
            return redirect("investors:list")
    errors = sum(1 for r in batch.rows if r["error"])
    return render(
        request,
        "investors/import_preview.html",
        {
            "batch": batch,
            "columns": imports.COLUMNS[batch.kind],
            "errors": errors,
            "valid": len(batch.rows) - errors,
        },
    )


# ---- promotion activities -------------------------------------------------------------------


@login_required
def activity_list(request):
    """Activities ranked by what came of them per 10k CNY spent."""
    qs = activities_for_user(request.user)
    kind = request.GET.get("kind")
    if kind:
        qs = qs.filter(kind=kind)
    year = request.GET.get("year", "")
    if re.fullmatch(r"[0-9]{4}", year):  # str.isdigit() also takes "²", which int() refuses
        qs = qs.filter(start_date__year=int(year))
    rows = ranked(activity_returns(qs))
    if request.GET.get("format") == "xlsx":
        headers = [
            _("Name"), _("Kind"), _("Start date"), _("End date"), _("Place"),
            _("Organiser region"), _("Cost (10k CNY)"), _("Investors met"), _("Projects"),
            _("Contracted foreign capital (10k USD)"), _("Utilized foreign capital (10k USD)"),
            _("Utilized (10k USD) per 10k CNY spent"),
        ]  # fmt: skip
        body = (
            [
                localized(r.activity, "name"),
                r.activity.get_kind_display(),
                r.activity.start_date,
                r.activity.end_date,
                r.activity.place,
                localized(r.activity.organiser_region, "name"),
                float(r.cost),
                r.investors_met,
                r.projects,
                float(r.contracted_fdi_usd_10k),
                float(r.utilized_fdi_usd_10k),
                float(r.utilized_per_cost) if r.utilized_per_cost is not None else None,
            ]
            for r in rows
        )
        return xlsx_response(_("Promotion activities"), headers, body, "activities")
    from .models import ActivityKind

    return render(
        request,
        "investors/activities.html",
        {
            "rows": rows,
            "kinds": ActivityKind.choices,
            "kind": kind,
            "year": year,
            "query": _query_without_page(request),
            "can_create": can_create_investors(request.user),
        },
    )


@login_required
def activity_detail(request, activity_pk):
    activity = get_object_or_404(activities_for_user(request.user), pk=activity_pk)
    ret = activity_returns(activities_for_user(request.user).filter(pk=activity.pk))[0]
    return render(
        request,
        "investors/activity_detail.html",
        {
            "activity": activity,
            "ret": ret,
            "can_edit": editable_activities(request.user).filter(pk=activity.pk).exists(),
            "staff": activity.staff.all(),
            "investors_met": activity.investors_met.all(),
            "interactions": activity.interactions.select_related("investor", "logged_by"),
        },
    )


def _activity_form(request, activity=None):
    form = ActivityForm(request.POST or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        staff = data.pop("staff", None)
        met = data.pop("investors_met", None)
        try:
            if activity is None:
                activity = services.activity_create(
                    user=request.user, data=data, staff=staff, investors_met=met
                )
            else:
                services.activity_update(
                    user=request.user, activity=activity, data=data, staff=staff, investors_met=met
                )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Promotion activity saved."))
            return redirect("investors:activity_detail", activity_pk=activity.pk)
    return render(
        request,
        "investors/simple_form.html",
        {"form": form, "title": _("Promotion activity")},
    )


@login_required
def activity_create(request):
    if not can_create_investors(request.user):
        raise PermissionDenied
    return _activity_form(request)


@login_required
def activity_edit(request, activity_pk):
    activity = get_object_or_404(activities_for_user(request.user), pk=activity_pk)
    if not editable_activities(request.user).filter(pk=activity.pk).exists():
        raise PermissionDenied
    return _activity_form(request, activity)


# ---- agents ---------------------------------------------------------------------------------


@login_required
def agent_list(request):
    agents = agents_for_user(request.user).annotate(n_projects=Count("introduced_projects"))
    q = request.GET.get("q", "").strip()
    agents = agents_matching(agents, q)
    if request.GET.get("format") == "xlsx":
        headers = [
            _("Name"), _("Kind"), _("Organisation"), _("Country"), _("Region"), _("Phone"),
            _("Email"), pgettext("agent", "Active"), _("Projects introduced"),
        ]  # fmt: skip
        rows = (
            [
                a.name, a.get_kind_display(), a.organisation,
                str(a.country.name) if a.country else "",
                localized(a.region, "name") if a.region else "", a.phone, a.email,
                _("yes") if a.is_active else _("no"), a.n_projects,
            ]
            for a in agents
        )  # fmt: skip
        return xlsx_response(_("Agents"), headers, rows, "agents")
    editable = set(editable_agents(request.user).values_list("pk", flat=True))
    return render(
        request,
        "investors/agents.html",
        {
            "agents": agents,
            "editable": editable,
            "q": q,
            "query": _query_without_page(request),
            "can_create": can_create_investors(request.user),
        },
    )


def _agent_form(request, agent=None):
    form = AgentForm(request.POST or None, instance=agent, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if agent is None:
                services.agent_create(user=request.user, data=form.cleaned_data)
            else:
                services.agent_update(user=request.user, agent=agent, data=form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Agent saved."))
            return redirect("investors:agents")
    return render(request, "investors/simple_form.html", {"form": form, "title": _("Agent")})


@login_required
def agent_create(request):
    if not can_create_investors(request.user):
        raise PermissionDenied
    return _agent_form(request)


@login_required
def agent_edit(request, agent_pk):
    agent = get_object_or_404(agents_for_user(request.user), pk=agent_pk)
    if not editable_agents(request.user).filter(pk=agent.pk).exists():
        raise PermissionDenied
    return _agent_form(request, agent)


# ---- inquiries ------------------------------------------------------------------------------


@login_required
def inquiry_list(request):
    qs = inquiries_for_user(request.user)
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.filter(status__in=[InquiryStatus.NEW, InquiryStatus.RESPONDED])
    elif status in InquiryStatus.values:
        qs = qs.filter(status=status)
    if request.GET.get("format") == "xlsx":
        headers = [
            _("Reference"), _("Received"), _("Name"), _("Organisation"), _("Country"),
            _("Email"), _("Industry"), _("Interest"), _("Status"), _("First response due"),
            _("First response"), _("Assigned to"),
        ]  # fmt: skip
        rows = (
            [
                q.reference, timezone.localtime(q.received_at).replace(tzinfo=None), q.name,
                q.organisation, str(q.country.name), q.email,
                q.industry.code if q.industry else "", q.interest, q.get_status_display(),
                q.response_due,
                timezone.localtime(q.first_response_at).replace(tzinfo=None)
                if q.first_response_at else None,
                str(q.assigned_to or ""),
            ]
            for q in qs
        )  # fmt: skip
        return xlsx_response(_("Inquiries"), headers, rows, "inquiries")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "investors/inquiries.html",
        {
            "page": page,
            "status": status,
            "statuses": InquiryStatus.choices,
            "today": timezone.localdate(),
            "median_hours": median_first_response_hours(),
            "query": _query_without_page(request),
            "settings_form": InquirySettingsForm(
                initial={"publish_median_response": inquiry_settings().publish_median_response}
            )
            if can_change_inquiry_settings(request.user)
            else None,
        },
    )


@login_required
@require_POST
def inquiry_settings_view(request):
    """Bureau and administrators: publish the median first-response time, or stop."""
    if not can_change_inquiry_settings(request.user):
        raise PermissionDenied
    form = InquirySettingsForm(request.POST)
    if form.is_valid():
        services.inquiry_settings_set(
            user=request.user,
            publish_median_response=form.cleaned_data["publish_median_response"],
        )
        messages.success(request, _("Inquiry settings saved."))
    return redirect("investors:inquiries")


@login_required
def inquiry_detail(request, inquiry_pk):
    inquiry = get_object_or_404(inquiries_for_user(request.user), pk=inquiry_pk)
    respond_form = InquiryRespondForm(prefix="r")
    answer_form = InquiryAnswerForm(prefix="a")
    convert_form = InquiryConvertForm(prefix="c", user=request.user)
    matches = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "answer":
                answer_form = InquiryAnswerForm(request.POST, prefix="a")
                if answer_form.is_valid():
                    services.inquiry_answer(
                        user=request.user, inquiry=inquiry, text=answer_form.cleaned_data["text"]
                    )
                    messages.success(request, _("Answer sent to the investor."))
                    return redirect("investors:inquiry_detail", inquiry_pk=inquiry.pk)
            elif action == "respond":
                respond_form = InquiryRespondForm(request.POST, prefix="r")
                if respond_form.is_valid():
                    services.inquiry_respond(
                        user=request.user, inquiry=inquiry, note=respond_form.cleaned_data["note"]
                    )
                    messages.success(request, _("Response recorded."))
                    return redirect("investors:inquiry_detail", inquiry_pk=inquiry.pk)
            elif action == "spam":
                services.inquiry_mark_spam(user=request.user, inquiry=inquiry)
                messages.success(request, _("Marked as spam."))
                return redirect("investors:inquiries")
            elif action == "convert":
                convert_form = InquiryConvertForm(request.POST, prefix="c", user=request.user)
                if convert_form.is_valid():
                    d = convert_form.cleaned_data
                    investor = services.inquiry_convert(
                        user=request.user,
                        inquiry=inquiry,
                        owner_region=d["owner_region"],
                        investor=d["investor"],
                        follow_up=d["follow_up"],
                        allow_duplicate=d["confirm_new"],
                    )
                    messages.success(request, _("The inquiry is now an investor."))
                    return redirect("investors:detail", pk=investor.pk)
        except services.DuplicateInvestor as exc:
            matches = exc.matches
        except DomainError as exc:
            forms_by_action = {"convert": convert_form, "answer": answer_form}
            exc.add_to(forms_by_action.get(action, respond_form))
    return render(
        request,
        "investors/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "respond_form": respond_form,
            "answer_form": answer_form,
            "answers": list(inquiry.answers.select_related("sent_by")),
            "convert_form": convert_form,
            "matches": matches,
            "today": timezone.localdate(),
        },
    )


# ---- activity per staff member and region -------------------------------------------------


@login_required
def report(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    return render(
        request,
        "investors/report.html",
        {
            "year": year,
            "report": activity_report(request.user, year),
            "years": range(year - 2, year + 2),
        },
    )
