from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from config.api import RateField, StrictInputMixin
from reference.models import Region

from .calculations import parse_period
from .models import (
    METRICS,
    OPENING_METRICS,
    LineResolution,
    MonthlyReport,
    OpeningFigure,
    ProvinceReportSend,
    Reconciliation,
    ReconciliationLine,
    ReconciliationSource,
    StatsRun,
    StatsSnapshot,
)


class PeriodField(serializers.CharField):
    """'YYYY-MM' ↔ (year, month)."""

    def to_internal_value(self, data):
        try:
            return parse_period(super().to_internal_value(data))
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc


class RunInputSerializer(StrictInputMixin, serializers.Serializer):
    period = PeriodField()
    revision_reason = serializers.CharField(required=False, allow_blank=True, default="")


class RunOutputSerializer(serializers.ModelSerializer):
    period = serializers.CharField(read_only=True)
    snapshot = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = StatsRun
        fields = [
            "id",
            "period",
            "status",
            "progress",
            "message",
            "revision_reason",
            "snapshot",
            "created_at",
            "started_at",
            "finished_at",
        ]


class SnapshotSerializer(serializers.ModelSerializer):
    period = serializers.CharField(read_only=True)

    class Meta:
        model = StatsSnapshot
        fields = [
            "id",
            "period",
            "version",
            "status",
            "computed_at",
            "published_at",
            "revision_reason",
            "compared_with",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        access = self.context.get("access")
        if access is None or not access.reads_revisions:
            data.pop("revision_reason", None)
        return data


class FdiQuerySerializer(serializers.Serializer):
    period = PeriodField(required=False)
    scope = serializers.CharField(required=False, default="city")


class BulletinQuerySerializer(serializers.Serializer):
    period = PeriodField(required=False)
    lang = serializers.ChoiceField(choices=["zh-hans", "en"], required=False, default="zh-hans")


class BulletinFileQuerySerializer(BulletinQuerySerializer):
    file = serializers.ChoiceField(choices=["pdf", "xlsx"])


def bulletin_payload(snapshot, bulletin, stale: list[str], urls: dict) -> dict:
    """The bulletin in one language: its parts as printed (the date also ISO), the whole
    document as `text`, the stale reference figures it leaves out (`stale`, for staff) and the
    addresses of its files."""
    return {
        "period": snapshot.period,
        "version": snapshot.version,
        "status": snapshot.status,
        "lang": bulletin.lang,
        "title": bulletin.title,
        "paragraphs": bulletin.paragraphs,
        "notes": bulletin.notes,
        "issuer": bulletin.issuer,
        "date": bulletin.date.isoformat(),
        "date_text": bulletin.date_text,
        "text": bulletin.text,
        "stale": stale,
        "files": urls,
    }


def figure_payload(figure, label: str) -> dict:
    """One scope's figures: each metric per span with its growth; amounts as strings."""

    def out(value):
        return value if isinstance(value, int) else (None if value is None else str(value))

    metrics = {}
    for metric in METRICS:
        yoy = figure.yoy_pct(metric)
        metrics[metric] = {
            "month": out(figure.value(metric, "month")),
            "ytd": out(figure.value(metric, "ytd")),
            "ytd_last_year": out(figure.value(metric, "ytd_last_year")),
            "yoy_pct": None if yoy is None else str(yoy),
            "cumulative": out(figure.value(metric, "cumulative")),
        }
    return {
        "scope": {"type": figure.scope_type, "key": figure.scope_key, "label": label},
        "metrics": metrics,
        "promotion_spending_cny_10k": {
            "ytd": out(figure.promotion_spending_cny_10k_ytd),
            "ytd_last_year": out(figure.promotion_spending_cny_10k_ytd_last_year),
        },
        "input_output_ratio": out(figure.input_output_ratio),
    }


class MonthlyReportSerializer(serializers.ModelSerializer):
    recorded_by = serializers.StringRelatedField()
    withdrawn_by = serializers.StringRelatedField()
    due = serializers.DateField(read_only=True)
    on_time = serializers.BooleanField(read_only=True)

    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "region",
            "year",
            "month",
            "summary",
            "problems",
            "filed_on",
            "channel",
            "receipt_note",
            "due",
            "on_time",
            "recorded_by",
            "recorded_at",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
        ]
        read_only_fields = fields


class MonthlyReportInputSerializer(StrictInputMixin, serializers.Serializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    summary = serializers.CharField(max_length=10000)
    problems = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    filed_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The day the report arrived (bureau and administrators only; district staff "
        "file today).",
    )
    receipt_note = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="How a received report arrived; required when the due day has passed and it "
        "is recorded as arrived by it.",
    )


class ReportWithdrawInputSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class ProvinceSentInputSerializer(StrictInputMixin, serializers.Serializer):
    language = serializers.ChoiceField(choices=["zh-hans", "en"])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ProvinceSendSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="snapshot.version")
    sent_by = serializers.CharField(source="sent_by.username")

    class Meta:
        model = ProvinceReportSend
        fields = ["id", "snapshot", "version", "language", "sent_at", "sent_by", "note"]


class ProvinceLineSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    month = serializers.DecimalField(max_digits=16, decimal_places=2)
    month_last_year = serializers.DecimalField(max_digits=16, decimal_places=2)
    month_pct = serializers.DecimalField(max_digits=10, decimal_places=1, allow_null=True)
    ytd = serializers.DecimalField(max_digits=16, decimal_places=2)
    ytd_last_year = serializers.DecimalField(max_digits=16, decimal_places=2)
    ytd_pct = serializers.DecimalField(max_digits=10, decimal_places=1, allow_null=True)


class ProvinceTablesSerializer(serializers.Serializer):
    """`tables`: the city ('') and each region (its id) with its lines; `sent`: the log."""

    period = serializers.CharField()
    version = serializers.IntegerField()
    tables = serializers.SerializerMethodField()
    sent = serializers.SerializerMethodField()

    @extend_schema_field(
        inline_serializer(
            "ProvinceTable",
            {
                "scope_key": serializers.CharField(),
                "title": serializers.CharField(),
                "lines": ProvinceLineSerializer(many=True),
            },
            many=True,
        )
    )
    def get_tables(self, snapshot):
        from .calculations import yoy_pct
        from .province import tables

        result = []
        for table in tables(snapshot):
            figures = {
                f.indicator: f for f in snapshot.province_figures.filter(scope_key=table.scope_key)
            }
            lines = [
                {
                    "indicator": f.indicator,
                    "month": f.month,
                    "month_last_year": f.month_last_year,
                    "month_pct": yoy_pct(f.month, f.month_last_year),
                    "ytd": f.ytd,
                    "ytd_last_year": f.ytd_last_year,
                    "ytd_pct": yoy_pct(f.ytd, f.ytd_last_year),
                }
                for f in (figures[line.indicator] for line in table.lines)
            ]
            result.append(
                {
                    "scope_key": table.scope_key,
                    "title": table.title,
                    "lines": ProvinceLineSerializer(lines, many=True).data,
                }
            )
        return result

    @extend_schema_field(ProvinceSendSerializer(many=True))
    def get_sent(self, snapshot):
        sends = ProvinceReportSend.objects.filter(
            snapshot__year=snapshot.year, snapshot__month=snapshot.month
        ).select_related("snapshot", "sent_by")
        return ProvinceSendSerializer(sends, many=True).data


class ReconciliationLineSerializer(serializers.ModelSerializer):
    resolved_by = serializers.CharField(
        source="resolved_by.username", allow_null=True, default=None
    )

    class Meta:
        model = ReconciliationLine
        fields = [
            "id",
            "kind",
            "row_number",
            "enterprise_name",
            "credit_code",
            "amount",
            "currency",
            "date",
            "arrival",
            "portal_amount",
            "portal_currency",
            "portal_date",
            "portal_project",
            "resolution",
            "resolution_note",
            "resolved_at",
            "resolved_by",
        ]
        read_only_fields = fields


class ReconciliationSerializer(serializers.ModelSerializer):
    period = serializers.CharField(read_only=True)
    imported_by = serializers.CharField(source="imported_by.username")
    reviewed_by = serializers.CharField(
        source="reviewed_by.username", allow_null=True, default=None
    )
    lines = ReconciliationLineSerializer(many=True, read_only=True)

    class Meta:
        model = Reconciliation
        fields = [
            "id",
            "period",
            "source",
            "file_name",
            "status",
            "imported_at",
            "imported_by",
            "reviewed_at",
            "reviewed_by",
            "lines",
        ]
        read_only_fields = fields


class ReconciliationImportSerializer(StrictInputMixin, serializers.Serializer):
    """Multipart: `period` (YYYY-MM), `source` (`commerce` or `safe`), `file` (xlsx or CSV)."""

    period = PeriodField()
    source = serializers.ChoiceField(choices=ReconciliationSource.choices)
    file = serializers.FileField()


class LineResolveInputSerializer(StrictInputMixin, serializers.Serializer):
    resolution = serializers.ChoiceField(choices=LineResolution.choices)
    note = serializers.CharField(max_length=2000)
    project = serializers.IntegerField(required=False, min_value=1)
    usd_rate = RateField(required=False)


class OpeningFigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = OpeningFigure
        fields = [
            "id",
            "year",
            "month",
            "region",
            *(f"{m}_{span}" for m in OPENING_METRICS for span in ("month", "ytd")),
            "source",
            "updated_at",
        ]
        read_only_fields = fields


class OpeningFigureInputSerializer(StrictInputMixin, serializers.Serializer):
    """One month's opening figures; `region` null for the whole city. The same month and
    scope posted again corrects the row."""

    year = serializers.IntegerField(min_value=1990, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), allow_null=True, required=False, default=None
    )
    new_fie_count_month = serializers.IntegerField(min_value=0, max_value=10**6)
    new_fie_count_ytd = serializers.IntegerField(min_value=0, max_value=10**6)
    total_investment_cny_10k_month = serializers.DecimalField(16, 2, min_value=0)
    total_investment_cny_10k_ytd = serializers.DecimalField(16, 2, min_value=0)
    contracted_fdi_usd_10k_month = serializers.DecimalField(16, 2, min_value=0)
    contracted_fdi_usd_10k_ytd = serializers.DecimalField(16, 2, min_value=0)
    utilized_fdi_usd_10k_month = serializers.DecimalField(16, 2, min_value=0)
    utilized_fdi_usd_10k_ytd = serializers.DecimalField(16, 2, min_value=0)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class OpeningImportInputSerializer(StrictInputMixin, serializers.Serializer):
    file = serializers.FileField()
    dry_run = serializers.BooleanField(required=False, default=False)
