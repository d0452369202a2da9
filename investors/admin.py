from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Agent, Investor, PromotionActivity
from .services import EDITABLE_FIELDS, investor_update


@admin.register(Investor)
class InvestorAdmin(TranslationAdmin):
    list_display = ("name", "country", "channel", "owner_region")
    list_filter = ("channel", "owner_region")
    search_fields = ("name_zh_hans", "name_en")

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        original = Investor.objects.get(pk=obj.pk)
        return investor_update(
            user=request.user,
            investor=original,
            data={f: getattr(obj, f) for f in form.changed_data if f in EDITABLE_FIELDS},
        )


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "phone", "is_active")
    search_fields = ("name", "organisation")


@admin.register(PromotionActivity)
class PromotionActivityAdmin(TranslationAdmin):
    list_display = ("name", "kind", "start_date", "end_date", "organiser_region", "cost_cny_10k")
    list_filter = ("kind", "organiser_region")
