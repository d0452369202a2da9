"""API shapes of the opportunities seeking investment. Input only parses; services decide."""

from rest_framework import serializers

from config.api import StrictInputMixin
from reference.models import IndustrySection, Region

from .models import Industry, Opportunity, OpportunityStatus

TEXT_FIELDS = (
    "name",
    "summary",
    "location",
    "scale",
    "land_utilities",
    "cooperation",
    "incentives",
    "contact_name",
)
BOTH = tuple(f"{f}_{s}" for f in TEXT_FIELDS for s in ("zh_hans", "en"))


class OpportunityOutputSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    industry_page = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    leads = serializers.IntegerField(source="lead_count", read_only=True, default=0)

    class Meta:
        model = Opportunity
        fields = [
            "id",
            *BOTH,
            "sector",
            "industry_page",
            "zone",
            "investment_cny_10k",
            "contact_email",
            "contact_phone",
            "valid_until",
            "status",
            "published_at",
            "updated_at",
            "leads",
        ]
        read_only_fields = fields


class OpportunityInputSerializer(StrictInputMixin, serializers.Serializer):
    name_zh_hans = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    summary_zh_hans = serializers.CharField(required=False, allow_blank=True)
    summary_en = serializers.CharField(required=False, allow_blank=True)
    location_zh_hans = serializers.CharField(max_length=200, required=False, allow_blank=True)
    location_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    scale_zh_hans = serializers.CharField(max_length=300, required=False, allow_blank=True)
    scale_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    land_utilities_zh_hans = serializers.CharField(required=False, allow_blank=True)
    land_utilities_en = serializers.CharField(required=False, allow_blank=True)
    cooperation_zh_hans = serializers.CharField(max_length=300, required=False, allow_blank=True)
    cooperation_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    incentives_zh_hans = serializers.CharField(required=False, allow_blank=True)
    incentives_en = serializers.CharField(required=False, allow_blank=True)
    contact_name_zh_hans = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contact_name_en = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    sector = serializers.SlugRelatedField(slug_field="code", queryset=IndustrySection.objects.all())
    industry_page = serializers.SlugRelatedField(
        slug_field="slug", queryset=Industry.objects.all(), required=False, allow_null=True
    )
    zone = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    investment_cny_10k = serializers.DecimalField(max_digits=14, decimal_places=2)
    valid_until = serializers.DateField()
    status = serializers.ChoiceField(choices=OpportunityStatus.choices, required=False)
