from django.urls import reverse
from rest_framework import serializers

from config.api import StrictInputMixin

from .models import ExportJob, ExportKind


class ExportInputSerializer(StrictInputMixin, serializers.Serializer):
    kind = serializers.ChoiceField(choices=ExportKind.choices)
    query = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="The list's filters as a query string, e.g. `stage=contract&q=新材料` "
        "(the filters of GET /api/v1/projects/ or /api/v1/investors/).",
    )


class ExportJobSerializer(serializers.ModelSerializer):
    progress = serializers.IntegerField(read_only=True, help_text="percent of the rows written")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "kind",
            "query",
            "language",
            "status",
            "rows_total",
            "rows_done",
            "progress",
            "created_at",
            "finished_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, job) -> str | None:
        if job.status != "done":
            return None
        return reverse("export-download", kwargs={"pk": job.pk})
