from django import forms
from django.utils.translation import gettext_lazy as _

from reference.models import Region, RegionKind, WorkDayKind, ZoneKind

from .models import ExportKind


class ExportForm(forms.Form):
    """The list page's export button: which list, and the page's filters (its query string)."""

    kind = forms.ChoiceField(label=_("List"), choices=ExportKind.choices)
    query = forms.CharField(label=_("Filters"), max_length=2000, required=False)


class WorkCalendarDayForm(forms.Form):
    """A holiday or make-up workday of the working-day calendar (the administrator's page)."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkDayKind.choices)
    name_zh_hans = forms.CharField(
        label=_("Name (Chinese)"), max_length=80, widget=forms.TextInput(attrs={"lang": "zh-Hans"})
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=80)


class CalendarYearForm(forms.Form):
    """The year the calendar page shows (?year=)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class DevZoneForm(forms.Form):
    """A development zone: its names, kind and the city or division it lies in."""

    name_zh_hans = forms.CharField(
        label=_("Name (Chinese)"), max_length=100, widget=forms.TextInput(attrs={"lang": "zh-Hans"})
    )
    name_en = forms.CharField(label=_("Name (English)"), max_length=100)
    zone_kind = forms.ChoiceField(label=_("Kind of development zone"), choices=ZoneKind.choices)
    parent = forms.ModelChoiceField(label=_("Lies in"), queryset=Region.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Region.objects.exclude(kind=RegionKind.DEV_ZONE)
