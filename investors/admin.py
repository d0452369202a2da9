from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Agent,
    Contact,
    Inquiry,
    InquiryRoute,
    Interaction,
    Investor,
    Merge,
    PromotionActivity,
)
from .services import INVESTOR_FIELDS, investor_update


@admin.register(Investor)
class InvestorAdmin(TranslationAdmin):
    list_display = ("name", "country", "channel", "owner_region", "merged_into")
    list_filter = ("channel", "owner_region")
    search_fields = ("name_zh_hans", "name_en")
    readonly_fields = ("merged_into", "name_key_zh", "name_key_en")

    def has_add_permission(self, request):
        # New investors go through the staff page, which checks for duplicates first.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        original = Investor.objects.get(pk=obj.pk)
        return investor_update(
            user=request.user,
            investor=original,
            data={f: getattr(obj, f) for f in form.changed_data if f in INVESTOR_FIELDS},
        )


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation", "region", "phone", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "organisation")


@admin.register(PromotionActivity)
class PromotionActivityAdmin(TranslationAdmin):
    list_display = ("name", "kind", "start_date", "end_date", "organiser_region", "cost_cny_10k")
    list_filter = ("kind", "organiser_region")


@admin.register(InquiryRoute)
class InquiryRouteAdmin(admin.ModelAdmin):
    """Which staff member answers inquiries about which industry."""

    list_display = ("industry", "contact")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("name", "investor", "email", "phone")
    search_fields = ("name", "email")
    readonly_fields = ("investor",)


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "investor", "logged_by")
    list_filter = ("kind",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ("reference", "organisation", "country", "status", "received_at")
    list_filter = ("status",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    list_display = ("source", "target", "merged_by", "merged_at", "undone_at")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
