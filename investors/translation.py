from modeltranslation.translator import TranslationOptions, register

from .models import Investor, PromotionActivity


@register(Investor)
class InvestorTranslation(TranslationOptions):
    fields = ("name",)


@register(PromotionActivity)
class PromotionActivityTranslation(TranslationOptions):
    fields = ("name",)
