from modeltranslation.translator import TranslationOptions, register

from .models import IndustrySection, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(IndustrySection)
class IndustrySectionTranslation(TranslationOptions):
    fields = ("name",)
