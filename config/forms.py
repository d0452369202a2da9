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
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, none for False."""
    return "".join(
        "" if v is False else format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v)
        for k, v in attrs.items()
    )


def _text(value) -> str:
    """What `{{ value }}` prints: localized (numbers, dates), escaped unless safe."""
    return conditional_escape(value if isinstance(value, str) else localize(value))


def _option_lang(label) -> str:
    """The lang attribute of an option (as the option template's `option_lang` filter): the
    `Bilingual` label's own, or "zh-Hans" for other Chinese text on a page in another
    language."""
    from .names import bilingual

    lang = getattr(label, "lang", None)
    if isinstance(lang, str):
        return lang
    return bilingual(str(label) if label is not None else "").lang


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict) and str(widget.get("name", "")).endswith("zh_hans"):
            # A field for the Chinese text (name_zh_hans, …) says so, on every page: an
            # English page shows its Chinese value marked, and a screen reader reads it so.
            widget["attrs"] = {**widget.get("attrs", {}), "lang": "zh-Hans"}
        if template_name == SELECT:
            fast = self._select(context["widget"])
            if fast is not None:
                return fast
        return super().render(template_name, context, request)

    def _select(self, widget) -> str | None:
        """A select drawn without a template per option: the same HTML as Django's select and
        this project's select_option templates (tests/test_form_renderer.py compares them),
        at a fraction of the cost. The country select has some 250 options; drawn through the
        templates, the filter forms cost the staff lists a fifth of their CPU (README,
        Benchmarks: load). None (use the templates) for an option with its own template."""
        choose = None
        out = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in options:
                if option["template_name"] != OPTION:
                    return None
                label = option["label"]
                lang = "" if "lang" in option["attrs"] else _option_lang(label)
                if label == "---------":
                    choose = choose or conditional_escape(_("— choose —"))
                    text = choose
                else:
                    plain = getattr(label, "plain", None)
                    text = _text(plain if plain else label)
                out.append(
                    format_html('\n  <option value="{}"', str(option["value"]))
                    + _attrs(option["attrs"])
                    + (format_html(' lang="{}"', lang) if lang else "")
                    # The option template's file ends with a newline, which it prints.
                    + f">{text}</option>\n"
                )
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 (every part escaped above)

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
