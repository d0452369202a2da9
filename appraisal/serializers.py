from rest_framework import serializers

from config.api import StrictInputMixin

from .models import Appraisal


class AppraisalInputSerializer(StrictInputMixin, serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    revision_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )


class IndicatorOut(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    method = serializers.CharField()
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    value = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    target = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    method_score = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    score = serializers.DecimalField(max_digits=9, decimal_places=2)


class EntryOut(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField(source="label")
    subject_key = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.DecimalField(source="total", max_digits=9, decimal_places=2)
    indicators = IndicatorOut(many=True, source="indicators.all")


class RankingsOut(serializers.Serializer):
    regions = EntryOut(many=True, source="region")
    units = EntryOut(many=True, source="unit")
    persons = EntryOut(many=True, source="person")


class AppraisalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appraisal
        fields = [
            "id",
            "year",
            "version",
            "status",
            "run_status",
            "progress",
            "message",
            "revision_reason",
            "supersedes",
            "created_at",
            "computed_at",
            "submitted_at",
            "published_at",
        ]


class AppraisalDetailSerializer(AppraisalSerializer):
    rankings = serializers.SerializerMethodField()

    class Meta(AppraisalSerializer.Meta):
        fields = [*AppraisalSerializer.Meta.fields, "rankings"]

    def get_rankings(self, obj) -> RankingsOut:
        from .selectors import rankings

        return RankingsOut(rankings(self.context["request"].user, obj)).data
