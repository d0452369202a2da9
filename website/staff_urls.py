from django.urls import path

from . import staff_opportunities, staff_views

app_name = "sitecontent"

urlpatterns = [
    path("", staff_views.index, name="index"),
    path("opportunities/", staff_opportunities.opportunity_list, name="opportunities"),
    path("opportunities/new/", staff_opportunities.opportunity_edit, name="opportunity_new"),
    path(
        "opportunities/<int:pk>/",
        staff_opportunities.opportunity_edit,
        name="opportunity_edit",
    ),
    path(
        "opportunities/<int:pk>/status/",
        staff_opportunities.opportunity_move,
        name="opportunity_move",
    ),
    path(
        "opportunities/<int:pk>/leads/<int:lead>/project/",
        staff_opportunities.lead_to_project,
        name="opportunity_lead_project",
    ),
    path("review/", staff_views.review, name="review"),
    path("<slug:kind>/<int:pk>/verify/", staff_views.verify, name="verify"),
    path("<slug:kind>/", staff_views.content_list, name="list"),
    path("<slug:kind>/new/", staff_views.edit, name="new"),
    path("<slug:kind>/<int:pk>/", staff_views.edit, name="edit"),
    path("<slug:kind>/<int:pk>/preview/", staff_views.preview, name="preview"),
    path("<slug:kind>/<int:pk>/publish/", staff_views.publish, name="publish"),
]
