"""Forms of the investor database. `InquiryForm` is the public site's contact form: render it
on any page and hand `form.submission()` to `investors.services.inquiry_submit` (see its
docstring for the spam defences)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import NameChoiceField, use_names
from config.names import bilingual
from config.spam import SpamGuardFormMixin, started_token
from config.text import validate_no_bidi
from reference.countries import countries
from reference.models import IndustrySection

from .models import (
    REMINDER_DEFAULT_DAYS,
    Agent,
    Contact,
    InteractionKind,
    Investor,
    PromotionActivity,
    ReminderKind,
)
from .selectors import owner_regions_for, staff_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InvestorForm(forms.ModelForm):
    """Create and edit. On create, a name matching an existing investor is shown first; the
    user confirms with `confirm_new` that it is a different organisation."""

    confirm_new = forms.BooleanField(
        label=_("This is a different organisation: add it anyway"), required=False
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Investor
        fields = [
            "name_zh_hans",
            "name_en",
            "country",
            "industry",
            "size",
            "website",
            "channel",
            "owner_region",
            "notes",
        ]
        labels = {"name_zh_hans": _("Name (Chinese)"), "name_en": _("Name (English)")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_region"].queryset = owner_regions_for(user)
        use_names(self, "owner_region")
        if self.instance.pk:
            del self.fields["confirm_new"]
        else:
            self.fields["confirm_new"].widget = forms.HiddenInput()

    def show_confirm(self):
        self.fields["confirm_new"].widget = forms.CheckboxInput()

    def _post_clean(self):
        # The rules live in investors.services; a half-built instance is not validated here.
        pass


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "email", "phone", "languages", "preferred_channel", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self):
        pass


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InteractionKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    staff = forms.ModelMultipleChoiceField(
        label=_("Other staff present"), queryset=staff_choices(), required=False
    )
    contacts = forms.ModelMultipleChoiceField(
        label=_("Contacts"), queryset=Contact.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    project = forms.TypedChoiceField(
        label=_("Project"), required=False, coerce=int, empty_value=None
    )
    activity = forms.ModelChoiceField(
        label=_("Promotion activity"), queryset=PromotionActivity.objects.all(), required=False
    )
    next_follow_up = forms.DateField(label=_("Next follow-up"), widget=DATE, required=False)

    def __init__(self, *args, investor, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_choices()
        self.fields["contacts"].queryset = investor.contacts.all()
        use_names(self, "staff", "contacts", "activity")
        self.fields["project"].choices = [("", "—")] + [(p["id"], bilingual(p)) for p in projects]
        if not projects:
            del self.fields["project"]


class AgentForm(forms.ModelForm):
    class Meta:
        model = Agent
        fields = [
            "name", "kind", "organisation", "country", "region", "phone", "email", "notes",
            "is_active",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = owner_regions_for(user)
        use_names(self, "region")

    def _post_clean(self):
        pass


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PromotionActivity
        fields = [
            "name_zh_hans", "name_en", "kind", "start_date", "end_date", "place",
            "organiser_region", "cost_cny_10k", "staff", "investors_met", "notes",
            "is_public", "description_zh_hans", "description_en",
        ]  # fmt: skip
        labels = {
            "name_zh_hans": _("Name (Chinese)"),
            "name_en": _("Name (English)"),
            "description_zh_hans": _("Public description (Chinese)"),
            "description_en": _("Public description (English)"),
        }
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
            "description_zh_hans": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "investors_met": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_zh_hans"].required = True
        self.fields["organiser_region"].queryset = owner_regions_for(user)
        self.fields["staff"].queryset = staff_choices()
        self.fields["investors_met"].queryset = Investor.objects.current().order_by("name")
        use_names(self, "organiser_region", "staff", "investors_met")

    def _post_clean(self):
        pass


def inquiry_started_token(now: dt.datetime | None = None) -> str:
    """A signed timestamp of when the form was served (config.spam)."""
    return started_token(now)


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166-1 countries named and sorted in the active language, after an empty choice."""
    return [("", _("Choose a country or region")), *((c.code, c.name) for c in countries)]


class InquiryForm(SpamGuardFormMixin, forms.Form):
    """The public contact form (zh-hans and en). `homepage` is a honeypot: render it hidden
    from people (e.g. in a visually hidden block with `tabindex=-1` and `autocomplete=off`);
    `started` carries the signed time the form was served. Usage in a view:

        form = InquiryForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                inquiry = inquiry_submit(**form.submission(), ip=client_ip, language=lang)
            except DomainError as exc:  # InquiryRefused or a field error
                exc.add_to(form)
    """

    name = forms.CharField(label=_("Your name"), max_length=120, validators=[validate_no_bidi])
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, validators=[validate_no_bidi]
    )
    # Choices are built per form (country_choices), in the visitor's language, with an empty
    # first option: nobody is recorded as from the first country of the list by default.
    country = forms.ChoiceField(label=_("Country or region"), choices=())
    email = forms.EmailField(label=_("Email"))
    industry = forms.ModelChoiceField(
        label=_("Industry of interest"),
        queryset=IndustrySection.objects.all(),
        required=False,
    )
    interest = forms.CharField(
        label=_("What are you interested in?"), max_length=200, required=False
    )
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}))
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()

    def submission(self) -> dict:
        """The keyword arguments of `inquiry_submit` (without `ip` and `language`)."""
        data = dict(self.cleaned_data)
        data["started_at"] = data.pop("started")
        return data


class InquiryTrackForm(forms.Form):
    """Follow an inquiry on the public site: its reference and the address it was sent from."""

    reference = forms.CharField(
        label=_("Reference"),
        max_length=20,
        help_text=_("As in the e-mail confirming your inquiry, for example INQ-7KQ2M9XA."),
    )
    email = forms.EmailField(label=_("The e-mail address you wrote from"), max_length=254)


class InquiryRespondForm(forms.Form):
    note = forms.CharField(
        label=_("How did you respond?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class InquiryAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("E-mailed to the investor as written; write in the inquiry's language."),
    )


class InquirySettingsForm(forms.Form):
    publish_median_response = forms.BooleanField(
        label=_("Publish the median first-response time on the public inquiry page"),
        required=False,
    )


class InquiryConvertForm(forms.Form):
    investor = NameChoiceField(
        label=_("Existing investor"),
        queryset=Investor.objects.current().order_by("name"),
        required=False,
        help_text=_("Leave empty to create a new investor from the inquiry."),
    )
    owner_region = NameChoiceField(label=_("Owner region"), queryset=None)
    follow_up = forms.DateField(label=_("Follow up on"), widget=DATE, required=False)
    confirm_new = forms.BooleanField(
        label=_("This is a different organisation: add it anyway"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_region"].queryset = owner_regions_for(user)


class MergeForm(forms.Form):
    source = NameChoiceField(
        label=_("Merge away (archived)"), queryset=Investor.objects.current().order_by("name")
    )
    target = NameChoiceField(
        label=_("Into (kept)"), queryset=Investor.objects.current().order_by("name")
    )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("investors", _("Investors")), ("contacts", _("Contacts"))],
    )
    file = forms.FileField(
        label=_("File (xlsx or csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ReminderPreferencesForm(forms.Form):
    """One on/off and one number of days per reminder kind."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        help_texts = {
            ReminderKind.FOLLOW_UP_DUE: _("days before the due date"),
            ReminderKind.FOLLOW_UP_OVERDUE: _("days after the due date"),
            ReminderKind.INVESTOR_QUIET: _("days without an interaction"),
            ReminderKind.INQUIRY_OVERDUE: _("working days after it came in"),
        }
        for kind, label in ReminderKind.choices:
            enabled, days = current.get(kind, (True, REMINDER_DEFAULT_DAYS[kind]))
            self.fields[f"{kind}_enabled"] = forms.BooleanField(
                label=label, required=False, initial=enabled
            )
            self.fields[f"{kind}_days"] = forms.IntegerField(
                label=help_texts[kind], min_value=0, max_value=365, initial=days
            )

    def preferences(self) -> dict:
        return {
            kind: (self.cleaned_data[f"{kind}_enabled"], self.cleaned_data[f"{kind}_days"])
            for kind in ReminderKind.values
        }
