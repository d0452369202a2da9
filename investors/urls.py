from django.urls import path

from . import views

app_name = "investors"

urlpatterns = [
    path("", views.investor_list_view, name="list"),
    path("export.xlsx", views.investor_export, name="export"),
    path("contacts.xlsx", views.contact_export, name="contact_export"),
    path("interactions.xlsx", views.interaction_export, name="interaction_export"),
    path("new/", views.investor_create, name="create"),
    path("check-name/", views.investor_check_name, name="check_name"),
    path("<int:pk>/", views.investor_detail, name="detail"),
    path("<int:pk>/edit/", views.investor_edit, name="edit"),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:pk>/contacts/<int:contact_pk>/edit/", views.contact_edit, name="contact_edit"),
    path("<int:pk>/interactions/new/", views.interaction_create, name="interaction_create"),
    path(
        "follow-ups/<int:follow_up_pk>/<str:action>/",
        views.follow_up_action,
        name="follow_up_action",
    ),
    path("reminders/<int:reminder_pk>/dismiss/", views.reminder_dismiss, name="reminder_dismiss"),
    path("reminders/", views.reminder_settings, name="reminder_settings"),
    path("merge/", views.merge_view, name="merge"),
    path("merges/<int:merge_pk>/undo/", views.merge_undo, name="merge_undo"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:batch_pk>/", views.import_preview, name="import_preview"),
    path("activities/", views.activity_list, name="activities"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:activity_pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:activity_pk>/edit/", views.activity_edit, name="activity_edit"),
    path("agents/", views.agent_list, name="agents"),
    path("agents/new/", views.agent_create, name="agent_create"),
    path("agents/<int:agent_pk>/edit/", views.agent_edit, name="agent_edit"),
    path("inquiries/", views.inquiry_list, name="inquiries"),
    path("inquiries/settings/", views.inquiry_settings_view, name="inquiry_settings"),
    path("inquiries/<int:inquiry_pk>/", views.inquiry_detail, name="inquiry_detail"),
    path("report/", views.report, name="report"),
]
