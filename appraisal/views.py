"""Staff pages of the year-end appraisal, and the public commendation and warning lists.
Thin: parse, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.errors import DomainError
from config.files import send_file

from . import scoring, services
from .exports import appraisal_pdf, appraisal_xlsx, plain
from .forms import (
    AnswerForm,
    IndicatorFormSet,
    NewSchemeForm,
    ObjectionForm,
    ReasonForm,
    RunForm,
    SchemeForm,
)
from .models import Appraisal, AppraisalStatus, ListKind, Objection, RunStatus, Scheme, SubjectKind
from .selectors import (
    CURRENT,
    appraisal_lists,
    appraisals_for,
    can_manage,
    explains,
    indicators_without_standard,
    notice_open,
    objection_get,
    objection_subjects,
    objections_for,
    ranking_notes,
    rankings,
    reward_rows,
    rewards_for,
    score_get,
    sees_everything,
)
from .selectors import (
    public_lists as public_lists_of,
)
from .sources import SOURCES


def _appraisal(request, pk) -> Appraisal:
    return get_object_or_404(appraisals_for(request.user), pk=pk)


def _admin(request) -> None:
    if not can_manage(request.user):
        raise PermissionDenied


@login_required
def appraisal_list(request):
    return render(
        request,
        "appraisal/list.html",
        {
            "appraisals": appraisals_for(request.user).select_related("published_by"),
            "schemes": Scheme.objects.all() if can_manage(request.user) else [],
            "can_manage": can_manage(request.user),
            "run_form": RunForm(),
            "scheme_form": NewSchemeForm(),
        },
    )


@login_required
@require_POST
def appraisal_run(request):
    _admin(request)
    form = RunForm(request.POST)
    if form.is_valid():
        try:
            appraisal = services.appraisal_request(
                user=request.user,
                year=form.cleaned_data["year"],
                revision_reason=form.cleaned_data["revision_reason"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("appraisal:detail", pk=appraisal.pk)
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("appraisal:list")


def _bars(entries) -> list[dict]:
    top = max((e.total for e in entries), default=0)
    return [
        {"entry": e, "pct": float(100 * e.total / top) if top > 0 and e.total > 0 else 0}
        for e in entries
    ]


@login_required
def appraisal_detail(request, pk):
    appraisal = _appraisal(request, pk)
    ranked = rankings(request.user, appraisal)
    sections = []
    for kind, label in SubjectKind.choices:
        entries = ranked[kind]
        columns = []
        for e in entries:
            for p in e.indicators.all():
                if p.code not in [c[0] for c in columns]:
                    columns.append((p.code, p.name, p.scheme_weight, p.method))
        rows = []
        for item in _bars(entries):
            parts = {p.code: p for p in item["entry"].indicators.all()}
            rows.append(
                {
                    **item,
                    "cells": [parts.get(code) for code, *_rest in columns],
                    "explains": explains(request.user, item["entry"]),
                }
            )
        sections.append(
            {
                "kind": kind,
                "label": label,
                "columns": columns,
                "rows": rows,
                # Missing targets and data, small fields, no-cost tops: said above the table.
                "notes": ranking_notes(entries),
            }
        )
    return render(
        request,
        "appraisal/detail.html",
        {
            "appraisal": appraisal,
            "sections": sections,
            "can_manage": can_manage(request.user),
            "whole": sees_everything(request.user) or appraisal.is_frozen,
            "running": appraisal.run_status in (RunStatus.QUEUED, RunStatus.RUNNING),
            "versions": Appraisal.objects.filter(year=appraisal.year).order_by("-version"),
            "reason_form": ReasonForm(),
            "lists": _lists(appraisal) if appraisal.is_frozen else [],
            "rewards": rewards_for(request.user, appraisal),
            "reward_rule": (appraisal.scheme_snapshot or {}).get("reward_rule"),
            "notice_open": notice_open(appraisal),
            "objections": objections_for(request.user, appraisal),
            "may_object": notice_open(appraisal)
            and objection_subjects(request.user, appraisal).exists(),
            "today": timezone.localdate(),
        },
    )


def _lists(appraisal) -> list[dict]:
    """The four lists, each with its label and what it rests on."""
    lists = appraisal_lists(appraisal)
    return [
        {"kind": kind, "label": label, "basis": LIST_BASIS[kind](), "entries": lists[kind]}
        for kind, label in ListKind.choices
    ]


LIST_BASIS = {
    ListKind.REGIONS: lambda: _("By the year-end appraisal score."),
    ListKind.ADVANCED: lambda: _("By the enterprises' votes."),
    ListKind.REWARDS: lambda: _("By the scheme's reward rule for introducers of projects."),
    ListKind.WARNING: lambda: _(
        "Units and liaison persons whose service enterprises rated below the scheme's thresholds."
    ),
}


@login_required
def score_detail(request, pk, score_pk):
    appraisal = _appraisal(request, pk)
    try:
        score = score_get(request.user, appraisal, score_pk)
    except Exception as exc:  # DoesNotExist or a bad id: outside the user's scope
        raise Http404 from exc
    parts = []
    for p in score.indicators.all():
        source = SOURCES.get(p.explanation.get("source", ""))
        parts.append(
            {
                "part": p,
                "source": source,
                "x": p.explanation,
                "value": plain(p.value),
                "target": plain(p.target),
                "note": scoring.explain(p.explanation, p.method, p.weight),
            }
        )
    kinds = {
        "project": _("Project"),
        "arrival": _("Capital arrival"),
        "activity": _("Promotion activity"),
        "review": _("Review"),
        "case": _("Case"),
        "visit": _("Service visit"),
        "ballot": _("Ballot"),
        "report": _("Monthly report"),
    }
    return render(
        request,
        "appraisal/score.html",
        {
            "appraisal": appraisal,
            "score": score,
            "parts": parts,
            "kinds": kinds,
            "chain_progress": _responsibility(score, appraisal.year),
        },
    )


def _responsibility(score, year: int) -> list:
    """目标管理责任制: the year's chain targets a region answered for (the person responsible,
    the target and what was achieved), shown under a region's scores."""
    region_id = score.subject_key.removeprefix("region:")
    if score.subject_kind != SubjectKind.REGION or not region_id.isdigit():
        return []
    from chains.selectors import chain_target_progress

    return [p for p in chain_target_progress(year) if str(p.target.region_id) == region_id]


def _act(request, pk, fn, ok: str):
    _admin(request)
    appraisal = _appraisal(request, pk)
    try:
        fn(appraisal)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, ok)
    return redirect("appraisal:detail", pk=appraisal.pk)


@login_required
@require_POST
def appraisal_rerun(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.appraisal_request(user=request.user, year=a.year),
        _("The appraisal is being computed again."),
    )


@login_required
@require_POST
def appraisal_submit(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.appraisal_submit(user=request.user, appraisal=a),
        _("Submitted for review."),
    )


@login_required
@require_POST
def appraisal_publish(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.appraisal_publish(user=request.user, appraisal=a),
        _(
            "Published under public notice: the results are frozen and the lists are on the "
            "public site, marked as under notice."
        ),
    )


@login_required
@require_POST
def appraisal_finalise(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.appraisal_finalise(user=request.user, appraisal=a),
        _("The appraisal is final."),
    )


# --- objections -------------------------------------------------------------------------------


@login_required
def objection_list(request, pk):
    """The objections the user may read, and the form to file one (district and liaison staff,
    their own entries, while the notice runs)."""
    appraisal = _appraisal(request, pk)
    entries = list(objection_subjects(request.user, appraisal))
    open_ = notice_open(appraisal)
    form = None
    if open_ and entries:
        if request.method == "POST":
            form = ObjectionForm(request.POST, request.FILES, entries=entries)
            if form.is_valid():
                try:
                    objection = services.objection_file(
                        user=request.user,
                        appraisal=appraisal,
                        subject=form.cleaned_data["subject"],
                        indicator=form.cleaned_data["indicator"],
                        text=form.cleaned_data["text"],
                        evidence=form.cleaned_data.get("evidence"),
                    )
                except DomainError as exc:
                    exc.add_to(form)
                else:
                    messages.success(request, _("Your objection is filed."))
                    return redirect("appraisal:objection", pk=appraisal.pk, oid=objection.pk)
        else:
            form = ObjectionForm(
                entries=entries,
                initial={
                    "subject": request.GET.get("subject", ""),
                    "indicator": request.GET.get("indicator", ""),
                },
            )
    elif request.method == "POST":
        if not entries:
            raise PermissionDenied
        messages.error(request, _("Objections are filed only while the appraisal is under notice."))
        return redirect("appraisal:objections", pk=appraisal.pk)
    return render(
        request,
        "appraisal/objections.html",
        {
            "appraisal": appraisal,
            "objections": objections_for(request.user, appraisal),
            "form": form,
            "notice_open": open_,
            "can_manage": can_manage(request.user),
        },
    )


def _objection(request, appraisal, oid) -> Objection:
    try:
        return objection_get(request.user, appraisal, oid)
    except Objection.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def objection_detail(request, pk, oid):
    """One objection and its answer; admins answer it here."""
    appraisal = _appraisal(request, pk)
    objection = _objection(request, appraisal, oid)
    form = None
    if can_manage(request.user) and not objection.is_answered:
        form = AnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.objection_answer(
                    user=request.user,
                    objection=objection,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("The objection is answered."))
                return redirect("appraisal:objection", pk=appraisal.pk, oid=objection.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "appraisal/objection.html",
        {"appraisal": appraisal, "objection": objection, "form": form},
    )


@login_required
def objection_evidence(request, pk, oid):
    """An objection's evidence, to whoever may read the objection."""
    import mimetypes

    from projects.evidence import download_name

    appraisal = _appraisal(request, pk)
    objection = _objection(request, appraisal, oid)
    if not objection.evidence:
        raise Http404
    content_type = mimetypes.guess_type(objection.evidence.name)[0] or "application/octet-stream"
    response = send_file(
        objection.evidence,
        filename=download_name(objection.evidence_name, objection.evidence.name),
        content_type=content_type,
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def appraisal_revise(request, pk):
    _admin(request)
    appraisal = _appraisal(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the revision."))
        return redirect("appraisal:detail", pk=appraisal.pk)
    try:
        revision = services.appraisal_revise(
            user=request.user, appraisal=appraisal, reason=form.cleaned_data["revision_reason"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("appraisal:detail", pk=appraisal.pk)
    return redirect("appraisal:detail", pk=revision.pk)


def _lang(request) -> str:
    lang = request.GET.get("lang") or request.LANGUAGE_CODE
    return lang if lang in ("zh-hans", "en") else "zh-hans"


@login_required
def export_xlsx(request, pk):
    appraisal = _appraisal(request, pk)
    lang = _lang(request)
    with translation.override(lang):
        body = appraisal_xlsx(
            appraisal,
            rankings(request.user, appraisal),
            rewards=reward_rows(request.user, appraisal),
        )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="appraisal-{appraisal.year}-v{appraisal.version}-{lang}.xlsx"'
    )
    return response


@login_required
def export_pdf(request, pk):
    appraisal = _appraisal(request, pk)
    lang = _lang(request)
    with translation.override(lang):
        body = appraisal_pdf(
            appraisal,
            rankings(request.user, appraisal),
            rewards=reward_rows(request.user, appraisal),
        )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="appraisal-{appraisal.year}-v{appraisal.version}-{lang}.pdf"'
    )
    return response


# --- schemes (admins) -------------------------------------------------------------------------


@login_required
@require_POST
def scheme_create(request):
    _admin(request)
    form = NewSchemeForm(request.POST)
    if form.is_valid():
        try:
            scheme = services.scheme_create(user=request.user, year=form.cleaned_data["year"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Scheme created from the latest earlier year's."))
            return redirect("appraisal:scheme", year=scheme.year)
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("appraisal:list")


@login_required
def scheme_edit(request, year):
    _admin(request)
    scheme = get_object_or_404(Scheme, year=year)
    queryset = scheme.indicators.order_by("subject_kind", "sort_order", "id")
    if request.method == "POST":
        form = SchemeForm(request.POST, instance=scheme)
        formset = IndicatorFormSet(request.POST, queryset=queryset)
        if form.is_valid() and formset.is_valid():
            kept = [
                f.save(commit=False)
                for f in formset.forms
                if f.has_changed() or f.instance.pk
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                with transaction.atomic():
                    services.scheme_save(user=request.user, scheme=form.instance, indicators=kept)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Scheme saved."))
                return redirect("appraisal:scheme", year=scheme.year)
    else:
        form = SchemeForm(instance=scheme)
        formset = IndicatorFormSet(queryset=queryset)
    return render(
        request,
        "appraisal/scheme.html",
        {
            "scheme": scheme,
            "form": form,
            "formset": formset,
            "sources": SOURCES.values(),
            "no_standard": indicators_without_standard(scheme),
            "published": scheme.appraisals.filter(status__in=CURRENT).exists(),
        },
    )


# --- public -----------------------------------------------------------------------------------


@require_safe
def public_lists(request):
    """The latest year's published appraisal's four lists, each saying what it rests on, each
    entry with its reason, in the page's language; under notice, marked so with its end date
    (and without the persons of the warning list, who are named once it is final)."""
    appraisal, lists = public_lists_of()
    return render(
        request,
        "appraisal/public_lists.html",
        {
            "appraisal": appraisal,
            "lists": [
                {
                    "kind": kind,
                    "label": label,
                    "basis": LIST_BASIS[kind](),
                    "entries": lists[kind],
                }
                for kind, label in ListKind.choices
            ],
            "under_notice": appraisal is not None and appraisal.status == AppraisalStatus.NOTICE,
        },
    )
