"""API input and output shapes of the investor database. Input serializers only parse;
services decide. A country is an ISO 3166-1 alpha-2 code (an unknown one is a 400 naming
`country`); every investor carries its `source_group` (`foreign`, `hmt` or `domestic`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from config.api import BlankChoiceField, BlankChoicesAsNullMixin, StrictInputMixin
from reference.countries import countries
from reference.models import IndustrySection, Region

from .models import (
    ActivityKind,
    Agent,
    AgentKind,
    Channel,
    Contact,
    Inquiry,
    Interaction,
    InteractionKind,
    Investor,
    PreferredChannel,
    PromotionActivity,
    Size,
    SourceGroup,
)


class CountryCodeField(serializers.CharField):
    """An ISO 3166-1 alpha-2 code in (any case), the code out; anything else is a 400 on the
    field."""

    default_error_messages = {"unknown": _("Unknown country: use an ISO 3166-1 alpha-2 code.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 2)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        code = super().to_internal_value(data).strip().upper()
        if code and code not in countries:
            self.fail("unknown")
        return code

    def to_representation(self, value):
        return getattr(value, "code", value) or ""


class InvestorOutputSerializer(BlankChoicesAsNullMixin, serializers.ModelSerializer):
    country = CountryCodeField(read_only=True)
    country_name = serializers.SerializerMethodField()
    source_group = serializers.ChoiceField(choices=SourceGroup.choices, read_only=True)
    industry = serializers.SlugRelatedField(slug_field="code", read_only=True)
    last_interaction = serializers.DateField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = Investor
        fields = [
            "id", "name_zh_hans", "name_en", "country", "country_name", "source_group",
            "industry", "size", "website", "channel", "owner_region", "notes", "merged_into",
            "last_interaction", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_country_name(self, obj) -> str:
        return str(obj.country.name) if obj.country else ""


class InvestorInputSerializer(StrictInputMixin, serializers.Serializer):
    name_zh_hans = serializers.CharField(max_length=200, required=False, allow_blank=True)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    country = CountryCodeField()
    industry = serializers.SlugRelatedField(
        slug_field="code", queryset=IndustrySection.objects.all(), required=False, allow_null=True
    )
    size = BlankChoiceField(choices=Size.choices, required=False)
    website = serializers.URLField(required=False, allow_blank=True)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    owner_region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    notes = serializers.CharField(required=False, allow_blank=True)
    confirm_new = serializers.BooleanField(
        required=False, default=False, help_text="Add it although an investor of that name exists."
    )


class InvestorMatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Investor
        fields = ["id", "name_zh_hans", "name_en", "country", "owner_region"]


class ContactSerializer(StrictInputMixin, serializers.ModelSerializer):
    email = serializers.EmailField(required=False, allow_blank=True)
    preferred_channel = BlankChoiceField(choices=PreferredChannel.choices, required=False)

    class Meta:
        model = Contact
        fields = [
            "id", "investor", "name", "title", "email", "phone", "languages",
            "preferred_channel", "notes", "created_at",
        ]  # fmt: skip
        read_only_fields = ["created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["investor"].queryset = Investor.objects.for_user(request.user).current()


class InteractionSerializer(StrictInputMixin, serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=InteractionKind.choices)
    staff = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False
    )
    contacts = serializers.PrimaryKeyRelatedField(
        queryset=Contact.objects.all(), many=True, required=False
    )
    logged_by = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Interaction
        fields = [
            "id", "investor", "kind", "date", "staff", "contacts", "summary", "project",
            "activity", "next_follow_up", "logged_by", "logged_at",
        ]  # fmt: skip
        read_only_fields = ["logged_by", "logged_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["investor"].queryset = Investor.objects.for_user(request.user).current()
            project_model = Interaction._meta.get_field("project").related_model
            # The pipeline's own scope applies to the project chosen.
            self.fields["project"].queryset = project_model.objects.for_user(request.user)


class AgentSerializer(StrictInputMixin, serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=AgentKind.choices, required=False)
    country = CountryCodeField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)

    class Meta:
        model = Agent
        fields = [
            "id", "name", "kind", "organisation", "country", "region", "phone", "email",
            "notes", "is_active",
        ]  # fmt: skip


class ActivitySerializer(StrictInputMixin, serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    name_zh_hans = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    staff = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False
    )
    investors_met = serializers.PrimaryKeyRelatedField(
        queryset=Investor.objects.current(), many=True, required=False
    )
    cost_cny_10k = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)

    class Meta:
        model = PromotionActivity
        fields = [
            "id", "name_zh_hans", "name_en", "kind", "start_date", "end_date", "place",
            "organiser_region", "cost_cny_10k", "staff", "investors_met", "notes",
            "is_public", "description_zh_hans", "description_en",
        ]  # fmt: skip


class ActivityReturnSerializer(serializers.Serializer):
    activity = serializers.IntegerField(source="activity.pk")
    name_zh_hans = serializers.CharField(source="activity.name_zh_hans")
    name_en = serializers.CharField(source="activity.name_en", allow_null=True)
    kind = serializers.CharField(source="activity.kind")
    cost_cny_10k = serializers.DecimalField(max_digits=14, decimal_places=2, source="cost")
    investors_met = serializers.IntegerField()
    projects = serializers.IntegerField()
    contracted_fdi_usd_10k = serializers.DecimalField(max_digits=16, decimal_places=2)
    utilized_fdi_usd_10k = serializers.DecimalField(max_digits=16, decimal_places=2)
    utilized_usd_10k_per_cny_10k = serializers.DecimalField(
        max_digits=16, decimal_places=2, source="utilized_per_cost", allow_null=True
    )


class InquirySerializer(serializers.ModelSerializer):
    country = CountryCodeField(read_only=True)
    industry = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Inquiry
        fields = [
            "id", "reference", "name", "organisation", "country", "email", "industry",
            "interest", "message", "language", "status", "assigned_to", "received_at",
            "response_due", "first_response_at", "responded_by", "response_note", "investor",
            "activity",
        ]  # fmt: skip
        read_only_fields = fields


class InquiryRespondSerializer(StrictInputMixin, serializers.Serializer):
    note = serializers.CharField()


class InquiryConvertSerializer(StrictInputMixin, serializers.Serializer):
    owner_region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    investor = serializers.PrimaryKeyRelatedField(
        queryset=Investor.objects.current(), required=False, allow_null=True
    )
    follow_up = serializers.DateField(required=False, allow_null=True)
    confirm_new = serializers.BooleanField(required=False, default=False)
