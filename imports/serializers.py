from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api import StrictInputMixin

from .models import ImportJob, ImportKind


class ImportInputSerializer(StrictInputMixin, serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices, help_text=_("What the file holds."))
    file = serializers.FileField(help_text=_("An xlsx or csv file, the kind's template filled in."))


class ApplyInputSerializer(StrictInputMixin, serializers.Serializer):
    only_valid = serializers.BooleanField(
        required=False, default=False, help_text=_("Import only the rows without errors.")
    )


class RowErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text=_("The column's field name (empty: the whole row)."))
    column = serializers.CharField(help_text=_("The column's header, in the request's language."))
    message = serializers.CharField()


class RowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text=_("The row's number in the file (the header is 1)."))
    state = serializers.ChoiceField(choices=["new", "exists", "invalid", "written", "failed"])
    errors = RowErrorSerializer(many=True)


class ImportJobSerializer(serializers.ModelSerializer):
    rows = RowSerializer(many=True, read_only=True)
    progress = serializers.IntegerField(read_only=True, help_text=_("Percent of the rows written."))

    class Meta:
        model = ImportJob
        fields = [
            "id", "kind", "filename", "status", "valid", "invalid", "unchanged",
            "services_checked", "only_valid", "rows_total", "rows_done", "written", "failed",
            "progress", "created_at", "applied_at", "finished_at", "rows",
        ]  # fmt: skip
        read_only_fields = fields


class ImportProgressSerializer(serializers.ModelSerializer):
    """An import's status and progress, for polling: without its rows (a file may have tens
    of thousands), but with the rows the apply could not write (`failures`)."""

    progress = serializers.IntegerField(read_only=True, help_text=_("Percent of the rows written."))
    failures = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id", "kind", "filename", "status", "valid", "invalid", "unchanged", "only_valid",
            "rows_total", "rows_done", "written", "failed", "progress", "created_at",
            "applied_at", "finished_at", "failures",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(RowSerializer(many=True))
    def get_failures(self, job):
        return RowSerializer([r for r in job.rows if r["state"] == "failed"], many=True).data
