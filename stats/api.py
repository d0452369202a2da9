"""`/api/v1/stats/`: runs, FDI figures, the bulletin, snapshots (publish)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    OpenApiTypes,
    extend_schema,
    inline_serializer,
)
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Role
from config.api import NoInput
from config.filters import FilterBackend
from config.parsers import UPLOAD_PARSERS

from . import bulletin_files, services
from .bulletin import build_bulletin, stale_references
from .models import MonthlyReport, OpeningFigure, Reconciliation, StatsRun, StatsSnapshot
from .opening import opening_import
from .selectors import ScopeLabels, StatsAccess, parse_scope, report_regions
from .serializers import (
    BulletinFileQuerySerializer,
    BulletinQuerySerializer,
    FdiQuerySerializer,
    LineResolveInputSerializer,
    MonthlyReportInputSerializer,
    MonthlyReportSerializer,
    OpeningFigureInputSerializer,
    OpeningFigureSerializer,
    OpeningImportInputSerializer,
    ProvinceSendSerializer,
    ProvinceSentInputSerializer,
    ProvinceTablesSerializer,
    ReconciliationImportSerializer,
    ReconciliationLineSerializer,
    ReconciliationSerializer,
    ReportWithdrawInputSerializer,
    RunInputSerializer,
    RunOutputSerializer,
    SnapshotSerializer,
    bulletin_payload,
    figure_payload,
)


class StatsRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Computation runs. `POST {"period": "YYYY-MM"}` queues one (bureau/admin); a published
    period needs `revision_reason`. Poll `GET …/{id}/` for `status` and `progress`."""

    serializer_class = RunOutputSerializer
    queryset = StatsRun.objects.all()

    def get_queryset(self):
        if not StatsAccess(self.request.user).reads_runs:
            return StatsRun.objects.none()
        return StatsRun.objects.all()

    @extend_schema(request=RunInputSerializer, responses={202: RunOutputSerializer})
    def create(self, request):
        data = RunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        year, month = data.validated_data["period"]
        run = services.stats_run_request(
            user=request.user,
            year=year,
            month=month,
            revision_reason=data.validated_data["revision_reason"],
        )
        run.refresh_from_db()
        return Response(RunOutputSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class StatsSnapshotViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Computed snapshots, every version. `POST …/{id}/publish/` freezes a draft."""

    serializer_class = SnapshotSerializer
    queryset = StatsSnapshot.objects.all()
    filterset_fields = ["year", "month", "status"]

    def get_queryset(self):
        return StatsAccess(self.request.user).snapshots()

    def get_serializer_context(self):
        return super().get_serializer_context() | {"access": StatsAccess(self.request.user)}

    @extend_schema(request=None, responses=SnapshotSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        NoInput(data=request.data).is_valid(raise_exception=True)
        snapshot = services.stats_snapshot_publish(user=request.user, snapshot=self.get_object())
        return Response(SnapshotSerializer(snapshot, context=self.get_serializer_context()).data)

    def _province_snapshot(self):
        """Only the whole city's readers see the province tables; 404 for the others."""
        if not StatsAccess(self.request.user).reads_all:
            raise NotFound
        return self.get_object()

    @extend_schema(responses=ProvinceTablesSerializer)
    @action(detail=True, methods=["get"], url_path="province-tables", pagination_class=None)
    def province_tables(self, request, pk=None):
        """The province's monthly tables of a published version (400 for a draft): every
        table's indicators with the month, the same month last year, the year to date, the
        same span last year and both growths; and the log of the versions sent."""
        snapshot = self._province_snapshot()
        return Response(ProvinceTablesSerializer(snapshot).data)

    @extend_schema(request=ProvinceSentInputSerializer, responses={201: ProvinceSendSerializer})
    @action(detail=True, methods=["post"], url_path="province-sent")
    def province_sent(self, request, pk=None):
        """Record that this version's tables went to the province (bureau and admin):
        `{"language": "zh-hans"|"en", "note": "…"}`."""
        snapshot = self._province_snapshot()
        if not request.user.is_bureau_or_admin:
            raise PermissionDenied
        data = ProvinceSentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        send = services.province_report_mark_sent(
            user=request.user, snapshot=snapshot, **data.validated_data
        )
        return Response(ProvinceSendSerializer(send).data, status=status.HTTP_201_CREATED)


class ReconciliationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reconciliations of a month's arrivals with the commerce system's or the foreign
    exchange bureau's list (the whole city's readers; others 404). `POST …/import/`
    (multipart: `period`, `source`, `file`) imports and matches a list (bureau and admin);
    `POST …/{id}/lines/{oid}/resolve/` resolves a difference; `POST …/{id}/review/` marks it
    reviewed once every difference is resolved."""

    serializer_class = ReconciliationSerializer
    queryset = Reconciliation.objects.none()
    filterset_fields = ["year", "month", "source", "status"]

    def get_queryset(self):
        if (
            getattr(self, "swagger_fake_view", False)
            or not StatsAccess(self.request.user).reads_all
        ):
            return Reconciliation.objects.none()
        return Reconciliation.objects.select_related("imported_by", "reviewed_by").prefetch_related(
            "lines__resolved_by"
        )

    @extend_schema(
        request={"multipart/form-data": ReconciliationImportSerializer},
        responses={
            201: ReconciliationSerializer,
            404: OpenApiResponse(description="not one of the whole city's readers"),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=UPLOAD_PARSERS,
    )
    def import_list(self, request):
        """Multipart `period` (YYYY-MM), `source` (`commerce`, `safe`) and `file` (xlsx or
        CSV): import the list and match it (bureau and admin)."""
        if not StatsAccess(request.user).reads_all:
            raise NotFound
        if not request.user.is_bureau_or_admin:
            raise PermissionDenied
        data = ReconciliationImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        year, month = data.validated_data["period"]
        upload = data.validated_data["file"]
        rec = services.reconciliation_import(
            user=request.user,
            year=year,
            month=month,
            source=data.validated_data["source"],
            file_name=upload.name,
            content=upload.read(),
        )
        return Response(ReconciliationSerializer(rec).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=LineResolveInputSerializer,
        responses=ReconciliationLineSerializer,
        parameters=[OpenApiParameter("oid", int, OpenApiParameter.PATH, description="line")],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="lines/<id:oid>/resolve",
        url_name="line-resolve",
    )
    def resolve(self, request, pk=None, oid=None):
        """`{"resolution": "corrected"|"explained", "note": "…", "project": id, "usd_rate":
        "…"}`: corrected changes the records through the arrivals' services (a row only in the
        list is recorded on `project`); explained keeps them, the note says why."""
        rec = self.get_object()
        if not request.user.is_bureau_or_admin:
            raise PermissionDenied
        data = LineResolveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        line = rec.lines.filter(pk=oid).first()
        if line is None:
            raise NotFound
        values = dict(data.validated_data)
        project_id = values.pop("project", None)
        if project_id is not None:
            from projects.models import Project

            values["project"] = (
                Project.objects.editable_by(request.user).filter(pk=project_id).first()
            )
            if values["project"] is None:
                raise ValidationError({"project": [_("Unknown project.")]})
        line = services.reconciliation_line_resolve(user=request.user, line=line, **values)
        return Response(ReconciliationLineSerializer(line).data)

    @extend_schema(request=None, responses=ReconciliationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        NoInput(data=request.data).is_valid(raise_exception=True)
        rec = self.get_object()
        if not request.user.is_bureau_or_admin:
            raise PermissionDenied
        rec = services.reconciliation_review(user=request.user, reconciliation=rec)
        return Response(ReconciliationSerializer(rec).data)


PERIOD_HELP = (
    "YYYY-MM; without it, the latest published period (else the newest draft the caller may read)."
)


def _period_or_default(user, query, scope) -> tuple[int, int]:
    if "period" in query.validated_data:
        return query.validated_data["period"]
    default = StatsAccess(user).default_period(scope)
    return default.year, default.month


def _snapshot_or_404(user, year, month, scope):
    """The snapshot the user may read for the period and scope; 404 otherwise (a draft
    outside the user's scope is not there for them)."""
    snapshot = StatsAccess(user).snapshot_for(year, month, scope)
    if snapshot is None:
        raise NotFound(_("This period has not been computed yet: POST /api/v1/stats/runs/."))
    return snapshot


FDI_RESPONSE = inline_serializer(
    "FdiFigures",
    {
        "period": serializers.CharField(),
        "snapshot": SnapshotSerializer(),
        "scope": serializers.DictField(),
        "metrics": serializers.DictField(),
        "promotion_spending_cny_10k": serializers.DictField(),
        "input_output_ratio": serializers.CharField(allow_null=True),
    },
)


class FdiApi(APIView):
    """FDI figures of a period for one scope: `scope=city` (default), a region id, an industry
    section letter, a source group (`foreign`, `hmt`), or `type:key` (`country:DE`,
    `three_industry:primary`, `enterprise_type:wfoe`). The published version if there is one,
    else the draft."""

    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, description=PERIOD_HELP),
            OpenApiParameter("scope", OpenApiTypes.STR),
        ],
        responses=FDI_RESPONSE,
    )
    def get(self, request):
        query = FdiQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            scope_type, key = parse_scope(query.validated_data["scope"])
        except ValueError:
            raise ValidationError({"scope": [_("Unknown scope.")]}) from None
        year, month = _period_or_default(request.user, query, (scope_type, key))
        snapshot = _snapshot_or_404(request.user, year, month, (scope_type, key))
        figure = snapshot.figures.filter(scope_type=scope_type, scope_key=key).first()
        if figure is None:
            raise NotFound(_("No figures for this scope in this period."))
        context = {"access": StatsAccess(request.user)}
        body = {
            "period": snapshot.period,
            "snapshot": SnapshotSerializer(snapshot, context=context).data,
        }
        body |= figure_payload(figure, ScopeLabels()(scope_type, key))
        return Response(body)


class BulletinApi(APIView):
    """The bulletin of a period in Chinese (`lang=zh-hans`, default) or English: title,
    paragraphs, notes, issuer and date, the whole `text`, the `stale` reference figures it
    leaves out (a warning for staff, never part of the text) and its `files` (PDF, xlsx)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, description=PERIOD_HELP),
            OpenApiParameter("lang", OpenApiTypes.STR, enum=["zh-hans", "en"]),
        ],
        responses=inline_serializer(
            "Bulletin",
            {
                "period": serializers.CharField(),
                "version": serializers.IntegerField(),
                "status": serializers.CharField(),
                "lang": serializers.CharField(),
                "title": serializers.CharField(),
                "paragraphs": serializers.ListField(child=serializers.CharField()),
                "notes": serializers.ListField(child=serializers.CharField()),
                "issuer": serializers.CharField(),
                "date": serializers.DateField(),
                "date_text": serializers.CharField(),
                "text": serializers.CharField(),
                "stale": serializers.ListField(child=serializers.CharField()),
                "files": serializers.DictField(child=serializers.URLField()),
            },
        ),
    )
    def get(self, request):
        query = BulletinQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year, month = _period_or_default(request.user, query, ("city", ""))
        snapshot = _snapshot_or_404(request.user, year, month, ("city", ""))
        lang = query.validated_data["lang"]
        base = request.build_absolute_uri(reverse("api-stats-bulletin-file"))
        urls = {
            fmt: f"{base}?{urlencode({'period': snapshot.period, 'lang': lang, 'file': fmt})}"
            for fmt in ("pdf", "xlsx")
        }
        with translation.override(lang):
            stale = [s.message(snapshot) for s in stale_references(snapshot)]
            bulletin = build_bulletin(snapshot, lang)
            return Response(bulletin_payload(snapshot, bulletin, stale, urls))


class BulletinFileApi(APIView):
    """The bulletin of a period as a file: `file=pdf` or `file=xlsx`, in `lang`."""

    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, description=PERIOD_HELP),
            OpenApiParameter("lang", OpenApiTypes.STR, enum=["zh-hans", "en"]),
            OpenApiParameter("file", OpenApiTypes.STR, enum=["pdf", "xlsx"], required=True),
        ],
        responses={
            (200, bulletin_files.PDF): OpenApiTypes.BINARY,
            (200, bulletin_files.XLSX): OpenApiTypes.BINARY,
        },
    )
    def get(self, request):
        query = BulletinFileQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year, month = _period_or_default(request.user, query, ("city", ""))
        snapshot = _snapshot_or_404(request.user, year, month, ("city", ""))
        lang, fmt = query.validated_data["lang"], query.validated_data["file"]
        return bulletin_files.download(snapshot, lang, fmt)


class FilesReports(permissions.BasePermission):
    """Reading: whoever reads some region's reports (the scope answers the rest). Filing:
    district staff, bureau staff and administrators."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        return user.is_bureau_or_admin or user.role == Role.DISTRICT


class MonthlyReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Regions' monthly reports (`?year=`, `?month=`, `?region=`): every region's for those
    who see the whole city, their own regions' for district staff, 403 for liaison staff.
    `POST` files one: district staff for their regions (filed today), bureau staff or an
    administrator record one that arrived otherwise with `filed_on`. Filed once; `due` and
    `on_time` follow MONTHLY_REPORT_DUE_DAY."""

    permission_classes = [permissions.IsAuthenticated, FilesReports]
    serializer_class = MonthlyReportSerializer
    filter_backends = [FilterBackend]
    filterset_fields = ["year", "month", "region"]

    queryset = MonthlyReport.objects.none()  # the schema's model; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            MonthlyReport.objects.filter(region__in=report_regions(self.request.user))
            .select_related("recorded_by", "withdrawn_by")
            .order_by("-year", "-month", "region__sort_order", "pk")
        )

    @extend_schema(request=MonthlyReportInputSerializer, responses={201: MonthlyReportSerializer})
    def create(self, request):
        data = MonthlyReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.monthly_report_file(user=request.user, **data.validated_data)
        return Response(MonthlyReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReportWithdrawInputSerializer, responses=MonthlyReportSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a report filed in error, with the reason (bureau and administrators): it
        stays listed with `withdrawn_at` and no longer counts; the month can be filed again."""
        report = self.get_object()
        if not request.user.is_bureau_or_admin:
            raise PermissionDenied
        data = ReportWithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.monthly_report_withdraw(
            user=request.user, report=report, reason=data.validated_data["reason"]
        )
        return Response(MonthlyReportSerializer(report).data)


class ManagesOpeningFigures(permissions.BasePermission):
    """The bureau and administrators read and write the opening figures."""

    def has_permission(self, request, view):
        return request.user.is_bureau_or_admin


class OpeningFigureViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The figures the city published before the portal (`?year=`, `?month=`, `?region=`),
    bureau and administrators only. `POST` enters a month for the city (`region` null) or a
    region, or corrects it; `POST import/` reads an xlsx or csv file (multipart `file`,
    `dry_run`) checked whole: any row in error writes nothing. The engine uses them only as
    the comparison base where the records do not reach back (docs/statistics.md)."""

    permission_classes = [permissions.IsAuthenticated, ManagesOpeningFigures]
    serializer_class = OpeningFigureSerializer
    filter_backends = [FilterBackend]
    filterset_fields = ["year", "month", "region"]
    queryset = OpeningFigure.objects.order_by("-year", "-month", "region_id", "pk")

    @extend_schema(request=OpeningFigureInputSerializer, responses={201: OpeningFigureSerializer})
    def create(self, request):
        data = OpeningFigureInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        head = {k: values.pop(k) for k in ("year", "month", "region", "source")}
        figure = services.opening_figure_save(user=request.user, values=values, **head)
        return Response(OpeningFigureSerializer(figure).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=NoInput, responses={204: None})
    def destroy(self, request, pk=None):
        NoInput(data=request.data).is_valid(raise_exception=True)
        services.opening_figure_delete(user=request.user, figure=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=OpeningImportInputSerializer,
        responses=inline_serializer(
            "OpeningImportResult",
            {
                "valid": serializers.IntegerField(),
                "invalid": serializers.IntegerField(),
                "written": serializers.IntegerField(),
                "rows": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=UPLOAD_PARSERS,
        filter_backends=[],
        pagination_class=None,
    )
    def import_file(self, request):
        data = OpeningImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = opening_import(
            user=request.user,
            uploaded=data.validated_data["file"],
            dry_run=data.validated_data["dry_run"],
        )
        return Response(result, status=status.HTTP_200_OK if not result["invalid"] else 400)
