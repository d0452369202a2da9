from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reference.selectors import region_list

from .selectors import dashboard_scope


@login_required
def dashboard(request):
    return render(request, "staff/dashboard.html", {"scope": dashboard_scope(request.user)})


@login_required
def regions(request):
    return render(request, "staff/regions.html", {"regions": region_list()})
