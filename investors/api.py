"""`/api/v1/investors/`, `contacts`, `interactions`, `activities`, `agents`, `inquiries`.
Thin: parse, call a service or a selector, answer. The investor database is readable by
every signed-in staff member; a change outside the user's rights is 403; an inquiry outside
their queue is 404."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api import NoInput

from . import services
from .filters import ContactFilter, InteractionFilter, InvestorFilter
from .returns import activity_returns, ranked
from .selectors import (
    activities_for_user,
    agents_for_user,
    can_create_investors,
    can_edit_investor,
    can_log_interactions,
    contacts_for_user,
    editable_activities,
    editable_agents,
    editable_contacts,
    editable_interactions,
    inquiries_for_user,
    interactions_for_user,
    investor_list,
)
from .serializers import (
    ActivityReturnSerializer,
    ActivitySerializer,
    AgentSerializer,
    ContactSerializer,
    InquiryConvertSerializer,
    InquiryRespondSerializer,
    InquirySerializer,
    InteractionSerializer,
    InvestorInputSerializer,
    InvestorMatchSerializer,
    InvestorOutputSerializer,
)


class WriteGate:
    """Refuse a write the role may not make (403) before its input is read, so that a role
    that may only read gets 403 whatever it sends, and an object it may read but not change
    answers 403 too. `may_create(user)` and `editable(user)` (a queryset) say who may."""

    may_create = staticmethod(can_create_investors)

    def editable(self, user):
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        if not self.may_create(request.user):
            raise PermissionDenied
        return super().create(request, *args, **kwargs)

    def get_object(self):
        obj = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS and not (
            self.editable(self.request.user).filter(pk=obj.pk).exists()
        ):
            raise PermissionDenied
        return obj


class InvestorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Investors (city-wide to read; changed by the owner region or the bureau). Lists leave
    out investors merged into another; `GET /{id}/` still answers for them (`merged_into`).
    Creating one whose name matches an existing investor answers 400 on `name_zh_hans`
    unless `confirm_new` is true."""

    serializer_class = InvestorOutputSerializer
    filterset_class = InvestorFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return investor_list(None).none()
        include_merged = self.action != "list"
        return investor_list(self.request.user, include_merged=include_merged)

    def _respond(self, investor, code=status.HTTP_200_OK):
        investor = self.get_queryset().get(pk=investor.pk)
        return Response(InvestorOutputSerializer(investor).data, status=code)

    @extend_schema(request=InvestorInputSerializer, responses=InvestorOutputSerializer)
    def create(self, request):
        if not can_create_investors(request.user):
            raise PermissionDenied
        data = InvestorInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        allow = values.pop("confirm_new", False)
        investor = services.investor_create(user=request.user, data=values, allow_duplicate=allow)
        return self._respond(investor, status.HTTP_201_CREATED)

    @extend_schema(request=InvestorInputSerializer, responses=InvestorOutputSerializer)
    def update(self, request, pk=None, partial=False):
        investor = self.get_object()
        if not can_edit_investor(request.user, investor):
            raise PermissionDenied
        data = InvestorInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("confirm_new", None)
        services.investor_update(user=request.user, investor=investor, data=values)
        return self._respond(investor)

    @extend_schema(request=InvestorInputSerializer, responses=InvestorOutputSerializer)
    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)

    @extend_schema(
        parameters=[
            OpenApiParameter("name_zh_hans", str, required=False),
            OpenApiParameter("name_en", str, required=False),
        ],
        filters=False,
        responses=InvestorMatchSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def duplicates(self, request):
        """Investors whose normalised name matches (the check a create runs)."""
        matches = services.investor_find_duplicates(
            name_zh_hans=request.query_params.get("name_zh_hans", ""),
            name_en=request.query_params.get("name_en", ""),
        )
        return Response(InvestorMatchSerializer(matches, many=True).data)


class ContactViewSet(WriteGate, viewsets.ModelViewSet):
    serializer_class = ContactSerializer

    def editable(self, user):
        return editable_contacts(user)

    filterset_class = ContactFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return contacts_for_user(None).none()
        return contacts_for_user(self.request.user).order_by("investor_id", "name", "id")

    def perform_create(self, serializer):
        v = dict(serializer.validated_data)
        investor = v.pop("investor")
        serializer.instance = services.contact_create(
            user=self.request.user, investor=investor, data=v
        )

    def perform_update(self, serializer):
        v = dict(serializer.validated_data)
        v.pop("investor", None)
        serializer.instance = services.contact_update(
            user=self.request.user, contact=serializer.instance, data=v
        )

    @extend_schema(request=NoInput, responses={204: None})
    def destroy(self, request, pk=None):
        NoInput(data=request.data).is_valid(raise_exception=True)
        services.contact_delete(user=request.user, contact=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class InteractionViewSet(
    WriteGate,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Interactions with investors. Creating one closes the caller's open follow-ups on the
    investor and opens a new one at `next_follow_up`."""

    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter
    may_create = staticmethod(can_log_interactions)

    def editable(self, user):
        return editable_interactions(user)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return interactions_for_user(None).none()
        return interactions_for_user(self.request.user).order_by("-date", "-id")

    def perform_create(self, serializer):
        v = dict(serializer.validated_data)
        serializer.instance = services.interaction_log(user=self.request.user, **v)

    def perform_update(self, serializer):
        v = {
            k: serializer.validated_data[k]
            for k in ("kind", "date", "summary", "next_follow_up")
            if k in serializer.validated_data
        }
        serializer.instance = services.interaction_update(
            user=self.request.user, interaction=serializer.instance, data=v
        )


class ActivityViewSet(
    WriteGate,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Promotion activities (`fair`, `delegation`, `roadshow`, `online`); `returns/` ranks
    them by utilized foreign capital per 10k CNY spent."""

    serializer_class = ActivitySerializer
    filterset_fields = ["kind", "organiser_region"]

    def editable(self, user):
        return editable_activities(user)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return activities_for_user(None).none()
        return activities_for_user(self.request.user).prefetch_related("staff", "investors_met")

    def _split(self, serializer):
        v = dict(serializer.validated_data)
        return v, v.pop("staff", None), v.pop("investors_met", None)

    def perform_create(self, serializer):
        v, staff, met = self._split(serializer)
        serializer.instance = services.activity_create(
            user=self.request.user, data=v, staff=staff, investors_met=met
        )

    def perform_update(self, serializer):
        v, staff, met = self._split(serializer)
        serializer.instance = services.activity_update(
            user=self.request.user,
            activity=serializer.instance,
            data=v,
            staff=staff,
            investors_met=met,
        )

    @extend_schema(responses=ActivityReturnSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)
    def returns(self, request):
        rows = ranked(activity_returns(self.filter_queryset(self.get_queryset())))
        return Response(ActivityReturnSerializer(rows, many=True).data)


class AgentViewSet(
    WriteGate,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AgentSerializer
    filterset_fields = ["kind", "region", "is_active"]
    search_fields = ["name", "organisation"]

    def editable(self, user):
        return editable_agents(user)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return agents_for_user(None).none()
        return agents_for_user(self.request.user).order_by("name", "id")

    def perform_create(self, serializer):
        serializer.instance = services.agent_create(
            user=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = services.agent_update(
            user=self.request.user, agent=serializer.instance, data=dict(serializer.validated_data)
        )


class InquiryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Public inquiries: bureau and admin see all, an industry's named contact those routed
    to them. `respond/`, `spam/` and `convert/` (to investor + contact + interaction)."""

    serializer_class = InquirySerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return inquiries_for_user(None).none()
        return inquiries_for_user(self.request.user)

    @extend_schema(request=InquiryRespondSerializer, responses=InquirySerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        inquiry = self.get_object()
        data = InquiryRespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        inquiry = services.inquiry_respond(
            user=request.user, inquiry=inquiry, note=data.validated_data["note"]
        )
        return Response(InquirySerializer(inquiry).data)

    @extend_schema(request=NoInput, responses=InquirySerializer)
    @action(detail=True, methods=["post"])
    def spam(self, request, pk=None):
        NoInput(data=request.data).is_valid(raise_exception=True)
        inquiry = services.inquiry_mark_spam(user=request.user, inquiry=self.get_object())
        return Response(InquirySerializer(inquiry).data)

    @extend_schema(request=InquiryConvertSerializer, responses=InvestorOutputSerializer)
    @action(detail=True, methods=["post"])
    def convert(self, request, pk=None):
        inquiry = self.get_object()
        data = InquiryConvertSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        investor = services.inquiry_convert(
            user=request.user,
            inquiry=inquiry,
            owner_region=v["owner_region"],
            investor=v.get("investor"),
            follow_up=v.get("follow_up"),
            allow_duplicate=v.get("confirm_new", False),
        )
        investor = investor_list(request.user, include_merged=True).get(pk=investor.pk)
        return Response(InvestorOutputSerializer(investor).data, status=status.HTTP_201_CREATED)
