"""`/staff/imports/`: choose a kind, download its template, upload the file, read the dry
run's errors, apply it (all rows or the valid ones) and watch it progress."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_POST

from config.errors import DomainError

from .api import XLSX
from .forms import ImportForm
from .kinds import KINDS
from .models import ImportStatus
from .selectors import can_import, can_import_kind, import_jobs_for, kinds_for
from .services import import_apply, import_check
from .tables import template_csv, template_xlsx

SHOWN_ROWS = 500


def _require_importer(request):
    if not can_import(request.user):
        raise PermissionDenied


@login_required
def import_index(request):
    _require_importer(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_check(
                user=request.user,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
                language=translation.get_language(),
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            return redirect("imports:detail", pk=job.pk)
    jobs = import_jobs_for(request.user).defer("rows")[:20]
    return render(
        request,
        "imports/index.html",
        {"form": form, "jobs": jobs, "kinds": kinds_for(request.user)},
    )


@login_required
def import_detail(request, pk):
    _require_importer(request)
    job = get_object_or_404(import_jobs_for(request.user), pk=pk)
    spec = KINDS[job.kind]
    with_errors = [r for r in job.rows if r["errors"]]
    return render(
        request,
        "imports/detail.html",
        {
            "job": job,
            "rows": with_errors[:SHOWN_ROWS],
            "more": max(0, len(with_errors) - SHOWN_ROWS),
            "columns": spec.columns,
            "checked": job.status == ImportStatus.CHECKED,
            "trial_rows": settings.IMPORT_TRIAL_ROWS,
        },
    )


@login_required
@require_POST
def import_apply_view(request, pk):
    _require_importer(request)
    job = get_object_or_404(import_jobs_for(request.user), pk=pk)
    try:
        import_apply(
            user=request.user,
            job=job,
            only_valid=request.POST.get("mode") == "valid",
            site=request.get_host(),
            use_https=request.is_secure(),
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    return redirect("imports:detail", pk=job.pk)


@login_required
def template_download(request, kind):
    _require_importer(request)
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404
    if not can_import_kind(request.user, kind):
        raise PermissionDenied
    lang = "zh" if (translation.get_language() or "").startswith("zh") else "en"
    if request.GET.get("format") == "csv":
        response = HttpResponse(template_csv(spec), content_type="text/csv; charset=utf-8")
        ext = "csv"
    else:
        response = HttpResponse(template_xlsx(spec), content_type=XLSX)
        ext = "xlsx"
    response["Content-Disposition"] = f'attachment; filename="{kind}-template-{lang}.{ext}"'
    return response
