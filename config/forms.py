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
