from modeltranslation.translator import TranslationOptions, register

from .models import Chain, ChainLink, ChainOffice


@register(ChainOffice)
class ChainOfficeTranslation(TranslationOptions):
    fields = ("name",)


@register(Chain)
class ChainTranslation(TranslationOptions):
    fields = ("name", "description", "leader_name", "leader_title")


@register(ChainLink)
class ChainLinkTranslation(TranslationOptions):
    fields = ("name", "key_products")
