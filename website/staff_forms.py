"""Staff forms for the public site's content: both languages side by side."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Project, Tag
from reference.models import IndustrySection, Region, RegionKind

from .models import (
    CityVideo,
    ContactPoint,
    CostItem,
    GuideStep,
    Incentive,
    Industry,
    Listing,
    NewsItem,
    Opportunity,
    Page,
    Policy,
    SuccessStory,
    Utility,
    Zone,
)

# A new item is due for review half a year after it is written, unless staff choose otherwise.
REVIEW_EVERY_DAYS = 182

LANG_SUFFIXES = ("zh_hans", "en")


def both(*fields: str) -> list[str]:
    return [f"{f}_{s}" for f in fields for s in LANG_SUFFIXES]


class ContentForm(forms.ModelForm):
    """Chinese text is required (the site's default language); English may follow, and the
    English site says when it is missing. Labels name the language."""

    required_zh: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.startswith("captions_"):  # one file per language, labelled already
                continue
            # modeltranslation labels read "Title [zh-hans]"; say the language in words.
            base = str(field.label).split(" [")[0]
            if name.endswith("_zh_hans"):
                field.label = _("%(field)s (Chinese)") % {"field": base}
            elif name.endswith("_en"):
                field.label = _("%(field)s (English)") % {"field": base}
        for name in self.required_zh:
            self.fields[f"{name}_zh_hans"].required = True
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 12)
            elif name.startswith(("summary_", "description_", "address_")):
                field.widget = forms.Textarea(attrs={"rows": 2, "maxlength": field.max_length})

        if "reviewed_on" in self.fields and not self.instance.pk:
            today = timezone.localdate()
            self.initial.setdefault("reviewed_on", today)
            self.initial.setdefault("next_review_on", today + dt.timedelta(days=REVIEW_EVERY_DAYS))

    def rows(self) -> list[list]:
        """Visible fields for the editor: a translated field's Chinese and English side by
        side, other fields alone."""
        rows, done = [], set()
        for bound in self.visible_fields():
            if bound.name in done:
                continue
            if bound.name.endswith("_zh_hans") and not bound.name.startswith("captions_"):
                twin = bound.name.removesuffix("_zh_hans") + "_en"
                if twin in self.fields:
                    rows.append([bound, self[twin]])
                    done.add(twin)
                    continue
            rows.append([bound])
        return rows


class PageForm(ContentForm):
    required_zh = ("title",)

    class Meta:
        model = Page
        fields = ["slug", "section", "order", *both("title", "summary", "body")]


class NewsItemForm(ContentForm):
    required_zh = ("title",)

    class Meta:
        model = NewsItem
        fields = ["date", *both("title", "summary", "body")]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class IndustryForm(ContentForm):
    required_zh = ("name",)
    tags = forms.ModelMultipleChoiceField(
        label=_("Project tags"),
        queryset=Tag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Published projects with one of these tags are shown on the page."),
    )

    sections = forms.ModelMultipleChoiceField(
        label=_("GB/T 4754 sections"),
        queryset=IndustrySection.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The policies for these sections are listed on the page."),
    )

    class Meta:
        model = Industry
        fields = [
            "slug",
            "kind",
            "order",
            *both("name", "summary", "body", "contact_name"),
            "contact_email",
            "contact_phone",
            "enterprises_count",
            "output_cny_100m",
            "workforce",
            "figures_year",
            *both("figures_source"),
            "reviewed_on",
            "next_review_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = list(self.instance.tags.all())
            self.initial["sections"] = list(self.instance.sections.all())


class ContactPointForm(ContentForm):
    required_zh = ("name",)

    class Meta:
        model = ContactPoint
        fields = ["order", *both("name", "address", "hours"), "phone", "email"]


class CityVideoForm(ContentForm):
    required_zh = ("title",)

    class Meta:
        model = CityVideo
        fields = [
            "order",
            *both("title", "description"),
            "video",
            "poster",
            "captions_zh_hans",
            "captions_en",
        ]
        widgets = {
            "video": forms.ClearableFileInput(attrs={"accept": "video/mp4"}),
            "poster": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            "captions_zh_hans": forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
            "captions_en": forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
        }


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OpportunityForm(ContentForm):
    """An opportunity seeking investment, both languages side by side. The rules (a zone
    below the city, a real amount and date) are `website.services.opportunity_save`'s."""

    required_zh = ("name",)

    class Meta:
        model = Opportunity
        fields = [
            "sector",
            "industry_page",
            "zone",
            "investment_cny_10k",
            "valid_until",
            *both(
                "name",
                "summary",
                "location",
                "scale",
                "land_utilities",
                "cooperation",
                "incentives",
                "contact_name",
            ),
            "contact_email",
            "contact_phone",
        ]
        widgets = {"valid_until": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Region.objects.exclude(kind=RegionKind.CITY).order_by(
            "kind", "code", "name"
        )
        for name in ("incentives_zh_hans", "incentives_en", "land_utilities_zh_hans",
                     "land_utilities_en", "summary_zh_hans", "summary_en"):  # fmt: skip
            self.fields[name].widget = forms.Textarea(attrs={"rows": 4})

    def _post_clean(self):
        # The instance is checked by the service (one place for the rules), not by the model.
        opts = self._meta
        from django.forms.models import construct_instance

        self.instance = construct_instance(self, self.instance, opts.fields, opts.exclude)


class SuccessStoryForm(ContentForm):
    """A landed project's story with the enterprise's consent (the date is required to
    publish; `website.services.story_check`)."""

    required_zh = ("title",)

    class Meta:
        model = SuccessStory
        fields = [
            "project",
            "order",
            *both("title", "enterprise", "summary", "body"),
            "jobs",
            "consent_on",
            "consent_note",
        ]
        widgets = {"consent_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = (
            Project.objects.filter(stage__in=("groundbreaking", "operation"))
            .exclude(status="dropped")
            .order_by("name")
        )


def _sections_field():
    return forms.ModelMultipleChoiceField(
        label=_("Industries (GB/T 4754 sections)"),
        queryset=IndustrySection.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class WithSections(ContentForm):
    """A form whose item names GB/T 4754 sections (saved by `content_save(sections=…)`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"] = _sections_field()
        if self.instance.pk:
            self.initial["sections"] = list(self.instance.sections.all())


class PolicyForm(WithSections):
    required_zh = ("title", "issuing_body", "text")
    incentives = forms.MultipleChoiceField(
        label=_("Incentive types"),
        choices=Incentive.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Policy
        fields = [
            *both("title", "issuing_body"),
            "document_number",
            "issued_on",
            "effective_on",
            "expires_on",
            *both("summary", "text"),
            "incentives",
            "source_url",
            "reviewed_on",
            "next_review_on",
        ]


class GuideStepForm(ContentForm):
    required_zh = ("title", "office")

    class Meta:
        model = GuideStep
        fields = [
            "order",
            *both("title", "summary", "office", "office_address", "office_hours"),
            "office_phone",
            "online_url",
            *both("documents", "fees", "time_limit"),
            "time_limit_days",
            *both("legal_basis", "complaints"),
            "reviewed_on",
            "next_review_on",
        ]


class ZoneForm(WithSections):
    required_zh = ("name",)

    class Meta:
        model = Zone
        fields = [
            "region",
            "slug",
            "order",
            *both("name", "level", "summary", "body"),
            "area_km2",
            "enterprises_count",
            "output_cny_100m",
            "figures_year",
            *both("figures_source", "enterprises", "contact_name", "contact_address"),
            "contact_phone",
            "contact_email",
            "reviewed_on",
            "next_review_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(kind=RegionKind.DEV_ZONE)


class ListingForm(ContentForm):
    required_zh = ("name",)
    utilities = forms.MultipleChoiceField(
        label=_("Utilities"),
        choices=Utility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Listing
        fields = [
            "zone",
            "code",
            "kind",
            *both("name", "description"),
            "area_m2",
            "price_cny",
            "price_basis",
            "zoning",
            "utilities",
            "available_from",
            *both("contact_name"),
            "contact_phone",
            "contact_email",
            "reviewed_on",
            "next_review_on",
        ]


class CostItemForm(ContentForm):
    required_zh = ("label", "unit", "source")

    class Meta:
        model = CostItem
        fields = [
            "category",
            "order",
            *both("label"),
            "value",
            *both("unit", "note", "source"),
            "as_of",
            "reviewed_on",
            "next_review_on",
        ]
