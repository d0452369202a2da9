from modeltranslation.translator import TranslationOptions, register

from .models import LiaisonUnit


@register(LiaisonUnit)
class LiaisonUnitTranslation(TranslationOptions):
    fields = ("name",)
