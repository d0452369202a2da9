"""Admin: visits, reviews and cases change only through their pages and the API, so the admin
lists them read-only. Holidays are the working-day calendar's (reference; the staff page
*Working-day calendar*)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Case, Review, ServiceVisit


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceVisit)
class ServiceVisitAdmin(ReadOnlyAdmin):
    list_display = ["date", "project", "unit", "purpose"]
    list_filter = ["unit"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["visit", "overall", "submitted_at", "voided_at"]
    exclude = ["link"]


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "reference",
        "subject_in_language",
        "source",
        "unit",
        "status",
        "due_date",
    ]
    list_filter = ["status", "source", "unit"]
    exclude = ["complainant_name", "complainant_phone", "complainant_email"]

    @admin.display(description=_("subject"))
    def subject_in_language(self, case):
        """A system subject worded in the reader's language (Case.subject_text)."""
        return case.subject_text
