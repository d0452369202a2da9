from django.urls import path

from . import views

app_name = "appraisal"

urlpatterns = [
    path("", views.appraisal_list, name="list"),
    path("run/", views.appraisal_run, name="run"),
    path("schemes/new/", views.scheme_create, name="scheme_create"),
    path("schemes/<int:year>/", views.scheme_edit, name="scheme"),
    path("<int:pk>/", views.appraisal_detail, name="detail"),
    path("<int:pk>/rerun/", views.appraisal_rerun, name="rerun"),
    path("<int:pk>/submit/", views.appraisal_submit, name="submit"),
    path("<int:pk>/publish/", views.appraisal_publish, name="publish"),
    path("<int:pk>/revise/", views.appraisal_revise, name="revise"),
    path("<int:pk>/finalise/", views.appraisal_finalise, name="finalise"),
    path("<int:pk>/objections/", views.objection_list, name="objections"),
    path("<int:pk>/objections/<int:oid>/", views.objection_detail, name="objection"),
    path(
        "<int:pk>/objections/<int:oid>/evidence/",
        views.objection_evidence,
        name="objection_evidence",
    ),
    path("<int:pk>/scores/<int:score_pk>/", views.score_detail, name="score"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
]
