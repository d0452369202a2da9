import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Investor, PromotionActivity


@register(Investor)
class InvestorTranslation(TranslationOptions):
    fields = ("name",)


@register(PromotionActivity)
class PromotionActivityTranslation(TranslationOptions):
    fields = ("name", "description")


# History after the translated fields exist, so name_zh_hans / name_en are recorded too.
simple_history.register(
    Investor, excluded_fields=["updated_at", "name_key_zh", "name_key_en"], app=__package__
)
