from django.urls import path

from . import media, views

app_name = "website"

urlpatterns = [
    path("", views.home, name="home"),
    path("s/<slug:section>/", views.section, name="section"),
    path("page/<slug:slug>/", views.page, name="page"),
    path("industries/", views.industries, name="industries"),
    path("industries/<slug:slug>/", views.industry, name="industry"),
    path("projects/", views.projects, name="projects"),
    path("projects/<int:pk>/", views.project, name="project"),
    path("news/", views.news_list, name="news"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("video/", views.video, name="video"),
    path("video/<int:pk>/<str:field>", media.media, name="media"),
    path("contact/", views.contact, name="contact"),
    path("inquiry/", views.inquiry, name="inquiry"),
    path("inquiry/sent/", views.inquiry_sent, name="inquiry_sent"),
    path("inquiry/track/", views.inquiry_track, name="inquiry_track"),
    path("search/", views.search, name="search"),
]
