from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import LiaisonAssignment, LiaisonUnit


@admin.register(LiaisonUnit)
class LiaisonUnitAdmin(TranslationAdmin):
    list_display = ("name", "code", "is_active")
    search_fields = ("name_zh_hans", "name_en", "code")


@admin.register(LiaisonAssignment)
class LiaisonAssignmentAdmin(admin.ModelAdmin):
    list_display = ("project", "unit", "person", "start_date", "end_date")
    list_filter = ("unit",)
    autocomplete_fields = ("project",)
    list_select_related = ("project", "unit", "person")
