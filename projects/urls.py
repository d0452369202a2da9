from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("board/", views.project_board, name="board"),
    path("export.xlsx", views.project_export, name="export"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/move/", views.project_move, name="move"),
    path("<int:pk>/drop/", views.project_drop, name="drop"),
    path("<int:pk>/hold/", views.project_hold, name="hold"),
    path("<int:pk>/reopen/", views.project_reopen, name="reopen"),
    path("<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("<int:pk>/arrivals/new/", views.arrival_create, name="arrival_create"),
    path("<int:pk>/arrivals/<int:arrival_pk>/delete/", views.arrival_delete, name="arrival_delete"),
    path(
        "<int:pk>/domestic-arrivals/new/",
        views.domestic_arrival_create,
        name="domestic_arrival_create",
    ),
    path(
        "<int:pk>/domestic-arrivals/<int:arrival_pk>/delete/",
        views.domestic_arrival_delete,
        name="domestic_arrival_delete",
    ),
    path("<int:pk>/checks/new/", views.check_create, name="check_create"),
    path("<int:pk>/checks/<int:check_pk>/withdraw/", views.check_withdraw, name="check_withdraw"),
    path("<int:pk>/evidence/<int:move_pk>/", views.evidence_download, name="evidence"),
    path("targets/", views.targets, name="targets"),
    path("targets/copy/", views.targets_copy, name="targets_copy"),
    path("targets/<int:region_pk>/<int:year>/", views.target_edit, name="target_edit"),
]
