from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Agent, Investor, PromotionActivity


@admin.register(Investor)
class InvestorAdmin(TranslationAdmin):
    list_display = ("name", "country", "channel", "owner_region")
    list_filter = ("channel", "owner_region")
    search_fields = ("name_zh_hans", "name_en")


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "phone", "is_active")
    search_fields = ("name", "organisation")


@admin.register(PromotionActivity)
class PromotionActivityAdmin(TranslationAdmin):
    list_display = ("name", "kind", "start_date", "end_date", "organiser_region", "cost_cny_10k")
    list_filter = ("kind", "organiser_region")
