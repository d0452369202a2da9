from rest_framework import serializers

from accounts.models import Role, User
from config.api import StrictInputMixin
from config.ids import ID_MAX, ID_MIN
from projects.models import Project

from .models import MAX_CADENCE_DAYS, MIN_CADENCE_DAYS, LiaisonAssignment, LiaisonUnit


class UnitSerializer(serializers.ModelSerializer):
    industries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = LiaisonUnit
        fields = ["id", "code", "name_zh_hans", "name_en", "is_active", "industries"]


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = LiaisonUnit
        fields = ["id", "code", "name_zh_hans", "name_en"]


class PersonRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__")

    class Meta:
        model = User
        fields = ["id", "username", "name"]


class AssignmentOutputSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer()
    person = PersonRefSerializer()
    voided = serializers.SerializerMethodField()

    class Meta:
        model = LiaisonAssignment
        fields = [
            "id",
            "project",
            "unit",
            "person",
            "start_date",
            "end_date",
            "voided",
            "void_reason",
            "visit_cadence_days",
            "visit_flagged_on",
        ]

    def get_voided(self, a) -> bool:
        return a.voided_at is not None


class AssignmentInputSerializer(StrictInputMixin, serializers.Serializer):
    """A new assignment; on a project that has one in force it is a reassignment (the current
    one ends the day before and stays in the history)."""

    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    unit = serializers.PrimaryKeyRelatedField(queryset=LiaisonUnit.objects.filter(is_active=True))
    person = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role=Role.LIAISON, is_active=True)
    )
    start_date = serializers.DateField()
    visit_cadence_days = serializers.IntegerField(
        min_value=MIN_CADENCE_DAYS, max_value=MAX_CADENCE_DAYS, required=False
    )
    current_in_error = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CadenceInputSerializer(StrictInputMixin, serializers.Serializer):
    visit_cadence_days = serializers.IntegerField(
        min_value=MIN_CADENCE_DAYS, max_value=MAX_CADENCE_DAYS
    )


class SuggestionQuerySerializer(serializers.Serializer):
    project = serializers.IntegerField(min_value=ID_MIN, max_value=ID_MAX)


class SuggestionSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    unit = UnitRefSerializer()
    score = serializers.FloatField()
    industry_fit = serializers.BooleanField()
    enterprises = serializers.IntegerField()
    open_cases = serializers.IntegerField()
