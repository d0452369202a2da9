"""`/api/v1/exports/`: background xlsx exports of a filtered list, the caller's own only
(anyone else's is a 404)."""

from django.http import Http404
from django.utils import translation
from drf_spectacular.utils import OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.files import send_file

from .models import ExportJob, ExportStatus
from .serializers import ExportInputSerializer, ExportJobSerializer
from .services import export_job_create


class ExportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's exports of the last EXPORT_KEEP_HOURS. `POST` queues one (202); poll the
    export until `status` is `done`, then fetch `download_url`."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ExportJobSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ExportJob.objects.none()
        return ExportJob.objects.filter(owner=self.request.user)

    @extend_schema(request=ExportInputSerializer, responses={202: ExportJobSerializer})
    def create(self, request):
        data = ExportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = export_job_create(
            user=request.user,
            kind=data.validated_data["kind"],
            query=data.validated_data.get("query", ""),
            language=translation.get_language(),
        )
        return Response(ExportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): (
                OpenApiTypes.BINARY
            ),
            404: OpenApiResponse(description="not the caller's export, or not ready"),
        }
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The finished file (404 until `status` is `done`)."""
        job = self.get_object()
        if job.status != ExportStatus.DONE or not job.file:
            raise Http404
        return send_file(
            job.file,
            as_attachment=True,
            filename=job.filename,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
