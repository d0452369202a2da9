from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ExportKind


class ExportForm(forms.Form):
    """The list page's export button: which list, and the page's filters (its query string)."""

    kind = forms.ChoiceField(label=_("List"), choices=ExportKind.choices)
    query = forms.CharField(label=_("Filters"), max_length=2000, required=False)
