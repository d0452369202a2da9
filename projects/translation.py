import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Project, Tag


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name",)


# History is registered after the translation fields exist, so the historical table records
# name_zh_hans / name_en too (simple-history's documented way with modeltranslation).
simple_history.register(
    Project,
    m2m_fields=[Project.tags.field],
    excluded_fields=["last_activity_on", "updated_at"],
    app=__package__,
)
