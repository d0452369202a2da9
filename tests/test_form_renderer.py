"""The select drawn without templates (config/forms.py) is the HTML the templates draw: the
empty choice, selected options, several selected, option groups, attributes (true, false,
numbers), labels to escape, numbers as labels, in both languages."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from config.forms import SELECT, PortalFormRenderer


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---------"), ("a", "A & <b>"), ("b", "B")])
    many = forms.MultipleChoiceField(choices=[(1, "one"), (2, "two"), (3, "three")])
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("x", "Other")],
        widget=forms.Select(attrs={"data-n": 3, "disabled": True, "hidden": False}),
    )
    years = forms.TypedChoiceField(choices=[(2025, 2025), (12345, 12345)], coerce=int)
    countries = forms.ChoiceField(
        choices=lambda: [("", "---------"), ("CN", "中国"), ("DE", '"Germany"')]
    )


def _both(form: forms.Form, name: str) -> tuple[str, str]:
    renderer = PortalFormRenderer()
    bound = form[name]
    context = bound.field.widget.get_context(bound.html_name, bound.value(), {"id": f"id_{name}"})
    fast = renderer.render(SELECT, context)
    slow = DjangoTemplates.render(renderer, SELECT, context)
    return fast, slow


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    "data",
    [None, {"plain": "a", "many": ["1", "3"], "grouped": "pear", "years": "12345"}],
)
def test_the_fast_select_is_the_templates_select(language, data):
    with translation.override(language):
        form = _Form(data)
        for name in form.fields:
            fast, slow = _both(form, name)
            assert fast == slow, name


@pytest.mark.django_db
def test_the_investor_filter_draws_the_same(rf):
    from investors.filters import InvestorFilter

    request = rf.get("/", {"country": "DE"})
    form = InvestorFilter(request.GET, request=request).form
    selects = [n for n, f in form.fields.items() if isinstance(f.widget, forms.Select)]
    assert selects
    for name in selects:
        fast, slow = _both(form, name)
        assert fast == slow, name
