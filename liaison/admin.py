from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import LiaisonAssignment, LiaisonUnit


@admin.register(LiaisonUnit)
class LiaisonUnitAdmin(TranslationAdmin):
    list_display = ("name", "code", "is_active")
    search_fields = ("name_zh_hans", "name_en", "code")


@admin.register(LiaisonAssignment)
class LiaisonAssignmentAdmin(admin.ModelAdmin):
    """Read-only here: assignments change through the project page (`liaison_assign`,
    `liaison_assignment_void`), which keep one assignment in force, check the person belongs
    to the unit and record history."""

    list_display = ("project", "unit", "person", "start_date", "end_date", "voided_at")
    list_filter = ("unit",)
    list_select_related = ("project", "unit", "person")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
