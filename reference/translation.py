import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import IndustrySection, Region, WorkCalendarDay


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(IndustrySection)
class IndustrySectionTranslation(TranslationOptions):
    fields = ("name",)


@register(WorkCalendarDay)
class WorkCalendarDayTranslation(TranslationOptions):
    fields = ("name",)


# History after the translated fields exist, so name_zh_hans / name_en are recorded too.
simple_history.register(WorkCalendarDay, excluded_fields=["updated_at"], app=__package__)
