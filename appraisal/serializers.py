from decimal import ROUND_HALF_UP

from rest_framework import serializers

from config.api import BlankChoicesAsNullMixin, StrictInputMixin
from config.names import name_text

from .models import Appraisal, Objection, ObjectionDecision, Reward
from .scoring import explain


class AppraisalInputSerializer(StrictInputMixin, serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    revision_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )


class IndicatorOut(serializers.Serializer):
    """One indicator of an entry. `weight` is the weight it carried for this subject (the
    scheme's `scheme_weight`, or 0 when the subject had no data on it and its weight went to
    the subject's other indicators, which then carry more); `score` is its contribution as
    shown (cents adding up exactly to the entry's `score`), `contribution` the unrounded one;
    `rule` says what scored it and `explanation` says so in words."""

    code = serializers.CharField()
    name = serializers.CharField()
    method = serializers.CharField()
    scheme_weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    weight = serializers.DecimalField(max_digits=22, decimal_places=2, rounding=ROUND_HALF_UP)
    value = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    target = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    method_score = serializers.DecimalField(
        max_digits=22, decimal_places=2, allow_null=True, rounding=ROUND_HALF_UP
    )
    rule = serializers.CharField()
    missing = serializers.SerializerMethodField()
    contribution = serializers.DecimalField(max_digits=22, decimal_places=10)
    score = serializers.DecimalField(max_digits=9, decimal_places=2)
    explanation = serializers.SerializerMethodField()

    def get_missing(self, obj) -> str:
        """Why the subject had no data: "no_data", "no_target", "no_standard", or ""."""
        return obj.explanation.get("missing", "")

    def get_explanation(self, obj) -> str:
        return explain(obj.explanation, obj.method, obj.weight)


class EntryOut(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.SerializerMethodField()
    subject_key = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.DecimalField(source="total", max_digits=9, decimal_places=2)
    indicators = IndicatorOut(many=True, source="indicators.all")

    def get_subject(self, obj) -> str:
        """The subject's frozen name in the request's language (config/names.py: a missing
        English name is the Chinese one, marked)."""
        return name_text(obj, "label")


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


class ObjectionUploadSerializer(ObjectionInputSerializer):
    """The same objection sent as multipart, with an evidence file (JSON cannot carry one)."""

    evidence = serializers.FileField(required=False, allow_null=True)


class AnswerInputSerializer(StrictInputMixin, serializers.Serializer):
    decision = serializers.ChoiceField(choices=ObjectionDecision.values)
    reason = serializers.CharField(max_length=5000)


class ObjectionSerializer(BlankChoicesAsNullMixin, serializers.ModelSerializer):
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
    subject = serializers.SerializerMethodField()
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

    def get_subject(self, obj) -> str:
        return name_text(obj, "label")

    def get_projects(self, obj) -> list[int]:
        """The projects behind the reward, where the reader may see its records."""
        return obj.projects if obj.shown_records else []
