"""Public forms of the site beyond the investor database's inquiry form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from investors.forms import InquiryForm


class EventRegistrationForm(InquiryForm):
    """Registration of interest in an event: the inquiry form's name, organisation, country,
    email, honeypot and fill time (same fields, same labels, same spam defences), without the
    industry and interest, and with an optional message."""

    industry = None
    interest = None
    message = forms.CharField(
        label=_("Anything we should know (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
