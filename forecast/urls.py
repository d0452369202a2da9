from django.urls import path

from . import views

app_name = "forecast"
urlpatterns = [
    path("", views.forecast_page, name="page"),
    path("schedule/<int:pk>/", views.schedule, name="schedule"),
    path("schedule/<int:pk>/<int:item_pk>/delete/", views.schedule_delete, name="schedule_delete"),
]
