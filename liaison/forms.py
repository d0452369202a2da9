from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User

from .models import LiaisonUnit


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].label_from_instance = lambda u: (
            f"{u} · {u.liaison_unit}" if u.liaison_unit_id else str(u)
        )
