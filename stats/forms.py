from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReferenceFigure, ScopeType

BREAKDOWNS = [(t, label) for t, label in ScopeType.choices if t != ScopeType.CITY]


class StatsFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    scope = forms.ChoiceField(label=_("Figures for"), required=False)
    breakdown = forms.ChoiceField(label=_("Breakdown"), choices=BREAKDOWNS, required=False)

    def __init__(self, *args, periods, scopes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [
            (p, p if computed else _("%(period)s (not computed)") % {"period": p})
            for p, computed in periods
        ]
        self.fields["scope"].choices = scopes


class ComputeForm(forms.Form):
    period = forms.RegexField(label=_("Period"), regex=r"^\d{4}-\d{2}$")
    revision_reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferenceFigureForm(forms.ModelForm):
    class Meta:
        model = ReferenceFigure
        fields = [
            "scope",
            "year",
            "month",
            "new_fie_count",
            "new_fie_count_yoy_pct",
            "contracted_fdi_usd_10k",
            "contracted_fdi_yoy_pct",
            "utilized_fdi_usd_10k",
            "utilized_fdi_yoy_pct",
            "cumulative_as_of",
            "cumulative_fie_count",
            "cumulative_contracted_fdi_usd_10k",
            "cumulative_utilized_fdi_usd_10k",
            "source",
        ]
        widgets = {"cumulative_as_of": forms.DateInput(attrs={"type": "date"})}
