from django.urls import path

from . import staff_views

app_name = "sitecontent"

urlpatterns = [
    path("", staff_views.index, name="index"),
    path("review/", staff_views.review, name="review"),
    path("<slug:kind>/<int:pk>/verify/", staff_views.verify, name="verify"),
    path("<slug:kind>/", staff_views.content_list, name="list"),
    path("<slug:kind>/new/", staff_views.edit, name="new"),
    path("<slug:kind>/<int:pk>/", staff_views.edit, name="edit"),
    path("<slug:kind>/<int:pk>/preview/", staff_views.preview, name="preview"),
    path("<slug:kind>/<int:pk>/publish/", staff_views.publish, name="publish"),
]
