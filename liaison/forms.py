from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User

from .models import MAX_CADENCE_DAYS, MIN_CADENCE_DAYS, LiaisonUnit


class AssignmentForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Liaison unit"), queryset=LiaisonUnit.objects.filter(is_active=True)
    )
    person = forms.ModelChoiceField(
        label=_("Responsible person"),
        queryset=User.objects.filter(role=Role.LIAISON, is_active=True).select_related(
            "liaison_unit"
        ),
    )
    start_date = forms.DateField(
        label=_("From"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    current_in_error = forms.BooleanField(
        label=_("The current assignment was entered in error"),
        required=False,
        help_text=_(
            "It is voided: kept on record with the reason, and its unit no longer sees the "
            "project. The new one can then start on the same day."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, has_current: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_current:
            del self.fields["current_in_error"]
            del self.fields["reason"]
        # A user reads "unit · name" (accounts.User.__str__, through config/names.py).


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it was entered in error"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class FundAllocationForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Liaison unit"), queryset=LiaisonUnit.objects.filter(is_active=True)
    )
    year = forms.IntegerField(label=_("Year"), initial=lambda: timezone.localdate().year)
    amount_10k = forms.DecimalField(label=_("Amount (10,000 CNY)"), max_digits=20, decimal_places=6)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)


class CadenceForm(forms.Form):
    visit_cadence_days = forms.IntegerField(
        label=_("Visit at least every (days)"),
        min_value=MIN_CADENCE_DAYS,
        max_value=MAX_CADENCE_DAYS,
    )
