from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("projects/<int:project_pk>/visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/link/", views.visit_link, name="visit_link"),
    path("visits/<int:pk>/requests/", views.request_create, name="request_create"),
    path("requests/<int:pk>/resolve/", views.request_resolve, name="request_resolve"),
    path("requests/<int:pk>/refer/", views.referral_create, name="referral_create"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral"),
    path("clocks/", views.clocks, name="clocks"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
    path("votes/", views.votes, name="votes"),
]
