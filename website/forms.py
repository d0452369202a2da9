"""Public forms of the site beyond the investor database's inquiry form."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from investors.forms import InquiryForm
from reference.countries import countries


class EventRegistrationForm(InquiryForm):
    """Registration of interest in an event: the inquiry form's name, organisation, country,
    email, honeypot and fill time (same fields, same labels, same spam defences), without the
    industry and interest, and with an optional message."""

    industry = None
    interest = None
    message = forms.CharField(
        label=gettext_lazy("Anything we should know (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Country names in the page's language, built per request, and none chosen for the
        # visitor (a careless registrant is not recorded as from the first country listed).
        self.fields["country"].choices = [("", _("Choose your country or region")), *countries]
