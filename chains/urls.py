from django.urls import path

from . import views

app_name = "chains"

urlpatterns = [
    path("", views.chain_list, name="list"),
    path("office/", views.workspace, name="workspace"),
    path("targets/", views.targets, name="targets"),
    path("<int:pk>/", views.chain_map_page, name="map"),
    path("<int:pk>/map.pdf", views.chain_map_pdf, name="map_pdf"),
    path("links/<int:pk>/", views.link_page, name="link"),
    path("links/<int:pk>/gap/", views.link_gap, name="link_gap"),
    path("links/<int:pk>/targets/", views.link_target_add, name="link_target_add"),
    path("links/<int:pk>/projects/", views.link_project_add, name="link_project_add"),
    path("targets/<int:pk>/move/", views.target_move, name="target_move"),
]
