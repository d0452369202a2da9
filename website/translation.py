import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    CityVideo,
    ContactPoint,
    CostItem,
    GuideStep,
    Industry,
    Listing,
    NewsItem,
    Opportunity,
    Page,
    Policy,
    SuccessStory,
    Zone,
)


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Industry)
class IndustryTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "contact_name", "figures_source")


@register(ContactPoint)
class ContactPointTranslation(TranslationOptions):
    fields = ("name", "address", "hours")


@register(CityVideo)
class CityVideoTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Policy)
class PolicyTranslation(TranslationOptions):
    fields = ("title", "issuing_body", "summary", "text")


@register(GuideStep)
class GuideStepTranslation(TranslationOptions):
    fields = (
        "title",
        "summary",
        "office",
        "office_address",
        "office_hours",
        "documents",
        "fees",
        "time_limit",
        "legal_basis",
        "complaints",
    )


@register(Zone)
class ZoneTranslation(TranslationOptions):
    fields = (
        "name",
        "level",
        "summary",
        "body",
        "figures_source",
        "enterprises",
        "contact_name",
        "contact_address",
    )


@register(Listing)
class ListingTranslation(TranslationOptions):
    fields = ("name", "description", "contact_name")


@register(CostItem)
class CostItemTranslation(TranslationOptions):
    fields = ("label", "unit", "note", "source")


# History after the translated fields exist, so both languages are recorded (as projects do).
for _model in (
    Page,
    NewsItem,
    Industry,
    ContactPoint,
    CityVideo,
    Policy,
    GuideStep,
    Zone,
    Listing,
    CostItem,
):
    simple_history.register(_model, excluded_fields=["updated_at"], app=__package__)


@register(Opportunity)
class OpportunityTranslation(TranslationOptions):
    fields = (
        "name",
        "summary",
        "location",
        "scale",
        "land_utilities",
        "cooperation",
        "incentives",
        "contact_name",
    )


@register(SuccessStory)
class SuccessStoryTranslation(TranslationOptions):
    fields = ("title", "enterprise", "summary", "body")


for _model in (Opportunity, SuccessStory):
    simple_history.register(_model, excluded_fields=["updated_at"], app=__package__)
