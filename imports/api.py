"""`/api/v1/imports/`: upload a file for a dry run, apply it in the background, poll its
progress; the template of each kind. Bureau staff and administrators (staff users:
administrators); an import is its owner's alone (anyone else's is a 404)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.parsers import UPLOAD_PARSERS

from .kinds import KINDS
from .models import ImportJob
from .selectors import can_import, can_import_kind, import_jobs_for
from .serializers import (
    ApplyInputSerializer,
    ImportInputSerializer,
    ImportJobSerializer,
    ImportProgressSerializer,
)
from .services import import_apply, import_check
from .tables import template_csv, template_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CanImport(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_import(request.user)


class ImportUploadViewSet(viewsets.GenericViewSet):
    """`POST /api/v1/imports/` a file (multipart `kind`, `file`): the dry run, nothing written —
    every row with its state and errors, each error naming its column in the request's
    language. Then `POST /api/v1/imports/{id}/apply/`."""

    permission_classes = [permissions.IsAuthenticated, CanImport]
    parser_classes = UPLOAD_PARSERS
    serializer_class = ImportJobSerializer

    def get_queryset(self):
        return ImportJob.objects.none()

    @extend_schema(
        request={"multipart/form-data": ImportInputSerializer},
        responses={201: ImportJobSerializer},
    )
    def create(self, request):
        data = ImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = import_check(
            user=request.user,
            kind=data.validated_data["kind"],
            uploaded=data.validated_data["file"],
            language=translation.get_language(),
        )
        return Response(ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)


class ImportJobViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """An import of the caller's (anyone else's is a 404): its rows, status and progress;
    `POST …/apply/` writes it in the background (all rows, or `only_valid`): poll it until
    `status` is `done`. The template of each kind."""

    permission_classes = [permissions.IsAuthenticated, CanImport]
    serializer_class = ImportProgressSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ImportJob.objects.none()
        return import_jobs_for(self.request.user)

    @extend_schema(request=ApplyInputSerializer, responses={202: ImportProgressSerializer})
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        job = self.get_object()
        data = ApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = import_apply(
            user=request.user,
            job=job,
            only_valid=data.validated_data["only_valid"],
            site=request.get_host(),
            use_https=request.is_secure(),
        )
        return Response(ImportProgressSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format", str, enum=["xlsx", "csv"], description="xlsx (default) or csv"
            )
        ],
        responses={
            (200, XLSX): OpenApiTypes.BINARY,
            (200, "text/csv"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="no such kind"),
        },
    )
    @action(detail=False, methods=["get"], url_path="templates/<str:kind>")
    def templates(self, request, kind=None):
        """The kind's template: headers in the request's language, and (xlsx) a sheet of the
        allowed values and a sheet of notes."""
        spec = KINDS.get(kind)
        if spec is None:
            raise Http404
        if not can_import_kind(request.user, kind):
            raise PermissionDenied
        if request.query_params.get("format") == "csv":
            response = HttpResponse(template_csv(spec), content_type="text/csv; charset=utf-8")
            ext = "csv"
        else:
            response = HttpResponse(template_xlsx(spec), content_type=XLSX)
            ext = "xlsx"
        lang = "zh" if (translation.get_language() or "").startswith("zh") else "en"
        response["Content-Disposition"] = f'attachment; filename="{kind}-template-{lang}.{ext}"'
        return response
