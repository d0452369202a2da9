"""API shapes of the industrial chains. Input serializers only parse; services decide."""

from rest_framework import serializers

from config.api import StrictInputMixin
from investors.models import InteractionKind, Investor
from investors.serializers import CountryCodeField
from projects.models import Project

from .models import Chain, ChainLink, Gap, Outreach, OutreachStep, Priority, TargetCompany


class ChainSerializer(serializers.ModelSerializer):
    office = serializers.SerializerMethodField()

    class Meta:
        model = Chain
        fields = [
            "id", "slug", "name_zh_hans", "name_en", "industry_classes", "leader_name_zh_hans",
            "leader_name_en", "leader_title_zh_hans", "leader_title_en", "office",
        ]  # fmt: skip

    def get_office(self, chain) -> dict | None:
        if chain.office_id is None:
            return None
        o = chain.office
        return {"id": o.pk, "code": o.code, "name_zh_hans": o.name_zh_hans, "name_en": o.name_en}


class LinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChainLink
        fields = [
            "id", "chain", "segment", "name_zh_hans", "name_en", "key_products_zh_hans",
            "key_products_en", "industry_classes", "gap", "gap_reason", "gap_rated_on",
        ]  # fmt: skip


class MapLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="link.pk")
    name_zh_hans = serializers.CharField(source="link.name_zh_hans")
    name_en = serializers.CharField(source="link.name_en", allow_null=True)
    gap = serializers.ChoiceField(source="link.gap", choices=Gap.choices)
    gap_reason = serializers.CharField(source="link.gap_reason")
    gap_rated_on = serializers.DateField(source="link.gap_rated_on", allow_null=True)
    local_enterprises = serializers.IntegerField()
    targets = serializers.IntegerField()
    targets_by_state = serializers.DictField(child=serializers.IntegerField())
    pipeline = serializers.DictField(child=serializers.IntegerField())


class MapSegmentSerializer(serializers.Serializer):
    segment = serializers.CharField()
    label = serializers.CharField()
    links = MapLinkSerializer(many=True)


class ChainMapSerializer(serializers.Serializer):
    chain = ChainSerializer()
    segments = MapSegmentSerializer(many=True)


class InvestorRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Investor
        fields = ["id", "name_zh_hans", "name_en"]


class TargetCompanySerializer(serializers.ModelSerializer):
    investor = InvestorRefSerializer()
    chain = serializers.IntegerField(source="link.chain_id")

    class Meta:
        model = TargetCompany
        fields = [
            "id", "chain", "link", "investor", "priority", "state", "last_contact_on",
            "project", "note", "created_at",
        ]  # fmt: skip


class NewInvestorSerializer(StrictInputMixin, serializers.Serializer):
    name_zh_hans = serializers.CharField(max_length=200, required=False, allow_blank=True)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    country = CountryCodeField()


class TargetCompanyInputSerializer(StrictInputMixin, serializers.Serializer):
    link = serializers.PrimaryKeyRelatedField(queryset=ChainLink.objects.all())
    investor = serializers.PrimaryKeyRelatedField(
        queryset=Investor.objects.all(), required=False, allow_null=True
    )
    new_investor = NewInvestorSerializer(required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class OutreachStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutreachStep
        fields = ["id", "from_state", "to_state", "date", "interaction", "user"]


class OutreachMoveInputSerializer(StrictInputMixin, serializers.Serializer):
    state = serializers.ChoiceField(choices=Outreach.choices)
    date = serializers.DateField()
    summary = serializers.CharField(max_length=4000)
    kind = serializers.ChoiceField(choices=InteractionKind.choices, required=False)
    project = serializers.PrimaryKeyRelatedField(
        queryset=Project.objects.all(), required=False, allow_null=True
    )


class GapInputSerializer(StrictInputMixin, serializers.Serializer):
    gap = serializers.ChoiceField(choices=Gap.choices)
    reason = serializers.CharField(max_length=4000)
    rated_on = serializers.DateField()


class LinkProjectInputSerializer(StrictInputMixin, serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
