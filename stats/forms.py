from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from reference.models import Region, RegionKind

from .models import (
    OPENING_METRICS,
    LineResolution,
    MonthlyReport,
    ReconciliationSource,
    ReferenceFigure,
    ScopeType,
)

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


class MonthlyReportForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=None)
    period = forms.ChoiceField(label=_("Month reported on"))
    summary = forms.CharField(
        label=MonthlyReport._meta.get_field("summary").verbose_name.capitalize(),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Visits, talks, signings and events of the month. The figures come from the "
            "pipeline's records and are not typed here."
        ),
    )
    problems = forms.CharField(
        label=MonthlyReport._meta.get_field("problems").verbose_name.capitalize(),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    filed_on = forms.DateField(
        label=_("Arrived on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the report reached the bureau."),
    )
    receipt_note = forms.CharField(
        label=MonthlyReport._meta.get_field("receipt_note").verbose_name.capitalize(),
        max_length=200,
        required=False,
        help_text=MonthlyReport._meta.get_field("receipt_note").help_text,
    )

    def __init__(self, *args, regions, periods, records_arrival, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["period"].choices = [*BLANK_CHOICE_DASH, *((p, p) for p in periods)]
        if not records_arrival:
            del self.fields["filed_on"]
            del self.fields["receipt_note"]

    def clean_period(self):
        year, month = self.cleaned_data["period"].split("-")
        return int(year), int(month)


class ReportWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the report is withdrawn (filed for the wrong month or region…)."),
    )


class OpeningFigureForm(forms.Form):
    """One month's opening figures for the city (no region) or a region."""

    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("Whole city"),
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        from .exports import metric_label

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.exclude(kind=RegionKind.CITY)
        for m in OPENING_METRICS:
            for span, text in (
                ("month", _("%(metric)s, month")),
                ("ytd", _("%(metric)s, year to date")),
            ):
                field = (
                    forms.IntegerField(min_value=0, max_value=10**6)
                    if m == "new_fie_count"
                    else forms.DecimalField(min_value=0, max_digits=16, decimal_places=2)
                )
                field.label = text % {"metric": metric_label(m)}
                self.fields[f"{m}_{span}"] = field


class OpeningImportForm(forms.Form):
    file = forms.FileField(label=_("File (xlsx or csv)"))
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)


def _language_choices():
    return [("zh-hans", _("Chinese")), ("en", _("English"))]


class ProvinceSentForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the tables sent"), choices=_language_choices)
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        help_text=_("How and to whom (e.g. the provincial commerce department, by e-mail)."),
    )


class ReconciliationImportForm(forms.Form):
    period = forms.RegexField(
        label=_("Period"), regex=r"^\d{4}-\d{2}$", help_text=_("YYYY-MM, e.g. 2026-11.")
    )
    source = forms.ChoiceField(label=_("Source of the list"), choices=ReconciliationSource.choices)
    file = forms.FileField(
        label=_("List of arrivals (xlsx or CSV)"),
        help_text=_(
            "A header row naming the columns: enterprise name, unified social credit code, "
            "amount (10k, in the currency), currency, date."
        ),
    )


class LineResolveForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Resolution"), choices=LineResolution.choices)
    note = forms.CharField(label=_("Why"), max_length=2000)
    project = forms.IntegerField(
        label=_("Project (to record an arrival only in the list)"), required=False, min_value=1
    )
    usd_rate = forms.DecimalField(label=_("Rate to USD"), required=False)
