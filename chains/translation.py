from modeltranslation.translator import TranslationOptions, register

from .models import Chain, ChainLink, ChainOffice, ChainTarget


@register(ChainOffice)
class ChainOfficeTranslation(TranslationOptions):
    fields = ("name",)


@register(Chain)
class ChainTranslation(TranslationOptions):
    fields = ("name", "description", "leader_name", "leader_title")


@register(ChainLink)
class ChainLinkTranslation(TranslationOptions):
    fields = ("name", "key_products")


@register(ChainTarget)
class ChainTargetTranslation(TranslationOptions):
    fields = ("person_name", "person_title")
