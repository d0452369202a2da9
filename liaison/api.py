"""`/api/v1/liaison-units/` (+ `suggestions/?project=`) and `/api/v1/assignments/`
(+ `/{id}/cadence/`). Scope comes from liaison.selectors; out of scope is 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from projects.models import Project

from . import hooks, selectors, services
from .serializers import (
    AssignmentInputSerializer,
    AssignmentOutputSerializer,
    CadenceInputSerializer,
    SuggestionQuerySerializer,
    SuggestionSerializer,
    UnitSerializer,
)


class LiaisonUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Liaison units: every staff role reads them all; a unit's staff see their own."""

    serializer_class = UnitSerializer

    def get_queryset(self):
        return selectors.units_for(self.request.user)

    @extend_schema(
        parameters=[SuggestionQuerySerializer],
        filters=False,
        responses=SuggestionSerializer(many=True),
    )
    @action(detail=False, pagination_class=None)
    def suggestions(self, request):
        """Active units ranked for a project (bureau and admin, who assign): industry fit,
        current enterprises and open cases, with the score and each factor."""
        if not request.user.is_bureau_or_admin:
            raise PermissionDenied()
        query = SuggestionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        project = Project.objects.for_user(request.user).filter(pk=query.validated_data["project"])
        if not project.exists():
            raise NotFound()
        rows = selectors.unit_suggestions(project.get(), open_cases=hooks.open_case_counts())
        return Response(SuggestionSerializer(rows, many=True).data)


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Assignments, the ended and voided ones too: bureau, admin and the office see all,
    district staff their regions' projects', a unit its own. `POST` (bureau, admin) assigns a
    unit and person; on a project with one in force it reassigns, keeping the old one."""

    serializer_class = AssignmentOutputSerializer
    filterset_fields = ["project", "unit"]

    def get_queryset(self):
        return selectors.assignments_for(self.request.user).order_by("-start_date", "-id")

    @extend_schema(request=AssignmentInputSerializer, responses={201: AssignmentOutputSerializer})
    def create(self, request):
        if not request.user.is_bureau_or_admin:
            raise PermissionDenied()
        data = AssignmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.liaison_assign(user=request.user, **data.validated_data)
        return Response(AssignmentOutputSerializer(assignment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CadenceInputSerializer, responses=AssignmentOutputSerializer)
    @action(detail=True, methods=["post"])
    def cadence(self, request, pk=None):
        """Change the visit cadence (days) of an assignment in force (bureau, admin, the
        unit)."""
        assignment = self.get_object()
        user = request.user
        if not (user.is_bureau_or_admin or user.liaison_unit_id == assignment.unit_id):
            raise PermissionDenied()
        data = CadenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.assignment_set_cadence(
            user=user, assignment=assignment, days=data.validated_data["visit_cadence_days"]
        )
        return Response(AssignmentOutputSerializer(assignment).data)
