from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ContributionSchedule


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = ContributionSchedule
        fields = ["date", "amount_usd_10k", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def _post_clean(self):
        # The service validates and saves (config.errors.DomainError onto the fields).
        pass


class ScheduleDeleteForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
