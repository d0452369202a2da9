from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from config.errors import DomainError

from .models import Indicator, ObjectionDecision, Scheme
from .rewards import clean_sections, clean_tiers
from .services import EARLIEST_YEAR, indicator_check
from .sources import source_choices


class RunForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=EARLIEST_YEAR, max_value=2100)
    revision_reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(forms.Form):
    revision_reason = forms.CharField(
        label=_("Reason for the revision"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NewSchemeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=EARLIEST_YEAR, max_value=2100)


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = [
            "satisfaction_threshold",
            "on_time_threshold",
            "commend_top",
            "min_field",
            "notice_working_days",
            "person_warning_min_ratings",
            "person_warning_threshold",
            "reward_sections",
            "reward_basis",
            "reward_rate",
            "reward_tiers",
            "reward_minimum_usd_10k",
            "reward_cap_cny_10k",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 2}),
            "reward_tiers": forms.Textarea(attrs={"rows": 1, "class": "code"}),
        }

    def clean(self):
        data = super().clean()
        for field, check in (("reward_sections", clean_sections), ("reward_tiers", clean_tiers)):
            if field in data:
                try:
                    data[field] = check(data[field])
                except DomainError as exc:
                    exc.add_to(self)
        return data


class IndicatorForm(forms.ModelForm):
    source = forms.ChoiceField(label=_("Data source"), choices=())
    params = forms.JSONField(
        label=_("Parameters"),
        required=False,
        initial=dict,
        help_text=_(
            'JSON, e.g. {"cap": "1.2"}; {"tiers": [["100", "100"], ["80", "75"], ["50", "50"]]}; '
            '{"per_item": "2", "cap": "10"}; {"lower_is_better": true, "standard": "5"}. '
            'Efficacy: "standard", the value scoring 100 when the field is too small or all '
            'equal. Weighted methods: "missing", what a subject without data (or without a '
            'target) gets: "redistribute" (its weight spread over its other indicators, the '
            'default), "full" (100) or "average" (the field\'s average).'
        ),
        widget=forms.Textarea(attrs={"rows": 1, "class": "code"}),
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "subject_kind",
            "name_zh_hans",
            "name_en",
            "weight",
            "source",
            "method",
            "params",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "—"), *source_choices()]

    def clean(self):
        data = super().clean()
        if self.errors or not data or data.get("DELETE"):
            return data
        probe = Indicator(
            subject_kind=data.get("subject_kind"),
            source=data.get("source"),
            method=data.get("method"),
            weight=data.get("weight"),
            params=data.get("params") or {},
        )
        try:
            indicator_check(probe)
        except DomainError as exc:
            exc.add_to(self)
            return data
        data["params"], data["weight"] = probe.params, probe.weight
        return data


IndicatorFormSet = modelformset_factory(
    Indicator, form=IndicatorForm, extra=2, can_delete=True, max_num=60, validate_max=True
)


class ObjectionForm(forms.Form):
    """An objection: the entry (among the user's own), optionally one of its indicators, the
    text and an evidence file. Choices are built per request from the appraisal."""

    subject = forms.ChoiceField(label=_("Entry"), choices=())
    indicator = forms.ChoiceField(label=_("Indicator (optional)"), choices=(), required=False)
    text = forms.CharField(
        label=_("What is wrong, and why"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    evidence = forms.FileField(
        label=_("Evidence (PDF or image)"),
        required=False,
        help_text=_("A document, photo or scan that supports the objection."),
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [(e.subject_key, e.label) for e in entries]
        indicators = {}
        for e in entries:
            for p in e.indicators.all():
                indicators.setdefault(p.code, p.name)
        self.fields["indicator"].choices = [
            ("", _("The entry as a whole")),
            *indicators.items(),
        ]


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ObjectionDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
