"""Liaison pages, routed by liaison itself under the project's address (projects/ does not
import liaison/)."""

from django.urls import path

from . import views

app_name = "liaison"

urlpatterns = [
    path("<int:pk>/liaison/", views.assign, name="assign"),
    path("<int:pk>/liaison/void/", views.void, name="void"),
    path("<int:pk>/liaison/cadence/", views.cadence, name="cadence"),
    path("liaison/unassigned/", views.unassigned, name="unassigned"),
    path("liaison/funds/", views.funds, name="funds"),
]
