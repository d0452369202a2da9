"""How every form's widgets are drawn (settings.FORM_RENDERER).

Django's own widget templates, with one change in one place: the empty choice of a select
never reads ``---------``. In a form it reads "— choose —" / 请选择 (templates/form_widgets/);
list filters (django-filter) read 全部 / "All" (settings.FILTERS_EMPTY_CHOICE_LABEL).
"""

from pathlib import Path

import django.forms
import django_filters.widgets
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class PortalFormRenderer(DjangoTemplates):
    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates" / "form_widgets",
                    Path(django.forms.__file__).parent / "templates",
                ],
                "NAME": "portalforms",
                "OPTIONS": {},
            }
        )


class YesNoFilterWidget(django_filters.widgets.BooleanWidget):
    """django-filter's yes/no select, with its labels translated when the page is drawn (its
    own are translated once, in whatever language was active when the filter was declared)
    and the empty choice reading 全部 / "All" like every other filter."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class NameChoiceField(django.forms.ModelChoiceField):
    """A choice of records labelled by their name in the reader's language
    (`config.names.bilingual`): a missing English name is marked, and the option carries
    lang="zh-Hans" (templates/form_widgets/…/select_option.html)."""

    def __init__(self, *args, name_field: str = "name", **kwargs):
        self.name_field = name_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        from .names import bilingual

        return bilingual(obj, self.name_field)


class NameMultipleChoiceField(django.forms.ModelMultipleChoiceField):
    """`NameChoiceField` for several records."""

    def __init__(self, *args, name_field: str = "name", **kwargs):
        self.name_field = name_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        from .names import bilingual

        return bilingual(obj, self.name_field)


def use_names(form, *field_names: str) -> None:
    """Label the choices of these (model-generated or declared) choice fields of `form` by
    name, as `NameChoiceField` does; for fields a ModelForm makes from a foreign key."""
    from .names import bilingual

    for name in field_names:
        field = form.fields.get(name)
        if field is not None:
            field.label_from_instance = bilingual
