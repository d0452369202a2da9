"""`/api/v1/opportunities/`: the opportunities seeking investment. Every staff role reads them
(all statuses, with filters); bureau staff and administrators create and change them, and move
them along the workflow by sending `status`. Thin: parse, call `website.services`, answer."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.response import Response

from .models import Opportunity, OpportunityStatus
from .selectors import SIZE_BANDS, staff_opportunities
from .serializers import OpportunityInputSerializer, OpportunityOutputSerializer
from .services import can_edit_site, opportunity_move, opportunity_save


class OpportunityFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=OpportunityStatus.choices)
    sector = filters.CharFilter(field_name="sector__code", lookup_expr="iexact")
    zone = filters.NumberFilter(field_name="zone_id")
    min_investment = filters.NumberFilter(field_name="investment_cny_10k", lookup_expr="gte")
    max_investment = filters.NumberFilter(field_name="investment_cny_10k", lookup_expr="lte")
    size = filters.ChoiceFilter(
        choices=[(k, k) for k in SIZE_BANDS], method="filter_size", label="size band"
    )
    valid_on = filters.DateFilter(field_name="valid_until", lookup_expr="gte")

    class Meta:
        model = Opportunity
        fields = []

    def filter_size(self, qs, name, value):
        low, high = SIZE_BANDS[value]
        qs = qs.filter(investment_cny_10k__gte=low)
        return qs.filter(investment_cny_10k__lt=high) if high is not None else qs


class MayEditSite(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or can_edit_site(request.user)


class OpportunityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated, MayEditSite]
    serializer_class = OpportunityOutputSerializer
    filterset_class = OpportunityFilter
    filter_backends = [filters.DjangoFilterBackend]

    def get_queryset(self):
        return staff_opportunities()

    def _respond(self, opp, code=status.HTTP_200_OK):
        return Response(self.serializer_class(self.get_queryset().get(pk=opp.pk)).data, code)

    def _write(self, opp: Opportunity, request, partial: bool):
        data = OpportunityInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        to = values.pop("status", None)
        for field, value in values.items():
            setattr(opp, field, "" if value is None and field != "industry_page" else value)
        opp = opportunity_save(user=request.user, opp=opp)
        if to and to != opp.status:
            opp = opportunity_move(user=request.user, opp=opp, to=to)
        return opp

    @extend_schema(request=OpportunityInputSerializer, responses=OpportunityOutputSerializer)
    def create(self, request):
        opp = self._write(Opportunity(), request, partial=False)
        return self._respond(opp, status.HTTP_201_CREATED)

    @extend_schema(request=OpportunityInputSerializer, responses=OpportunityOutputSerializer)
    def update(self, request, pk=None, partial=False):
        opp = self._write(self.get_object(), request, partial=partial)
        return self._respond(opp)

    @extend_schema(request=OpportunityInputSerializer, responses=OpportunityOutputSerializer)
    def partial_update(self, request, pk=None):
        return self.update(request, pk=pk, partial=True)
