import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    CityVideo,
    ContactPoint,
    Industry,
    NewsItem,
    Opportunity,
    Page,
    SuccessStory,
)


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Industry)
class IndustryTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "contact_name")


@register(ContactPoint)
class ContactPointTranslation(TranslationOptions):
    fields = ("name", "address", "hours")


@register(CityVideo)
class CityVideoTranslation(TranslationOptions):
    fields = ("title", "description")


# History after the translated fields exist, so both languages are recorded (as projects do).
for _model in (Page, NewsItem, Industry, ContactPoint, CityVideo):
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
