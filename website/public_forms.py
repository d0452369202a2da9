"""The public finders' filter forms (policy library, plots and premises). Choices are built
per request from the data and the active language. A value the form refuses is a 400 naming
the field (`website.investor_views`), never a 500 and never silently ignored."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from config.names import bilingual

from . import selectors
from .models import Incentive, ListingKind, Utility, Zoning


def _any(label) -> list[tuple[str, str]]:
    return [("", label)]


class PolicyFilterForm(forms.Form):
    industry = forms.ChoiceField(label=_("Industry"), required=False)
    incentive = forms.ChoiceField(label=_("Incentive"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = _any(_("All industries")) + [
            (s.code, bilingual(s)) for s in selectors.policy_sections()
        ]
        self.fields["incentive"].choices = _any(_("All incentives")) + list(Incentive.choices)


class ListingFilterForm(forms.Form):
    zone = forms.ChoiceField(label=_("Development zone"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    zoning = forms.ChoiceField(label=_("Zoning"), required=False)
    utility = forms.ChoiceField(label=_("Utility"), required=False)
    min_area = forms.DecimalField(
        label=_("Area from (m²)"), required=False, min_value=Decimal(0), max_digits=12
    )
    max_area = forms.DecimalField(
        label=_("Area up to (m²)"), required=False, min_value=Decimal(0), max_digits=12
    )
    max_price = forms.DecimalField(
        label=_("Price up to (CNY)"), required=False, min_value=Decimal(0), max_digits=12
    )
    available_by = forms.DateField(
        label=_("Available by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.zones = {z.slug: z for z in selectors.zones()}
        self.fields["zone"].choices = _any(_("All zones")) + [
            (slug, bilingual(z)) for slug, z in self.zones.items()
        ]
        self.fields["kind"].choices = _any(_("All kinds")) + list(ListingKind.choices)
        self.fields["zoning"].choices = _any(_("Any zoning")) + list(Zoning.choices)
        self.fields["utility"].choices = _any(_("Any utility")) + list(Utility.choices)

    def clean(self):
        data = super().clean()
        low, high = data.get("min_area"), data.get("max_area")
        if low is not None and high is not None and low > high:
            self.add_error("max_area", _("The largest area is smaller than the smallest."))
        return data

    def filters(self) -> dict:
        """The cleaned filters as `selectors.listing_filter` takes them."""
        d = self.cleaned_data
        return {
            "zone": self.zones.get(d.get("zone") or ""),
            "kind": d.get("kind") or "",
            "zoning": d.get("zoning") or "",
            "utility": d.get("utility") or "",
            "min_area": d.get("min_area"),
            "max_area": d.get("max_area"),
            "max_price": d.get("max_price"),
            "available_by": d.get("available_by"),
        }
