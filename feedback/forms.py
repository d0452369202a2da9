from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from config.spam import SpamGuardFormMixin
from config.text import validate_no_bidi
from liaison.models import LiaisonUnit

from .models import Rating, Rectification

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VisitForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Liaison unit"), queryset=LiaisonUnit.objects.none())
    date = forms.DateField(label=_("Date of the visit"), initial=timezone.localdate, widget=DATE)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    problems_raised = forms.CharField(
        label=_("Problems raised"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    staff = forms.ModelMultipleChoiceField(
        label=_("Visiting staff"), queryset=User.objects.none(), required=False
    )
    contact_name = forms.CharField(label=_("Enterprise contact"), max_length=100, required=False)
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        required=False,
        help_text=_("The feedback link is e-mailed here when you issue it."),
    )
    contact_language = forms.ChoiceField(
        label=_("Contact's language"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        self.fields["staff"].queryset = User.objects.filter(
            role=Role.LIAISON, is_active=True, liaison_unit__in=units
        )


class RequestForm(forms.Form):
    description = forms.CharField(
        label=_("Problem to solve"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("How it was solved"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


def rating_choices() -> list[tuple[int, str]]:
    """The rating scale in the active language ("5 · Very satisfied"), built when a form is
    made, not at import (which would freeze the labels in one language)."""
    return [(r.value, f"{r.value} · {r.label}") for r in Rating]


class ReviewForm(forms.Form):
    """The enterprise's feedback form (服务反馈意见表)."""

    overall = forms.TypedChoiceField(
        label=_("Overall satisfaction"),
        choices=rating_choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    efficiency = forms.TypedChoiceField(
        label=_("Efficiency"), choices=rating_choices, coerce=int, widget=forms.RadioSelect
    )
    quality = forms.TypedChoiceField(
        label=_("Quality of service"), choices=rating_choices, coerce=int, widget=forms.RadioSelect
    )
    attitude = forms.TypedChoiceField(
        label=_("Attitude"), choices=rating_choices, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        help_text=_("With a rating of 1 or 2, say why you are dissatisfied."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    integrity_concern = forms.CharField(
        label=_("Integrity concern (optional)"),
        help_text=_("For example a request for a gift, a fee or a favour. It goes to the office."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ComplaintForm(SpamGuardFormMixin, forms.Form):
    """A complaint about the business environment, filed on the public site, with the inquiry
    form's spam defences (config.spam): `website` is a honeypot (people leave it empty, spam
    robots fill it in) and `started` the signed time the form was served."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    enterprise_name = forms.CharField(
        label=_("Enterprise"), max_length=200, required=False, validators=[validate_no_bidi]
    )
    complainant_name = forms.CharField(
        label=_("Your name"), max_length=100, required=False, validators=[validate_no_bidi]
    )
    complainant_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    complainant_email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("complainant_phone") or data.get("complainant_email")):
            self.add_error(
                "complainant_email",
                _("Leave a phone number or an e-mail address so the office can reply."),
            )
        return data


class CaseActionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=LiaisonUnit.objects.filter(is_active=True), required=False
    )
    rectification = forms.ChoiceField(
        label=_("Rectification"), choices=[("", "—"), *Rectification.choices], required=False
    )
    confirmed = forms.TypedChoiceField(
        label=_("Did the enterprise confirm?"),
        choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("", "—"), ("yes", _("Uphold: void the review")), ("no", _("Reject"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )


class BallotForm(forms.Form):
    """An enterprise's vote: up to three units and three people."""

    units = forms.ModelMultipleChoiceField(
        label=_("Advanced units (up to three)"),
        queryset=LiaisonUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Advanced individuals (up to three)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["people"].queryset = people.select_related("liaison_unit")
        # A liaison user reads "unit · name" (accounts.User.__str__, through config/names.py).


class BallotIssueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ReferralForm(forms.Form):
    to_unit = forms.ModelChoiceField(
        label=_("Refer to the unit"), queryset=LiaisonUnit.objects.none()
    )
    note = forms.CharField(
        label=_("What the unit is asked to do"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, exclude_unit_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = LiaisonUnit.objects.filter(is_active=True).exclude(
            pk=exclude_unit_id
        )


class ReferralActForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "accept"), ("complete", "complete")])
    outcome = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ClockFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
