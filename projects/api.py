"""`/api/v1/projects/`, `/capital-arrivals/`, `/domestic-arrivals/`, `/targets/`. Thin:
parse, call a service or a selector, answer. Scope comes from `Project.objects.for_user`;
out of scope is 404."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role
from config.errors import DomainError
from config.filters import FilterBackend
from config.parsers import UPLOAD_PARSERS

from . import services
from .filters import (
    CapitalArrivalFilter,
    DomesticArrivalFilter,
    ProjectCheckFilter,
    ProjectFilter,
)
from .models import CapitalArrival, DomesticArrival, Project, ProjectCheck, RegionTarget
from .selectors import funnel, project_history, targets_for_user
from .serializers import (
    ArrivalDeleteInputSerializer,
    CapitalArrivalSerializer,
    CheckInputSerializer,
    CheckWithdrawInputSerializer,
    DomesticArrivalSerializer,
    FunnelQuerySerializer,
    FunnelSerializer,
    HistoryEntrySerializer,
    ProjectCheckSerializer,
    ProjectInputSerializer,
    ProjectOutputSerializer,
    ReasonInputSerializer,
    RegionTargetSerializer,
    TransitionInputSerializer,
    TransitionUploadSerializer,
)


class MayEditProjects(permissions.BasePermission):
    """Writes only for roles that change projects, and on a project only for those who may
    change that one. DRF's OPTIONS lists a write action only when this allows it, so a
    read-only role is not offered what it may not do. A project outside the caller's scope is
    left to the view (404)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        pk = view.kwargs.get("pk")
        if user.role == Role.CHAIN_OFFICE:
            # An industry office changes the projects of its chains, nothing else here.
            if pk is None or not isinstance(view, ProjectViewSet):
                return False
        elif not (user.is_bureau_or_admin or user.role == Role.DISTRICT):
            return False  # liaison staff and the 110 office only read projects
        if pk is None or not isinstance(view, ProjectViewSet):
            return True
        if not Project.objects.for_user(user).filter(pk=pk).exists():
            return True
        return Project.objects.editable_by(user).filter(pk=pk).exists()


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Projects in the caller's scope. `stage` changes only through `transition/`."""

    permission_classes = [permissions.IsAuthenticated, MayEditProjects]
    serializer_class = ProjectOutputSerializer
    filterset_class = ProjectFilter
    filter_backends = [FilterBackend]

    def get_queryset(self):
        return Project.objects.for_user(self.request.user).with_list_relations()

    def _respond(self, project, code=status.HTTP_200_OK):
        project = self.get_queryset().get(pk=project.pk)
        return Response(ProjectOutputSerializer(project).data, status=code)

    @extend_schema(request=ProjectInputSerializer, responses=ProjectOutputSerializer)
    def create(self, request):
        data = ProjectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        tags = values.pop("tags", None)
        intent_date = values.pop("intent_date", None)
        if values.pop("reason", ""):
            raise DomainError(_("A new project has nothing to correct."), field="reason")
        project = services.project_create(
            user=request.user, data=values, tags=tags, intent_date=intent_date
        )
        return self._respond(project, status.HTTP_201_CREATED)

    @extend_schema(request=ProjectInputSerializer, responses=ProjectOutputSerializer)
    def update(self, request, pk=None, partial=False):
        project = self.get_object()
        data = ProjectInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        tags = values.pop("tags", None)
        reason = values.pop("reason", "")
        services.project_update(
            user=request.user, project=project, data=values, tags=tags, reason=reason
        )
        return self._respond(project)

    @extend_schema(request=ProjectInputSerializer, responses=ProjectOutputSerializer)
    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)

    @extend_schema(
        request={
            "application/json": TransitionInputSerializer,
            "multipart/form-data": TransitionUploadSerializer,
        },
        responses=ProjectOutputSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=UPLOAD_PARSERS)
    def transition(self, request, pk=None):
        """Move one stage forward `{"to", "date", "note"}` (optional `evidence` file in a
        multipart request), or one back as a correction with the reason in `note`."""
        project = self.get_object()
        multipart = request.content_type.startswith("multipart/")
        serializer = TransitionUploadSerializer if multipart else TransitionInputSerializer
        data = serializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.project_transition(user=request.user, project=project, **data.validated_data)
        return self._respond(project)

    @extend_schema(request=ReasonInputSerializer, responses=ProjectOutputSerializer)
    @action(detail=True, methods=["post"])
    def drop(self, request, pk=None):
        project = self.get_object()
        data = ReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.project_drop(user=request.user, project=project, **data.validated_data)
        return self._respond(project)

    @extend_schema(request=ReasonInputSerializer, responses=ProjectOutputSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        project = self.get_object()
        data = ReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.project_reopen(
            user=request.user, project=project, note=data.validated_data["reason"]
        )
        return self._respond(project)

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("start", OpenApiTypes.DATE),
            OpenApiParameter("end", OpenApiTypes.DATE),
        ],
        responses=FunnelSerializer,
    )
    @action(detail=False, methods=["get"])
    def funnel(self, request):
        """The funnel as a cohort: of the projects in scope that entered intent in `year`
        (default this year) or between `start` and `end`, how many have reached each stage
        by now; `conversion` is % of the stage before, `share` % of the cohort. The same
        numbers as the dashboard and the statistics page."""
        query = FunnelQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        v = query.validated_data
        if "start" in v:
            start, end = v["start"], v["end"]
        else:
            year = v.get("year") or timezone.localdate().year
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        rows = funnel(Project.objects.for_user(request.user), start=start, end=end)
        body = {"start": start, "end": end, "entered": rows[0]["count"], "stages": rows}
        return Response(FunnelSerializer(body).data)

    @extend_schema(filters=False, responses=HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        project = self.get_object()
        return Response(HistoryEntrySerializer(project_history(project), many=True).data)


class CapitalArrivalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Foreign capital arrived, per record with its own rate; `amount_usd_10k` is computed."""

    permission_classes = [permissions.IsAuthenticated, MayEditProjects]
    serializer_class = CapitalArrivalSerializer
    filterset_class = CapitalArrivalFilter
    ordering_fields = ["date", "amount_usd_10k"]

    def get_queryset(self):
        return CapitalArrival.objects.filter(
            project__in=Project.objects.for_user(self.request.user)
        ).order_by("-date", "-id")

    def perform_create(self, serializer):
        v = serializer.validated_data
        serializer.instance = services.capital_arrival_create(
            user=self.request.user,
            project=v["project"],
            date=v["date"],
            amount=v["amount"],
            currency=v["currency"],
            usd_rate=v.get("usd_rate"),
            rate_source=v.get("rate_source", ""),
        )

    @extend_schema(request=ArrivalDeleteInputSerializer, responses={204: None})
    def destroy(self, request, pk=None):
        """Delete an arrival entered in error: `{"reason": "…"}` (or `?reason=`) is required
        and kept in the arrival's history."""
        arrival = self.get_object()
        payload = request.data if request.data else request.query_params
        data = ArrivalDeleteInputSerializer(data=payload)
        data.is_valid(raise_exception=True)
        services.capital_arrival_delete(
            user=request.user, arrival=arrival, reason=data.validated_data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class DomesticArrivalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Domestic capital from outside the province arrived (10k CNY) on domestic projects."""

    permission_classes = [permissions.IsAuthenticated, MayEditProjects]
    serializer_class = DomesticArrivalSerializer
    filterset_class = DomesticArrivalFilter
    ordering_fields = ["date", "amount_cny_10k"]

    def get_queryset(self):
        return DomesticArrival.objects.filter(
            project__in=Project.objects.for_user(self.request.user)
        ).order_by("-date", "-id")

    def perform_create(self, serializer):
        v = serializer.validated_data
        serializer.instance = services.domestic_arrival_create(
            user=self.request.user,
            project=v["project"],
            date=v["date"],
            amount_cny_10k=v["amount_cny_10k"],
            source_province=v["source_province"],
        )

    @extend_schema(request=ArrivalDeleteInputSerializer, responses={204: None})
    def destroy(self, request, pk=None):
        """Delete an arrival entered in error: `{"reason": "…"}` (or `?reason=`) is required
        and kept in the arrival's history."""
        arrival = self.get_object()
        payload = request.data if request.data else request.query_params
        data = ArrivalDeleteInputSerializer(data=payload)
        data.is_valid(raise_exception=True)
        services.domestic_arrival_delete(
            user=request.user, arrival=arrival, reason=data.validated_data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class IsBureauOrReadOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or request.user.is_bureau_or_admin


class ProjectCheckViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The bureau's verifications (核查) of the projects in the caller's scope, newest first
    (`?project=` for one project's). Bureau and administrators record them (`POST`
    `{"project", "checked_on", "result": "confirmed" | "falsified", "finding"}`) and withdraw
    a finding with the reason; a withdrawn finding stays listed and no longer counts."""

    permission_classes = [permissions.IsAuthenticated, IsBureauOrReadOnly]
    serializer_class = ProjectCheckSerializer
    filterset_class = ProjectCheckFilter
    filter_backends = [FilterBackend]

    def get_queryset(self):
        return ProjectCheck.objects.filter(
            project__in=Project.objects.for_user(self.request.user)
        ).select_related("checked_by", "withdrawn_by")

    @extend_schema(request=CheckInputSerializer, responses={201: ProjectCheckSerializer})
    def create(self, request):
        data = CheckInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        check = services.check_record(user=request.user, **data.validated_data)
        return Response(ProjectCheckSerializer(check).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckWithdrawInputSerializer, responses=ProjectCheckSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        check = self.get_object()
        data = CheckWithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check = services.check_withdraw(user=request.user, check=check, **data.validated_data)
        return Response(ProjectCheckSerializer(check).data)


class RegionTargetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Annual targets per region. District staff read their regions'; bureau and admin set
    them (POST upserts on region + year)."""

    serializer_class = RegionTargetSerializer
    permission_classes = [permissions.IsAuthenticated, IsBureauOrReadOnly]
    filterset_fields = ["region", "year"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RegionTarget.objects.none()
        return targets_for_user(self.request.user)

    def perform_create(self, serializer):
        v = dict(serializer.validated_data)
        serializer.instance = services.target_set(
            user=self.request.user, region=v.pop("region"), year=v.pop("year"), **v
        )

    def perform_update(self, serializer):
        v = dict(serializer.validated_data)
        target = serializer.instance
        region = v.pop("region", target.region)
        year = v.pop("year", target.year)
        if (region, year) != (target.region, target.year):
            raise DomainError(_("The region and year of a target cannot change."), field="year")
        serializer.instance = services.target_set(
            user=self.request.user, region=region, year=year, **v
        )
