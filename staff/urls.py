from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("go-live/", views.go_live, name="go_live"),
    path("regions/", views.regions, name="regions"),
    path("regions/zones/new/", views.dev_zone_edit, name="dev_zone_create"),
    path("regions/zones/<int:pk>/", views.dev_zone_edit, name="dev_zone_edit"),
    path("calendar/", views.work_calendar, name="calendar"),
    path("calendar/<int:pk>/", views.work_calendar_day, name="calendar_day"),
    path("calendar/<int:pk>/delete/", views.work_calendar_day_remove, name="calendar_day_delete"),
    path("exports/", views.export_list, name="exports"),
    path("exports/new/", views.export_create, name="export_create"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
