"""`GET /api/v1/forecast/?year=&scope=`: the newest stored forecast of a year for one scope."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from .selectors import (
    check_scope,
    driver_names,
    latest_run,
    parse_scope,
    scope_results,
)
from .serializers import ForecastQuerySerializer, ForecastSerializer


class ForecastApi(APIView):
    """The year-end forecast of `year` (default: the newest computed) for `scope`: `city`
    (default) or `region:<id>` (a region's own projects). Each measure (negotiated, approved,
    started, utilized) with its figure to date, expected year-end, 10th/50th/90th percentiles,
    target, probability of meeting it and outlook (`on_track`, `at_risk`, `off_track`,
    `no_target`), and the projects that move it most; then the backtest of the year before
    (the forecast as of each month-end beside what came true). District staff read their
    regions only."""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("scope", OpenApiTypes.STR),
        ],
        responses=ForecastSerializer,
    )
    def get(self, request):
        query = ForecastQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            region_id = parse_scope(query.validated_data["scope"])
        except ValueError:
            raise ValidationError({"scope": [_("Unknown scope.")]}) from None
        check_scope(request.user, region_id)
        run = latest_run(query.validated_data.get("year"))
        if run is None:
            raise NotFound(_("No forecast has been computed for this year yet."))
        results = scope_results(run, region_id)
        names = driver_names(request.user, results["forecast"])
        forecast = []
        for r in results["forecast"]:
            drivers = [
                {**d, "name": names[d["project"]].name if d["project"] in names else None}
                for d in r.drivers
                if d["project"] in names
            ]
            forecast.append({**_fields(r), "outlook": r.outlook, "drivers": drivers})
        body = {
            "year": run.year,
            "as_of": run.as_of,
            "scope": query.validated_data["scope"],
            "computed_at": run.finished_at,
            "forecast": forecast,
            "backtest_year": run.backtest_year,
            "backtest": [
                {
                    "as_of": r.as_of,
                    "measure": r.measure,
                    "expected": r.expected,
                    "p10": r.p10,
                    "p90": r.p90,
                    "actual": r.actual,
                    "error": r.error,
                    "within_range": r.within_range,
                }
                for r in results["backtest"]
            ],
        }
        return Response(ForecastSerializer(body).data)


def _fields(r):
    keys = ("measure", "to_date", "expected", "p10", "p50", "p90", "target", "prob_meet")
    return {k: getattr(r, k) for k in keys}
