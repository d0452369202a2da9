"""`/api/v1/appraisals/`: run (admin), read with the rankings (scoped), submit, publish."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api import NoInput

from . import services
from .selectors import appraisals_for
from .serializers import AppraisalDetailSerializer, AppraisalInputSerializer, AppraisalSerializer


class AppraisalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Year-end appraisals. `POST {"year": YYYY}` runs one (admin; a published year needs
    `revision_reason`) and answers 202 with its `id`; poll `GET …/{id}/` for `run_status`,
    `progress` and, once computed, `rankings` (`regions`, `units`, `persons`: entries with
    `subject`, `rank`, `score` and `indicators`, whose scores add up to `score`). District and
    liaison-unit staff see only their own entries until the appraisal is published.
    `POST …/{id}/submit/` sends a computed draft to review, `POST …/{id}/publish/` publishes
    it (admin)."""

    serializer_class = AppraisalSerializer
    filterset_fields = ["year", "status"]

    def get_queryset(self):
        return appraisals_for(self.request.user)

    def get_serializer_class(self):
        return AppraisalDetailSerializer if self.action == "retrieve" else AppraisalSerializer

    @extend_schema(request=AppraisalInputSerializer, responses={202: AppraisalSerializer})
    def create(self, request):
        services.require_admin(request.user)
        data = AppraisalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appraisal = services.appraisal_request(
            user=request.user,
            year=data.validated_data["year"],
            revision_reason=data.validated_data["revision_reason"],
        )
        appraisal.refresh_from_db()
        return Response(AppraisalSerializer(appraisal).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses=AppraisalSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        NoInput(data=request.data).is_valid(raise_exception=True)
        appraisal = services.appraisal_submit(user=request.user, appraisal=self.get_object())
        return Response(AppraisalSerializer(appraisal).data)

    @extend_schema(request=None, responses=AppraisalSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        NoInput(data=request.data).is_valid(raise_exception=True)
        appraisal = services.appraisal_publish(user=request.user, appraisal=self.get_object())
        return Response(AppraisalSerializer(appraisal).data)
