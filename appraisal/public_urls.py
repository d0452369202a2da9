"""The public site's commendation and warning lists (included under the language prefix)."""

from django.urls import path

from . import views

app_name = "appraisal_public"

urlpatterns = [
    path("lists/", views.public_lists, name="lists"),
]
