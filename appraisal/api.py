"""`/api/v1/appraisals/`: run (admin), read with the rankings (scoped), submit, publish (into
the public notice), objections and their answers, finalise, the introducers' rewards."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api import NoInput
from config.parsers import UPLOAD_PARSERS

from . import services
from .models import Objection
from .selectors import appraisals_for, may_object, objection_get, objections_for, rewards_for
from .serializers import (
    AnswerInputSerializer,
    AppraisalDetailSerializer,
    AppraisalInputSerializer,
    AppraisalSerializer,
    ObjectionInputSerializer,
    ObjectionSerializer,
    ObjectionUploadSerializer,
    RewardSerializer,
)


class AppraisalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Year-end appraisals. `POST {"year": YYYY}` runs one (admin; a published year needs
    `revision_reason`) and answers 202 with its `id`; poll `GET …/{id}/` for `run_status`,
    `progress` and, once computed, `rankings` (`regions`, `units`, `persons`: entries with
    `subject`, `rank`, `score` and `indicators`, whose scores add up to `score`). District and
    liaison-unit staff see only their own entries until the appraisal is published.
    `POST …/{id}/submit/` sends a computed draft to review, `POST …/{id}/publish/` publishes
    it into its public notice (`status` `notice`, until `notice_ends_on`), `POST
    …/{id}/finalise/` makes it final once the notice has ended and every objection is answered
    (admin). `…/{id}/objections/`: district and liaison staff object to their own entries
    during the notice; admins answer (`…/objections/{oid}/answer/`). `GET …/{id}/rewards/`:
    the introducers' rewards."""

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

    @extend_schema(request=None, responses=AppraisalSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        NoInput(data=request.data).is_valid(raise_exception=True)
        appraisal = services.appraisal_finalise(user=request.user, appraisal=self.get_object())
        return Response(AppraisalSerializer(appraisal).data)

    @extend_schema(
        methods=["post"],
        request={
            "application/json": ObjectionInputSerializer,
            "multipart/form-data": ObjectionUploadSerializer,
        },
        responses={201: ObjectionSerializer},
    )
    @extend_schema(methods=["get"], responses=ObjectionSerializer(many=True))
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=UPLOAD_PARSERS,
        filter_backends=[],
        pagination_class=None,
    )
    def objections(self, request, pk=None):
        """GET: the objections the caller may read (admin, bureau, 110 office all; district and
        liaison staff those on their own entries). POST `{"subject": "<subject_key>",
        "indicator": "<code>" (optional), "text": "…"}` with an optional `evidence` file
        (multipart): staff of that subject, while the notice runs (403 for anyone else)."""
        appraisal = self.get_object()
        if request.method == "GET":
            return Response(
                ObjectionSerializer(objections_for(request.user, appraisal), many=True).data
            )
        if not may_object(request.user):
            raise PermissionDenied
        multipart = request.content_type.startswith("multipart/")
        serializer = ObjectionUploadSerializer if multipart else ObjectionInputSerializer
        data = serializer(data=request.data)
        data.is_valid(raise_exception=True)
        objection = services.objection_file(
            user=request.user, appraisal=appraisal, **data.validated_data
        )
        return Response(ObjectionSerializer(objection).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=AnswerInputSerializer,
        responses=ObjectionSerializer,
        parameters=[OpenApiParameter("oid", int, OpenApiParameter.PATH, description="objection")],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="objections/<id:oid>/answer",
        url_name="objection-answer",
    )
    def answer(self, request, pk=None, oid=None):
        """`{"decision": "upheld"|"rejected", "reason": "…"}` (admin): upheld starts a revision
        (its id in `revision`), rejected shows the reason to the objector."""
        services.require_admin(request.user)
        data = AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appraisal = self.get_object()
        if not str(oid).isdigit():
            raise Http404
        try:
            objection = objection_get(request.user, appraisal, int(oid))
        except Objection.DoesNotExist as exc:
            raise Http404 from exc
        objection = services.objection_answer(
            user=request.user, objection=objection, **data.validated_data
        )
        return Response(ObjectionSerializer(objection).data)

    @extend_schema(responses=RewardSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def rewards(self, request, pk=None):
        """The introducers' rewards by the scheme's reward rule: `subject`, `amount` (10k CNY),
        `basis` (`arrived` or `contracted`), `basis_usd_10k`, `capped`, `projects` (ids),
        `steps` and `records` (the arrivals or contracts behind it)."""
        return Response(
            RewardSerializer(rewards_for(request.user, self.get_object()), many=True).data
        )
