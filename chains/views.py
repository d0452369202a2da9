"""Staff pages of the industrial chains: the list, each chain's map (and its PDF), a link's
enterprises, targets and projects, the industry office's workspace and the chain targets.
Thin: parse the form, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.errors import DomainError
from config.search import matches_subquery
from investors.models import FollowUp
from investors.services import DuplicateInvestor
from projects.models import Project
from projects.selectors import stalled_projects

from . import selectors, services
from .exports import chain_map_pdf_bytes
from .forms import ChainTargetForm, GapForm, LinkProjectForm, OutreachForm, TargetCompanyForm
from .models import ChainLink, Outreach, ProjectLink


def _chain(request, pk):
    chain = selectors.chains_for_user(request.user).filter(pk=pk).first()
    if chain is None:
        raise Http404
    return chain


def _link(request, pk) -> ChainLink:
    link = selectors.links_for_user(request.user).filter(pk=pk).first()
    if link is None:
        raise Http404
    return link


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


@login_required
def chain_list(request):
    chains = list(selectors.chains_for_user(request.user))
    return render(
        request,
        "chains/list.html",
        {
            "chains": chains,
            "own": set(selectors.office_chains(request.user).values_list("pk", flat=True)),
        },
    )


@login_required
def chain_map_page(request, pk):
    chain = _chain(request, pk)
    year = _year(request)
    return render(
        request,
        "chains/map.html",
        {
            "chain": chain,
            "map": selectors.chain_map(chain, request.user),
            "can_work": selectors.can_work_chain(request.user, chain),
            "funnel": selectors.chain_funnel(chain, request.user, year),
            "progress": selectors.chain_target_progress(year, chains=[chain]),
            "year": year,
        },
    )


@login_required
def chain_map_pdf(request, pk):
    chain = _chain(request, pk)
    lang = request.GET.get("lang") or request.LANGUAGE_CODE
    lang = lang if lang in ("zh-hans", "en") else "zh-hans"
    with translation.override(lang):
        body = chain_map_pdf_bytes(chain, request.user)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="chain-{chain.slug}-{lang}.pdf"'
    return response


@login_required
def link_page(request, pk, forms=None):
    link = _link(request, pk)
    can_work = selectors.can_work_chain(request.user, link.chain)
    forms = forms or {}
    projects = (
        Project.objects.for_user(request.user)
        .filter(selectors.of_link(link.pk))
        .select_related("region", "investor")
        .order_by("stage", "-updated_at")[:100]
    )
    targets = list(link.targets.select_related("investor"))
    moves = forms.get("moves", {})
    for t in targets:
        nxt = services.NEXT_OUTREACH.get(t.state)
        t.next_state, t.next_label = nxt, Outreach(nxt).label if nxt else ""
        t.move_form = moves.get(t.pk)
    context = {
        "link": link,
        "chain": link.chain,
        "can_work": can_work,
        "targets": targets,
        "local": link.local_enterprises.select_related("investor"),
        "landed": selectors.landed_projects(link, request.user)
        .select_related("investor")
        .order_by("stage", "-updated_at")[:100],
        "projects": projects,
        "ratings": link.ratings.select_related("rated_by")[:10],
        "gap_form": forms.get("gap") or (GapForm(initial={"gap": link.gap}) if can_work else None),
        "target_form": forms.get("target") or (TargetCompanyForm() if can_work else None),
        "project_form": forms.get("project") or (LinkProjectForm() if can_work else None),
    }
    return render(request, "chains/link.html", context, status=400 if forms else 200)


def _require_work(request, chain) -> None:
    if not selectors.can_work_chain(request.user, chain):
        raise PermissionDenied


@login_required
@require_POST
def link_gap(request, pk):
    link = _link(request, pk)
    _require_work(request, link.chain)
    form = GapForm(request.POST)
    if form.is_valid():
        try:
            services.link_rate_gap(user=request.user, link=link, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The link's rating is saved."))
            return redirect("chains:link", pk=link.pk)
    return link_page(request, pk, forms={"gap": form})


@login_required
@require_POST
def link_target_add(request, pk):
    link = _link(request, pk)
    _require_work(request, link.chain)
    form = TargetCompanyForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        new = None
        if not d["investor"]:
            new = {"name_zh_hans": d["new_name_zh_hans"], "name_en": d["new_name_en"],
                   "country": d["new_country"].upper()}  # fmt: skip
        try:
            services.target_company_add(
                user=request.user, link=link, investor=d["investor"], new_investor=new,
                priority=d["priority"], note=d["note"],
            )  # fmt: skip
        except DuplicateInvestor:
            form.add_error(
                None,
                _("A company of this name is already in the investor database: choose it."),
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The target company is added."))
            return redirect("chains:link", pk=link.pk)
    return link_page(request, pk, forms={"target": form})


@login_required
@require_POST
def link_project_add(request, pk):
    link = _link(request, pk)
    _require_work(request, link.chain)
    form = LinkProjectForm(request.POST)
    if form.is_valid():
        project = (
            Project.objects.for_user(request.user).filter(pk=form.cleaned_data["project"]).first()
        )
        if project is None:
            form.add_error("project", _("No such project."))
        else:
            try:
                services.project_link_add(user=request.user, project=project, link=link)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("The project is put in the link."))
                return redirect("chains:link", pk=link.pk)
    return link_page(request, pk, forms={"project": form})


@login_required
@require_POST
def target_move(request, pk):
    target = get_object_or_404(selectors.targets_for_user(request.user), pk=pk)
    _require_work(request, target.link.chain)
    form = OutreachForm(request.POST)
    if form.is_valid():
        d = dict(form.cleaned_data)
        project_id = d.pop("project")
        project = None
        if project_id:
            project = Project.objects.for_user(request.user).filter(pk=project_id).first()
            if project is None:
                form.add_error("project", _("No such project."))
        if not form.errors:
            try:
                services.target_company_move(user=request.user, target=target, project=project, **d)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("The contact is recorded."))
                return redirect("chains:link", pk=target.link_id)
    return link_page(request, target.link_id, forms={"moves": {target.pk: form}})


@login_required
def workspace(request):
    """An industry office's workspace: its chains' maps, pipeline, stalled projects, target
    companies not contacted in 90 days and the user's follow-ups."""
    if not request.user.is_chain_office:
        raise PermissionDenied
    chains = list(selectors.office_chains(request.user))
    projects = Project.objects.for_user(request.user).filter(
        matches_subquery("pk", ProjectLink.objects.filter(chain__in=chains).values("project_id"))
    )
    stalled, stalled_total = stalled_projects(projects)
    follow_ups = (
        FollowUp.objects.filter(owner=request.user, done_at__isnull=True, dismissed_at__isnull=True)
        .select_related("investor")
        .order_by("due_date")[:20]
    )
    return render(
        request,
        "chains/workspace.html",
        {
            "maps": [selectors.chain_map(c, request.user) for c in chains],
            "stalled": stalled,
            "stalled_total": stalled_total,
            "cold": list(selectors.targets_not_contacted(chains)[:30]),
            "follow_ups": follow_ups,
            "progress": selectors.chain_target_progress(timezone.localdate().year, chains=chains),
            "year": timezone.localdate().year,
        },
    )


@login_required
def targets(request):
    """The chains' targets of a year with the person responsible for each and the progress;
    the bureau and administrators set them here (POST)."""
    year = _year(request)
    form = None
    if request.user.is_bureau_or_admin:
        data = request.POST if request.method == "POST" else None
        form = ChainTargetForm(data, initial={"year": year})
        if request.method == "POST" and form.is_valid():
            try:
                target = services.chain_target_set(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("The chain target is saved."))
                return redirect(f"{request.path}?year={target.year}")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "chains/targets.html",
        {"year": year, "progress": selectors.chain_target_progress(year), "form": form},
        status=400 if form is not None and form.is_bound else 200,
    )
