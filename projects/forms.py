import gettext as gettext_module
from functools import cache

import pycountry
from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from config.forms import use_names
from investors.models import Investor

from . import workflow
from .models import (
    ActivityKind,
    CapitalArrival,
    CheckResult,
    DomesticArrival,
    Project,
    RegionTarget,
)
from .services import CURRENCIES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.ModelForm):
    """Create and edit. The stage, its dates and the status are not here: they change only
    through the workflow forms."""

    intent_date = forms.DateField(
        label=_("Intent date"),
        widget=DATE,
        required=False,
        help_text=_("When negotiation started; today if left empty."),
    )

    class Meta:
        model = Project
        fields = [
            "name_zh_hans",
            "name_en",
            "description_zh_hans",
            "description_en",
            "region",
            "investor",
            "industry",
            "industry_class",
            "category",
            "tags",
            "capital_source",
            "enterprise_type",
            "unified_credit_code",
            "total_investment_cny_10k",
            "contracted_fdi_usd_10k",
            "unusual_reason",
            "introducer_kind",
            "introducer_user",
            "introducer_agent",
            "introducer_enterprise",
            "source_activity",
            "is_published",
        ]
        labels = {
            "name_zh_hans": _("Name (Chinese)"),
            "name_en": _("Name (English)"),
            "description_zh_hans": _("Description (Chinese)"),
            "description_en": _("Description (English)"),
        }
        widgets = {
            "description_zh_hans": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "unusual_reason": forms.Textarea(attrs={"rows": 2}),
            "tags": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "unusual_reason": _(
                "Only when the portal asks: why contracted foreign capital exceeds the total "
                "investment, or why the capital source differs from the investor's country."
            ),
        }

    def __init__(self, *args, user, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_zh_hans"].required = True
        self.fields["region"].queryset = regions
        # Investors merged into another are archived: not offered for new links.
        self.fields["investor"].queryset = Investor.objects.current()
        self.fields["introducer_enterprise"].queryset = Investor.objects.current()
        self.fields["introducer_user"].queryset = (
            User.objects.filter(is_active=True)
            .select_related("region", "liaison_unit")
            .order_by("username")
        )
        use_names(self, "region", "investor", "introducer_enterprise")
        if self.instance.pk:
            # Correcting the dates of the stages the project has reached (reason required).
            del self.fields["intent_date"]
            for stage in workflow.STAGES:
                value = getattr(self.instance, stage.date_field)
                if value is not None:
                    self.fields[stage.date_field] = forms.DateField(
                        label=_("Date: %(stage)s") % {"stage": stage.label},
                        widget=DATE,
                        initial=value,
                    )
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the change"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                help_text=_("Required when you correct a stage date; kept in the history."),
            )

    # The form in four groups, one Save at the end; the stage dates and the reason for
    # correcting them (edit only) come last.
    FIELDSETS = (
        (
            _("The project"),
            (
                "name_zh_hans",
                "name_en",
                "description_zh_hans",
                "description_en",
                "region",
                "industry",
                "industry_class",
                "category",
                "enterprise_type",
                "tags",
                "intent_date",
                "is_published",
            ),
        ),
        (_("The investor"), ("investor", "capital_source", "unified_credit_code")),
        (
            _("The money"),
            ("total_investment_cny_10k", "contracted_fdi_usd_10k", "unusual_reason"),
        ),
        (
            _("The introducer"),
            (
                "introducer_kind",
                "introducer_user",
                "introducer_agent",
                "introducer_enterprise",
                "source_activity",
            ),
        ),
    )

    def fieldsets(self) -> list[tuple[str, list]]:
        """(legend, bound fields) per group; every field of the form is in exactly one."""
        groups, placed = [], set()
        for legend, names in self.FIELDSETS:
            fields = [self[n] for n in names if n in self.fields]
            placed.update(names)
            groups.append((legend, fields))
        rest = [self[n] for n in self.fields if n not in placed]
        if rest:
            groups.append((_("Stage dates"), rest))
        return groups

    def _post_clean(self):
        # Cross-field rules live in projects.services; the model's full_clean would run them
        # again on a half-built instance.
        pass


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Move to"),
        choices=workflow.STAGE_CHOICES,
        error_messages={
            "invalid_choice": _(
                "This project can move only to its next stage or, as a correction, one stage "
                "back. Choose one of the stages offered."
            )
        },
    )
    date = forms.DateField(label=_("Date it happened"), widget=DATE, required=False)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("For a correction (moving back), the reason is required."),
    )
    evidence = forms.FileField(
        label=_("Evidence (PDF or image)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )

    def __init__(self, *args, project, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        if project.next_stage:
            choices.append((project.next_stage, workflow.BY_CODE[project.next_stage].label))
        if project.previous_stage and user.is_bureau_or_admin:
            label = workflow.BY_CODE[project.previous_stage].label
            choices.append((project.previous_stage, _("Correction: back to %s") % label))
        self.fields["to"].choices = choices
        self.fields["date"].initial = timezone.localdate()


class ArrivalDeleteForm(forms.Form):
    reason = forms.CharField(label=_("Reason for deleting"), max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CheckForm(forms.Form):
    checked_on = forms.DateField(label=_("Checked on"), widget=DATE, initial=timezone.localdate)
    result = forms.ChoiceField(
        label=_("Result"), choices=CheckResult.choices, widget=forms.RadioSelect
    )
    finding = forms.CharField(
        label=_("Finding"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked and what was found (visited the site, saw the contract…)."),
    )


class CheckWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)


class ActivityForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}))
    next_follow_up = forms.DateField(label=_("Next follow-up"), widget=DATE, required=False)


@cache
def _currency_names(language: str) -> tuple[tuple[str, str], ...]:
    """The current ISO 4217 currencies (pycountry's list, as the services accept them), named
    in the language; the ones most often received first."""
    names = {c.alpha_3: c.name for c in pycountry.currencies if c.alpha_3 in CURRENCIES}
    if language.startswith("zh"):
        zh = gettext_module.translation(
            "iso4217", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True
        )
        names = {code: zh.gettext(name) for code, name in names.items()}
    first = [c for c in ("USD", "CNY", "HKD", "EUR", "JPY", "GBP", "SGD") if c in names]
    rest = sorted(c for c in names if c not in first)
    return tuple((code, f"{code} · {names[code]}") for code in first + rest)


def currency_choices():
    return list(_currency_names(get_language() or "zh-hans"))


class CapitalArrivalForm(forms.ModelForm):
    currency = forms.ChoiceField(label=_("Currency"), choices=currency_choices, initial="USD")
    usd_rate = forms.DecimalField(
        label=_("Rate to USD"),
        required=False,
        help_text=_("US dollars per unit of the currency; not needed for USD."),
    )

    class Meta:
        model = CapitalArrival
        fields = ["date", "amount", "currency", "usd_rate", "rate_source"]
        widgets = {"date": DATE}

    def _post_clean(self):
        pass


class DomesticArrivalForm(forms.ModelForm):
    class Meta:
        model = DomesticArrival
        fields = ["date", "amount_cny_10k", "source_province"]
        widgets = {"date": DATE}

    def _post_clean(self):
        pass


class TargetForm(forms.ModelForm):
    class Meta:
        model = RegionTarget
        fields = [
            "negotiated",
            "approved",
            "started",
            "utilized_fdi_usd_10k",
            "contracted_fdi_usd_10k",
        ]
