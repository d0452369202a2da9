"""`/api/v1/service-visits/` (+ `/{id}/feedback-link/`), `/service-requests/`, `/referrals/`,
`/complaints/` (the 110 office's cases, each with its due date, status and history). Scope
comes from feedback.selectors; out of scope is 404."""

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from accounts.models import Role
from config.api import NoInput
from projects.models import Project

from . import selectors, services
from .serializers import (
    CaseActionSerializer,
    CaseSerializer,
    FeedbackLinkSerializer,
    ReferralActSerializer,
    ReferralInputSerializer,
    ReferralSerializer,
    RequestInputSerializer,
    RequestOutputSerializer,
    ResolveInputSerializer,
    VisitInputSerializer,
    VisitOutputSerializer,
)


def _project_in_scope(user, project):
    if not Project.objects.for_user(user).filter(pk=project.pk).exists():
        raise NotFound()
    return project


class ServiceVisitViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Service visits (上门服务) of the caller's unit (all, for the bureau and the office)."""

    serializer_class = VisitOutputSerializer

    def get_queryset(self):
        return selectors.visits_for(self.request.user).prefetch_related("staff")

    @extend_schema(request=VisitInputSerializer, responses={201: VisitOutputSerializer})
    def create(self, request):
        data = VisitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        _project_in_scope(request.user, values["project"])
        visit = services.service_visit_create(user=request.user, **values)
        visit = self.get_queryset().get(pk=visit.pk)
        return Response(VisitOutputSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=NoInput, responses={201: FeedbackLinkSerializer})
    @action(detail=True, methods=["post"], url_path="feedback-link")
    def feedback_link(self, request, pk=None):
        """A new signed, single-use link for the enterprise (earlier links stop working)."""
        NoInput(data=request.data).is_valid(raise_exception=True)
        visit = self.get_object()

        def url_for(token):
            with translation.override(services.feedback_form_language(visit)):
                return request.build_absolute_uri(reverse("feedback_public:form", args=[token]))

        link, token = services.feedback_link_issue(user=request.user, visit=visit, url_for=url_for)
        url = url_for(token)
        return Response(
            FeedbackLinkSerializer({"url": url, "expires_at": link.expires_at}).data,
            status=status.HTTP_201_CREATED,
        )


class ServiceRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = RequestOutputSerializer
    filterset_fields = ["status", "owner_unit"]

    def get_queryset(self):
        return selectors.requests_for(self.request.user)

    @extend_schema(request=RequestInputSerializer, responses={201: RequestOutputSerializer})
    def create(self, request):
        data = RequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        _project_in_scope(request.user, values["project"])
        item = services.service_request_create(user=request.user, **values)
        return Response(RequestOutputSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ResolveInputSerializer, responses=RequestOutputSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        item = self.get_object()  # outside the user's scope: 404, whatever was sent
        data = ResolveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.service_request_resolve(
            user=request.user, request=item, **data.validated_data
        )
        return Response(RequestOutputSerializer(item).data)


class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The 110 office's cases: the office sees all, a unit its own. `POST …/{id}/act/` takes
    one workflow step (`assign`, `rectify`, `explain`, `callback`, `close`, `appeal`,
    `decide_appeal`)."""

    serializer_class = CaseSerializer
    filterset_fields = ["status", "unit", "source"]

    def get_queryset(self):
        return selectors.cases_for(self.request.user).prefetch_related("events__actor")

    def get_serializer_context(self):
        return super().get_serializer_context() | {
            "sees_complainant": selectors.sees_complainant(self.request.user)
        }

    @extend_schema(request=CaseActionSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def act(self, request, pk=None):
        case = self.get_object()  # outside the user's scope: 404, whatever was sent
        data = CaseActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.case_act(user=request.user, case=case, **data.validated_data)
        case = self.get_queryset().get(pk=case.pk)
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data)


class ReferralViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Referrals between units (转办): a unit sees those it made and received, the bureau,
    admins and the office all. `POST` (the request's owner unit or the bureau) refers a
    service request to another unit; `POST …/{id}/act/` (the receiving unit) `accept`, then
    `complete` with the `outcome`. Each answer carries the referral's history."""

    serializer_class = ReferralSerializer
    filterset_fields = ["status", "from_unit", "to_unit"]

    def get_queryset(self):
        return selectors.referrals_for(self.request.user)

    @extend_schema(request=ReferralInputSerializer, responses={201: ReferralSerializer})
    def create(self, request):
        if not (request.user.is_bureau_or_admin or request.user.role == Role.LIAISON):
            raise PermissionDenied()
        data = ReferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if not selectors.requests_for(request.user).filter(pk=values["request"].pk).exists():
            raise NotFound()
        referral = services.referral_create(user=request.user, **values)
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReferralActSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def act(self, request, pk=None):
        referral = self.get_object()
        user = request.user
        if not (user.is_bureau_or_admin or user.liaison_unit_id == referral.to_unit_id):
            raise PermissionDenied()
        data = ReferralActSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = services.referral_act(
            user=request.user, referral=referral, **data.validated_data
        )
        return Response(ReferralSerializer(referral).data)
