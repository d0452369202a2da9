from django.urls import path

from . import investor_views, media, views

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
    path("opportunities/", views.opportunities, name="opportunities"),
    path("opportunities/<int:pk>/", views.opportunity, name="opportunity"),
    path("events/", views.events, name="events"),
    path("events/<int:pk>/register/", views.event_register_view, name="event_register"),
    path("stories/", views.stories, name="stories"),
    path("downloads/", views.downloads, name="downloads"),
    path(
        "downloads/industry-<slug:slug>.pdf",
        views.industry_fact_sheet,
        name="industry_fact_sheet",
    ),
    path("downloads/zone-<int:pk>.pdf", views.zone_fact_sheet, name="zone_fact_sheet"),
    path("policies/", investor_views.policies, name="policies"),
    path("policies/<int:pk>/", investor_views.policy, name="policy"),
    path("setup-guide/", investor_views.setup_guide, name="setup_guide"),
    path("zones/", investor_views.zones, name="zones"),
    path("zones/<slug:slug>/", investor_views.zone, name="zone"),
    path("land/", investor_views.land, name="land"),
    path("land/plots.csv", investor_views.land_csv, name="land_csv"),
    path("land/plots.json", investor_views.land_json, name="land_json"),
    path("costs/", investor_views.costs, name="costs"),
]
