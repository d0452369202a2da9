from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("compute/", views.compute, name="compute"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("snapshots/<int:pk>/publish/", views.publish, name="publish"),
    path("snapshots/<int:pk>/province/", views.province_page, name="province"),
    path("snapshots/<int:pk>/province.<str:fmt>", views.province_download, name="province_file"),
    path("snapshots/<int:pk>/province/sent/", views.province_sent, name="province_sent"),
    path("reconciliations/", views.reconciliations, name="reconciliations"),
    path("reconciliations/<int:pk>/", views.reconciliation_detail, name="reconciliation"),
    path(
        "reconciliations/<int:pk>/lines/<int:line_pk>/resolve/",
        views.reconciliation_resolve,
        name="reconciliation_resolve",
    ),
    path(
        "reconciliations/<int:pk>/review/",
        views.reconciliation_review,
        name="reconciliation_review",
    ),
    path("bulletin/", views.bulletin, name="bulletin"),
    path("bulletin.<str:fmt>", views.bulletin_download, name="bulletin_file"),
    path("compare/", views.compare_versions, name="compare"),
    path("export.xlsx", views.export, name="export"),
    path("reports/", views.reports, name="reports"),
    path("reports/new/", views.report_file, name="report_file"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/withdraw/", views.report_withdraw, name="report_withdraw"),
    path("reference/", views.references, name="references"),
    path("opening/", views.opening_figures, name="opening"),
    path("opening/template.xlsx", views.opening_template, name="opening_template"),
    path("reference/new/", views.reference_edit, name="reference_create"),
    path("reference/<int:pk>/", views.reference_edit, name="reference_edit"),
]
