from rest_framework import serializers

from config.api import StrictInputMixin

from .models import Appraisal, Objection, ObjectionDecision, Reward


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
            "notice_starts_on",
            "notice_ends_on",
            "finalised_at",
        ]


class AppraisalDetailSerializer(AppraisalSerializer):
    rankings = serializers.SerializerMethodField()

    class Meta(AppraisalSerializer.Meta):
        fields = [*AppraisalSerializer.Meta.fields, "rankings"]

    def get_rankings(self, obj) -> RankingsOut:
        from .selectors import rankings

        return RankingsOut(rankings(self.context["request"].user, obj)).data


class ObjectionInputSerializer(StrictInputMixin, serializers.Serializer):
    subject = serializers.CharField(max_length=40)
    indicator = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=5000)
    evidence = serializers.FileField(required=False, allow_null=True)


class AnswerInputSerializer(StrictInputMixin, serializers.Serializer):
    decision = serializers.ChoiceField(choices=ObjectionDecision.values)
    reason = serializers.CharField(max_length=5000)


class ObjectionSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(source="subject_key")
    label = serializers.CharField()
    filed_by = serializers.StringRelatedField()
    answered_by = serializers.StringRelatedField()
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Objection
        fields = [
            "id",
            "appraisal",
            "subject",
            "label",
            "indicator",
            "text",
            "has_evidence",
            "filed_by",
            "filed_at",
            "decision",
            "reason",
            "answered_by",
            "answered_at",
            "revision",
        ]

    def get_has_evidence(self, obj) -> bool:
        return bool(obj.evidence)


class RewardSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(source="label")
    amount = serializers.DecimalField(source="amount_cny_10k", max_digits=12, decimal_places=2)
    projects = serializers.SerializerMethodField()
    records = serializers.ListField(source="shown_records", child=serializers.DictField())

    class Meta:
        model = Reward
        fields = [
            "subject",
            "subject_key",
            "amount",
            "basis",
            "basis_usd_10k",
            "capped",
            "projects",
            "steps",
            "records",
        ]

    def get_projects(self, obj) -> list[int]:
        """The projects behind the reward, where the reader may see its records."""
        return obj.projects if obj.shown_records else []
