"""Forms of the chain pages. They only parse; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import use_names
from investors.models import InteractionKind, Investor

from .models import Gap, Outreach, Priority


class GapForm(forms.Form):
    gap = forms.ChoiceField(label=_("Gap rating"), choices=Gap.choices)
    reason = forms.CharField(
        label=_("Reason for the rating"), widget=forms.Textarea(attrs={"rows": 2})
    )
    rated_on = forms.DateField(
        label=_("Rated on"), widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )  # fmt: skip


class TargetCompanyForm(forms.Form):
    investor = forms.ModelChoiceField(
        label=_("Company from the investor database"),
        queryset=Investor.objects.filter(merged_into__isnull=True).order_by("name_zh_hans"),
        required=False,
    )
    new_name_zh_hans = forms.CharField(
        label=_("Or a new company: name in Chinese"), required=False, max_length=200
    )
    new_name_en = forms.CharField(label=_("Name in English"), required=False, max_length=200)
    new_country = forms.CharField(
        label=_("Country (ISO code, e.g. DE)"), required=False, max_length=2
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if not data.get("investor") and not (
            data.get("new_name_zh_hans") or data.get("new_name_en")
        ):
            raise forms.ValidationError(_("Choose a company or name a new one."))
        if not data.get("investor") and not data.get("new_country"):
            self.add_error("new_country", _("Give the new company's country."))
        return data


class OutreachForm(forms.Form):
    state = forms.ChoiceField(label=_("Move to"), choices=Outreach.choices)
    kind = forms.ChoiceField(
        label=_("Kind of contact"), choices=InteractionKind.choices, initial=InteractionKind.CALL
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}))
    project = forms.IntegerField(
        label=_("Project (id), when it became one"), required=False, min_value=1
    )


class LinkProjectForm(forms.Form):
    project = forms.IntegerField(label=_("Project (id)"), min_value=1, max_value=2**62)


class ChainTargetForm(forms.Form):
    chain = forms.ModelChoiceField(
        label=_("Chain (blank: all industrial projects)"), queryset=None, required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region (blank: the whole city)"), queryset=None, required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    negotiated = forms.IntegerField(label=_("Negotiated"), min_value=0, initial=0)
    approved = forms.IntegerField(label=_("Approved"), min_value=0, initial=0)
    started = forms.IntegerField(label=_("Started"), min_value=0, initial=0)
    utilized_fdi_usd_10k = forms.DecimalField(
        label=_("Foreign capital utilized (10k USD)"), min_value=0, max_digits=14,
        decimal_places=2, initial=0,
    )  # fmt: skip
    # The person in both languages: English pages show the English name, or the Chinese one
    # marked as not translated yet (config.names).
    person_name_zh_hans = forms.CharField(
        label=_("Person responsible (Chinese)"), max_length=60, required=False
    )
    person_name_en = forms.CharField(
        label=_("Person responsible (English)"), max_length=60, required=False
    )
    person_title_zh_hans = forms.CharField(
        label=_("Title (Chinese)"), max_length=120, required=False
    )
    person_title_en = forms.CharField(label=_("Title (English)"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        from reference.models import Region, RegionKind

        from .models import Chain

        super().__init__(*args, **kwargs)
        self.fields["chain"].queryset = Chain.objects.all()
        self.fields["region"].queryset = Region.objects.exclude(kind=RegionKind.CITY)
        use_names(self, "chain", "region")
