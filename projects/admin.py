from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Project, Tag


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    """Free tags (industry chains, resources) that project forms offer."""

    list_display = ("slug", "name")
    search_fields = ("slug", "name_zh_hans", "name_en")


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """Read-only here: projects change through the staff pages and the API, which run the
    workflow and record history."""

    list_display = ("name", "region", "stage", "status", "approval_date", "updated_at")
    list_filter = ("stage", "status", "capital_source", "region")
    search_fields = ("name_zh_hans", "name_en")
    list_select_related = ("region",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
