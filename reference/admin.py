from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import IndustrySection, Region


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("name", "code", "kind", "zone_kind", "parent", "sort_order")
    list_filter = ("kind", "zone_kind")
    search_fields = ("name_zh_hans", "name_en", "code")


@admin.register(IndustrySection)
class IndustrySectionAdmin(TranslationAdmin):
    list_display = ("code", "name", "three_industry")
    list_filter = ("three_industry",)
