from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import LiaisonUnit


@admin.register(LiaisonUnit)
class LiaisonUnitAdmin(TranslationAdmin):
    list_display = ("name", "code", "is_active")
    search_fields = ("name_zh_hans", "name_en", "code")
