"""API input and output shapes. Input serializers only parse; services decide."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from config.api import BlankChoiceField, BlankChoicesAsNullMixin, RateField, StrictInputMixin
from investors.models import Agent, Investor, PromotionActivity, SourceGroup
from reference.models import IndustrySection, Region

from . import workflow
from .models import (
    CapitalArrival,
    Category,
    CheckResult,
    DomesticArrival,
    EnterpriseType,
    IntroducerKind,
    Project,
    ProjectCheck,
    RegionTarget,
    Tag,
)


class ProjectOutputSerializer(BlankChoicesAsNullMixin, serializers.ModelSerializer):
    industry = serializers.SlugRelatedField(slug_field="code", read_only=True)
    tags = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
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
            "stage",
            "status",
            "status_reason",
            "intent_date",
            "contract_date",
            "approval_date",
            "groundbreaking_date",
            "operation_date",
            "is_published",
            "last_activity_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ProjectInputSerializer(StrictInputMixin, serializers.Serializer):
    name_zh_hans = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description_zh_hans = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    investor = serializers.PrimaryKeyRelatedField(
        queryset=Investor.objects.all(), required=False, allow_null=True
    )
    industry = serializers.SlugRelatedField(
        slug_field="code",
        queryset=IndustrySection.objects.all(),
        required=False,
        allow_null=True,
    )
    # GB/T 4754 division, group or class ("27", "2710"), in the section given as `industry`.
    industry_class = serializers.CharField(
        max_length=5, required=False, allow_blank=True, allow_null=True
    )
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    tags = serializers.SlugRelatedField(
        slug_field="slug", queryset=Tag.objects.all(), many=True, required=False
    )
    capital_source = serializers.ChoiceField(choices=SourceGroup.choices, required=False)
    enterprise_type = BlankChoiceField(choices=EnterpriseType.choices, required=False)
    unified_credit_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    total_investment_cny_10k = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )
    contracted_fdi_usd_10k = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )
    unusual_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    introducer_kind = BlankChoiceField(choices=IntroducerKind.choices, required=False)
    introducer_user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    introducer_agent = serializers.PrimaryKeyRelatedField(
        queryset=Agent.objects.all(), required=False, allow_null=True
    )
    introducer_enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Investor.objects.all(), required=False, allow_null=True
    )
    source_activity = serializers.PrimaryKeyRelatedField(
        queryset=PromotionActivity.objects.all(), required=False, allow_null=True
    )
    is_published = serializers.BooleanField(required=False)
    # On create the intent date (today if left out); on update a correction of the date of
    # any stage the project has reached, which needs `reason`.
    intent_date = serializers.DateField(required=False)
    contract_date = serializers.DateField(required=False, allow_null=True)
    approval_date = serializers.DateField(required=False, allow_null=True)
    groundbreaking_date = serializers.DateField(required=False, allow_null=True)
    operation_date = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class TransitionInputSerializer(StrictInputMixin, serializers.Serializer):
    to = serializers.ChoiceField(choices=workflow.STAGE_CODES)
    date = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TransitionUploadSerializer(TransitionInputSerializer):
    """The same move sent as multipart, with the evidence file (JSON cannot carry one)."""

    evidence = serializers.FileField(required=False, allow_null=True)


class ArrivalDeleteInputSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonInputSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CheckInputSerializer(StrictInputMixin, serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())
    checked_on = serializers.DateField()
    result = serializers.ChoiceField(choices=CheckResult.choices)
    finding = serializers.CharField(max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["project"].queryset = Project.objects.for_user(request.user)


class CheckWithdrawInputSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class ProjectCheckSerializer(serializers.ModelSerializer):
    checked_by = serializers.StringRelatedField()
    withdrawn_by = serializers.StringRelatedField()
    counts = serializers.BooleanField(
        read_only=True, help_text="A falsified finding that stands (not withdrawn)."
    )

    class Meta:
        model = ProjectCheck
        fields = [
            "id",
            "project",
            "checked_on",
            "result",
            "finding",
            "checked_by",
            "recorded_at",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
            "counts",
        ]
        read_only_fields = fields


class HistoryChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    user = serializers.CharField(source="user.username", allow_null=True, default=None)
    reason = serializers.CharField()
    changes = HistoryChangeSerializer(many=True)


class CapitalArrivalSerializer(StrictInputMixin, serializers.ModelSerializer):
    usd_rate = RateField(required=False, allow_null=True)

    class Meta:
        model = CapitalArrival
        fields = [
            "id",
            "project",
            "date",
            "amount",
            "currency",
            "usd_rate",
            "rate_source",
            "amount_usd_10k",
            "recorded_at",
        ]
        read_only_fields = ["amount_usd_10k", "recorded_at"]
        extra_kwargs = {
            "currency": {"required": True},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "project" in self.fields:
            self.fields["project"].queryset = Project.objects.for_user(request.user)


class DomesticArrivalSerializer(StrictInputMixin, serializers.ModelSerializer):
    class Meta:
        model = DomesticArrival
        fields = ["id", "project", "date", "amount_cny_10k", "source_province", "recorded_at"]
        read_only_fields = ["recorded_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "project" in self.fields:
            self.fields["project"].queryset = Project.objects.for_user(request.user)


class RegionTargetSerializer(StrictInputMixin, serializers.ModelSerializer):
    class Meta:
        model = RegionTarget
        fields = [
            "id",
            "region",
            "year",
            "negotiated",
            "approved",
            "started",
            "utilized_fdi_usd_10k",
            "contracted_fdi_usd_10k",
        ]
        validators = []  # (region, year) is an upsert key for target_set, not a conflict


class FunnelQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, attrs):
        if "year" in attrs and ({"start", "end"} & set(attrs)):
            raise serializers.ValidationError({"year": [_("Give a year, or a start and an end.")]})
        if ("start" in attrs) != ("end" in attrs):
            field = "end" if "start" in attrs else "start"
            raise serializers.ValidationError({field: [_("Give both the start and the end.")]})
        if "start" in attrs and attrs["start"] > attrs["end"]:
            raise serializers.ValidationError({"end": [_("The end cannot be before the start.")]})
        return attrs


class FunnelRowSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)
    conversion = serializers.FloatField(allow_null=True)


class FunnelSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    entered = serializers.IntegerField()
    stages = FunnelRowSerializer(many=True)
