"""Pages for enterprises and the public, without an account."""

from django.urls import path

from . import views

app_name = "feedback_public"

urlpatterns = [
    path("feedback/<str:token>/", views.public_feedback, name="form"),
    path("complaint/", views.public_complaint, name="complaint"),
    path("vote/<str:token>/", views.public_vote, name="vote"),
]
