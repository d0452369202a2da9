"""Pages of the service-feedback loop: the liaison and 110-office workspaces (visits,
requests, cases, satisfaction) and, without an account, the enterprise's feedback form and the
public complaint form. Thin: parse, call a service or selector, render."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import Role
from config.client_ip import client_ip
from config.errors import DomainError
from liaison.models import LiaisonUnit
from liaison.selectors import assignments_in_force
from projects.models import Project
from projects.selectors import project_get

from . import selectors, services, workflow
from .forms import (
    BallotForm,
    BallotIssueForm,
    CaseActionForm,
    ClockFilterForm,
    ComplaintForm,
    ReferralActForm,
    ReferralForm,
    RequestForm,
    ResolveForm,
    ReviewForm,
    VisitForm,
)
from .models import CaseStatus, ReferralStatus

# --- workspace -----------------------------------------------------------------------------


@login_required
def workspace(request):
    """The unit's enterprises, visits, open requests and cases; for the office and the bureau,
    the whole city's."""
    user = request.user
    visits = selectors.visits_for(user)
    cases = selectors.cases_for(user)
    requests_ = selectors.requests_for(user)
    today = timezone.localdate()
    enterprises = []
    if user.role == Role.LIAISON and user.liaison_unit_id:
        enterprises = selectors.with_visit_due(
            assignments_in_force().filter(unit_id=user.liaison_unit_id).order_by("project__name"),
            today,
        )
    referrals = selectors.referrals_for(user).exclude(status=ReferralStatus.COMPLETED)
    open_requests = list(selectors.open_requests(requests_)[:50])
    for item in open_requests:
        # Resolve and Refer are shown only to whoever may use them (not the 110 office).
        item.may_act = services.may_act_for_unit(user, item.owner_unit_id)
    return render(
        request,
        "feedback/workspace.html",
        {
            "enterprises": enterprises,
            "visits": visits[:20],
            "unrated": selectors.unrated_visits(visits).count(),
            "requests": open_requests,
            "cases": selectors.with_overdue_days(
                selectors.open_cases(cases).order_by("due_date")[:50]
            ),
            "counts": selectors.case_counts(cases),
            "today": today,
            "is_office": services.is_office(user),
            "visits_due": selectors.visits_due_for(user, today),
            "referrals": referrals[:50],
        },
    )


# --- visits --------------------------------------------------------------------------------


def _units_for(user):
    if user.is_bureau_or_admin:
        return LiaisonUnit.objects.filter(is_active=True)
    if user.role == Role.LIAISON and user.liaison_unit_id:
        return LiaisonUnit.objects.filter(pk=user.liaison_unit_id)
    return LiaisonUnit.objects.none()


@login_required
def visit_create(request, project_pk):
    try:
        project = project_get(request.user, project_pk)
    except Project.DoesNotExist as exc:
        raise Http404 from exc
    units = _units_for(request.user)
    if not units.exists():
        raise PermissionDenied
    form = VisitForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.service_visit_create(
                user=request.user, project=project, **form.cleaned_data
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Visit recorded. Send the enterprise its feedback link."))
            return redirect("feedback:visit", pk=visit.pk)
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "project": project, "title": _("Record a service visit")},
    )


def _visit_or_404(user, pk):
    return get_object_or_404(selectors.visits_for(user), pk=pk)


@login_required
def visit_detail(request, pk, new_link=None):
    visit = _visit_or_404(request.user, pk)
    context = {
        "visit": visit,
        "links": visit.links.all(),
        "requests": visit.requests.all(),
        "request_form": RequestForm(),
        "new_link": new_link,
        "now": timezone.now(),
        "can_write": services.may_act_for_unit(request.user, visit.unit_id),
    }
    if new_link:
        context["qr_svg"] = segno.make(new_link["url"], error="m").svg_inline(
            scale=4, title=_("QR code of the feedback link")
        )
    return render(request, "feedback/visit.html", context)


@login_required
@require_POST
def visit_link(request, pk):
    """Issue (or resend) the visit's feedback link; the link is shown once, with its QR code."""
    visit = _visit_or_404(request.user, pk)

    def url_for(token):
        with translation.override(services.feedback_form_language(visit)):
            return request.build_absolute_uri(reverse("feedback_public:form", args=[token]))

    try:
        link, token = services.feedback_link_issue(user=request.user, visit=visit, url_for=url_for)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("feedback:visit", pk=visit.pk)
    url = url_for(token)
    if visit.contact_email:
        messages.success(
            request,
            _("The link was also e-mailed to %(email)s.") % {"email": visit.contact_email},
        )
    return visit_detail(request, pk, new_link={"url": url, "expires_at": link.expires_at})


@login_required
@require_POST
def request_create(request, pk):
    visit = _visit_or_404(request.user, pk)
    if not services.may_act_for_unit(request.user, visit.unit_id):
        raise PermissionDenied
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            services.service_request_create(
                user=request.user,
                project=visit.project,
                owner_unit=visit.unit,
                visit=visit,
                **form.cleaned_data,
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Service request recorded."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("feedback:visit", pk=visit.pk)


@login_required
def request_resolve(request, pk):
    item = get_object_or_404(selectors.requests_for(request.user), pk=pk)
    if not services.may_act_for_unit(request.user, item.owner_unit_id):
        raise PermissionDenied
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_request_resolve(user=request.user, request=item, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Request resolved."))
            return redirect("feedback:workspace")
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "project": item.project, "title": _("Resolve a service request")},
    )


# --- cases ---------------------------------------------------------------------------------


@login_required
def case_list(request):
    cases = selectors.cases_for(request.user)
    if request.user.role == Role.DISTRICT:
        raise Http404
    status = request.GET.get("status") or ""
    if status == "overdue":
        cases = selectors.overdue_cases(cases)
    elif status == "open":
        cases = selectors.open_cases(cases)
    elif status in CaseStatus.values:
        cases = cases.filter(status=status)
    return render(
        request,
        "feedback/cases.html",
        {
            "cases": selectors.with_overdue_days(cases.order_by("due_date", "id")[:200]),
            "status": status,
            "statuses": CaseStatus.choices,
            "counts": selectors.case_counts(selectors.cases_for(request.user)),
            "today": timezone.localdate(),
        },
    )


def _actions_for(user, case) -> list:
    """The workflow steps this user can take on this case now."""
    office = services.is_office(user)
    own_unit = user.role == Role.LIAISON and user.liaison_unit_id == case.unit_id
    result = []
    for action in workflow.ACTIONS.values():
        if case.status not in action.sources:
            continue
        if action.actor == "office" and not office:
            continue
        if action.actor == "unit" and not (own_unit or office):
            continue
        if action.code == "appeal" and (case.source != "bad_review" or case.appeal == "pending"):
            continue
        if action.code == "decide_appeal" and case.appeal != "pending":
            continue
        result.append(action)
    return result


@login_required
def case_detail(request, pk):
    case = get_object_or_404(selectors.cases_for(request.user), pk=pk)
    actions = _actions_for(request.user, case)
    form = None
    if request.method == "POST":
        if not actions:  # a role with no step to take here: refused before its input is read
            raise PermissionDenied
        form = CaseActionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.case_act(
                    user=request.user,
                    case=case,
                    action=data["action"],
                    note=data["note"],
                    unit=data["unit"],
                    rectification=data["rectification"],
                    confirmed=data["confirmed"],
                    upheld=data["upheld"],
                )
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("Case updated."))
                return redirect("feedback:case", pk=case.pk)
    return render(
        request,
        "feedback/case.html",
        {
            "case": case,
            "events": case.events.select_related("actor"),
            "actions": actions,
            "form": form,
            "sees_complainant": selectors.sees_complainant(request.user),
            "units": LiaisonUnit.objects.filter(is_active=True),
            "today": timezone.localdate(),
        },
    )


@login_required
def satisfaction(request):
    """Satisfaction by unit and by person, with the monthly trend (office, bureau, admin)."""
    if not request.user.sees_whole_city:
        raise Http404
    units = LiaisonUnit.objects.order_by("code")
    unit = None
    unit_param = request.GET.get("unit") or ""
    if unit_param:
        unit = units.filter(pk=unit_param).first() if unit_param.isdigit() else None
        if unit is None:
            raise Http404
    return render(
        request,
        "feedback/satisfaction.html",
        {
            "by_unit": selectors.satisfaction_by_unit(),
            "by_person": selectors.satisfaction_by_person(),
            "trend": selectors.monthly_trend(unit_id=unit.pk if unit else None),
            "units": units,
            "unit": unit,
        },
    )


@login_required
def votes(request):
    """Admins issue the year's ballot links (shown once, to hand out) and read the tallies."""
    if not request.user.is_admin_role:
        raise Http404
    year = timezone.localdate().year
    form = BallotIssueForm(request.POST or request.GET or None, initial={"year": year})
    issued = None
    if form.is_valid():
        year = form.cleaned_data["year"]
        if request.method == "POST":
            base = request.build_absolute_uri(reverse("feedback_public:vote", args=["x"]))
            try:
                issued = services.ballots_issue(
                    user=request.user, year=year, base_url=base.rstrip("/").rsplit("/", 1)[0]
                )
            except DomainError as exc:
                exc.add_to(form)
    return render(
        request,
        "feedback/votes.html",
        {"form": form, "year": year, "issued": issued, "tally": selectors.vote_tally(year)},
    )


# --- public: the enterprise's form and the complaint form ---------------------------------

# Lazy: translated when a page is drawn, in the visitor's language (not at import).
INVALID = {
    "tampered": gettext_lazy("This link is not valid. Check that it was copied whole."),
    "unknown": gettext_lazy("This link is not valid. Check that it was copied whole."),
    "expired": gettext_lazy("This link has expired. Ask the unit that visited you for a new one."),
    "used": gettext_lazy("This visit has been rated already through this link. Thank you."),
    "replaced": gettext_lazy(
        "This link has been replaced by a newer one. Use the latest link you received."
    ),
}


@never_cache
def public_feedback(request, token):
    """The enterprise rates a visit through its signed link, without an account."""
    try:
        link = services.feedback_link_check(token)
    except services.LinkInvalid as exc:
        return render(
            request, "feedback/public_invalid.html", {"message": INVALID[exc.reason]}, status=410
        )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.feedback_submit(
                token=token, language=get_language() or "zh-hans", **form.cleaned_data
            )
        except services.LinkInvalid as exc:
            return render(
                request,
                "feedback/public_invalid.html",
                {"message": INVALID[exc.reason]},
                status=410,
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            # A bad review opens a case: its reference is what the enterprise follows it by.
            case = getattr(review, "case", None)
            return render(request, "feedback/public_thanks.html", {"review_case": case})
    return render(request, "feedback/public_form.html", {"form": form, "visit": link.visit})


@never_cache
def public_vote(request, token):
    """An enterprise votes for advanced units and people through its yearly ballot link."""
    try:
        ballot = services.ballot_check(token)
    except services.LinkInvalid as exc:
        return render(
            request, "feedback/public_invalid.html", {"message": INVALID[exc.reason]}, status=410
        )
    units, people = services.ballot_candidates()
    form = BallotForm(request.POST or None, units=units, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(token=token, **form.cleaned_data)
        except services.LinkInvalid as exc:
            return render(
                request,
                "feedback/public_invalid.html",
                {"message": INVALID[exc.reason]},
                status=410,
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            return render(request, "feedback/public_thanks.html", {"vote": True})
    return render(request, "feedback/public_vote.html", {"form": form, "ballot": ballot})


def public_complaint(request):
    """A complaint about the business environment: a case at the 110 office."""
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["started_at"] = data.pop("started")
        try:
            case = services.complaint_submit(
                language=get_language() or "zh-hans", ip=client_ip(request), **data
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            return render(request, "feedback/public_thanks.html", {"complaint": True, "case": case})
    return render(request, "feedback/public_complaint.html", {"form": form})


# --- referrals between units ---------------------------------------------------------------


@login_required
def referral_create(request, pk):
    """The request's owner unit (or the bureau) refers the problem to another unit."""
    item = get_object_or_404(selectors.requests_for(request.user), pk=pk)
    user = request.user
    if not services.may_act_for_unit(user, item.owner_unit_id):
        raise PermissionDenied
    form = ReferralForm(request.POST or None, exclude_unit_id=item.owner_unit_id)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(user=user, request=item, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Referred. Both units were notified."))
            return redirect("feedback:referral", pk=referral.pk)
    return render(
        request,
        "projects/simple_form.html",
        {"form": form, "project": item.project, "title": _("Refer a problem to another unit")},
    )


@login_required
def referral_list(request):
    """Referrals the unit made and received (all of them for the bureau and the office)."""
    user = request.user
    if not (user.sees_whole_city or user.liaison_unit_id):
        raise Http404
    referrals = selectors.referrals_for(user)
    unit_id = user.liaison_unit_id
    return render(
        request,
        "feedback/referrals.html",
        {
            "received": referrals.filter(to_unit_id=unit_id) if unit_id else None,
            "made": referrals.filter(from_unit_id=unit_id) if unit_id else None,
            "all": None if unit_id else referrals[:200],
        },
    )


@login_required
def referral_detail(request, pk):
    """A referral, its history, and the receiving unit's next step (accept, complete)."""
    referral = get_object_or_404(selectors.referrals_for(request.user), pk=pk)
    user = request.user
    may_act = user.is_bureau_or_admin or user.liaison_unit_id == referral.to_unit_id
    form = ReferralActForm(request.POST or None)
    if request.method == "POST":
        if not may_act:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.referral_act(user=user, referral=referral, **form.cleaned_data)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("Referral updated. Both units were notified."))
                return redirect("feedback:referral", pk=referral.pk)
    return render(
        request,
        "feedback/referral.html",
        {
            "referral": referral,
            "history": referral.history.select_related("history_user").order_by("history_date"),
            "may_act": may_act,
            "form": form,
        },
    )


# --- service clocks ------------------------------------------------------------------------


@login_required
def clocks(request):
    """Service clocks per unit and month (median days, count): the bureau, admins and the
    office see every unit; a unit's staff its own row only."""
    user = request.user
    if user.sees_whole_city:
        unit_id = None
    elif user.liaison_unit_id:
        unit_id = user.liaison_unit_id
    else:
        raise Http404
    form = ClockFilterForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    return render(
        request,
        "feedback/clocks.html",
        {
            "form": form,
            "rows": selectors.service_clocks(unit_id=unit_id, year=year),
            "clocks": [
                ("assign", _("Contract → liaison assigned")),
                ("resolve", _("Problem raised → resolved")),
                ("rectify", _("Bad review → rectified")),
                ("callback", _("Rectified → callback")),
            ],
        },
    )
