from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from config.api import BlankChoicesAsNullMixin, StrictInputMixin
from liaison.models import LiaisonUnit
from projects.models import Project

from .models import Case, CaseEvent, Referral, ServiceRequest, ServiceVisit


class VisitInputSerializer(StrictInputMixin, serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    unit = serializers.PrimaryKeyRelatedField(queryset=LiaisonUnit.objects.filter(is_active=True))
    date = serializers.DateField()
    purpose = serializers.CharField(max_length=300)
    problems_raised = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    staff = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False
    )
    contact_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    # The contact's language (zh-hans or en): the feedback link is e-mailed in it. A plain
    # string checked here, so the schema keeps one enum for the portal's languages.
    contact_language = serializers.CharField(max_length=8, required=False)

    def validate_contact_language(self, value):
        if value not in dict(settings.LANGUAGES):
            raise serializers.ValidationError(_("Choose zh-hans or en."))
        return value


class VisitOutputSerializer(serializers.ModelSerializer):
    rating = serializers.SerializerMethodField()
    case_reference = serializers.SerializerMethodField()

    class Meta:
        model = ServiceVisit
        fields = [
            "id",
            "project",
            "unit",
            "staff",
            "date",
            "purpose",
            "problems_raised",
            "rating",
            "case_reference",
            "created_at",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_case_reference(self, visit) -> str | None:
        """The 110 office's case opened by the visit's review (a bad review), if any."""
        review = getattr(visit, "review", None)
        case = getattr(review, "case", None) if review is not None else None
        return case.reference if case is not None else None

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField(), allow_null=True))
    def get_rating(self, visit) -> dict | None:
        review = getattr(visit, "review", None)
        if review is None or review.voided_at:
            return None
        return {
            "overall": review.overall,
            "efficiency": review.efficiency,
            "quality": review.quality,
            "attitude": review.attitude,
        }


class FeedbackLinkSerializer(serializers.Serializer):
    url = serializers.URLField()
    expires_at = serializers.DateTimeField()


class RequestInputSerializer(StrictInputMixin, serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    owner_unit = serializers.PrimaryKeyRelatedField(
        queryset=LiaisonUnit.objects.filter(is_active=True)
    )
    visit = serializers.PrimaryKeyRelatedField(
        queryset=ServiceVisit.objects.all(), required=False, allow_null=True
    )
    description = serializers.CharField(max_length=5000)
    deadline = serializers.DateField()


class RequestOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "project",
            "visit",
            "owner_unit",
            "description",
            "raised_on",
            "deadline",
            "status",
            "resolution",
            "resolved_on",
        ]


class ResolveInputSerializer(StrictInputMixin, serializers.Serializer):
    resolution = serializers.CharField(max_length=5000)


class CaseEventSerializer(serializers.ModelSerializer):
    """One history step: the codes, and the same worded in the request's language."""

    actor = serializers.StringRelatedField()
    action_label = serializers.CharField(read_only=True)
    from_label = serializers.CharField(read_only=True)
    to_label = serializers.CharField(read_only=True)
    note = serializers.CharField(source="note_text", read_only=True)

    class Meta:
        model = CaseEvent
        fields = [
            "at",
            "action",
            "action_label",
            "from_status",
            "from_label",
            "to_status",
            "to_label",
            "note",
            "actor",
        ]


class CaseSerializer(BlankChoicesAsNullMixin, serializers.ModelSerializer):
    history = CaseEventSerializer(source="events", many=True, read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "source",
            "project",
            "unit",
            "subject",
            "description",
            "enterprise_name",
            "status",
            "received_on",
            "due_date",
            "overdue",
            "rectification",
            "response",
            "callback_confirmed",
            "appeal",
            "closed_on",
            "history",
        ]

    def to_representation(self, case):
        data = super().to_representation(case)
        # Worded in the request's language (a system subject), the enterprise the investor.
        data["subject"] = case.subject_text
        data["enterprise_name"] = case.enterprise_text
        if self.context.get("sees_complainant") and case.source == "complaint":
            data["complainant"] = {
                "name": case.complainant_name,
                "phone": case.complainant_phone,
                "email": case.complainant_email,
            }
        return data


class CaseActionSerializer(StrictInputMixin, serializers.Serializer):
    action = serializers.CharField(max_length=20)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    unit = serializers.PrimaryKeyRelatedField(
        queryset=LiaisonUnit.objects.filter(is_active=True), required=False, allow_null=True
    )
    rectification = serializers.CharField(required=False, allow_blank=True, default="")
    confirmed = serializers.BooleanField(required=False, allow_null=True, default=None)
    upheld = serializers.BooleanField(required=False, allow_null=True, default=None)


class ReferralInputSerializer(StrictInputMixin, serializers.Serializer):
    request = serializers.PrimaryKeyRelatedField(queryset=ServiceRequest.objects.all())
    to_unit = serializers.PrimaryKeyRelatedField(
        queryset=LiaisonUnit.objects.filter(is_active=True)
    )
    note = serializers.CharField(max_length=5000)


class ReferralActSerializer(StrictInputMixin, serializers.Serializer):
    action = serializers.ChoiceField(choices=["accept", "complete"])
    outcome = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ReferralHistorySerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="history_date")
    status = serializers.CharField()
    by = serializers.StringRelatedField(source="history_user")


class ReferralSerializer(serializers.ModelSerializer):
    history = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "request",
            "from_unit",
            "to_unit",
            "note",
            "status",
            "created_at",
            "accepted_at",
            "completed_at",
            "outcome",
            "history",
        ]

    @extend_schema_field(ReferralHistorySerializer(many=True))
    def get_history(self, referral) -> list:
        rows = referral.history.select_related("history_user").order_by("history_date")
        return ReferralHistorySerializer(rows, many=True).data
