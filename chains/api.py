"""`/api/v1/chains/` (+ `/{id}/map/`), `/api/v1/chain-links/` (+ `/{id}/gap/`,
`/{id}/projects/`) and `/api/v1/chain-targets/` (+ `/{id}/move/`). Every staff role reads;
the bureau, administrators and the chain's industry office write (others 403)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from projects.models import Project

from . import selectors, services
from .filters import TargetCompanyFilter
from .models import TargetCompany
from .serializers import (
    ChainMapSerializer,
    ChainSerializer,
    GapInputSerializer,
    LinkProjectInputSerializer,
    LinkSerializer,
    OutreachMoveInputSerializer,
    OutreachStepSerializer,
    TargetCompanyInputSerializer,
    TargetCompanySerializer,
)


def _require_writer(user, chain=None) -> None:
    """Refuse before reading the body: a role that never writes chains, or a chain not the
    user's office's."""
    if chain is None:
        allowed = user.is_bureau_or_admin or user.is_chain_office
    else:
        allowed = selectors.can_work_chain(user, chain)
    if not allowed:
        raise PermissionDenied()


class ChainViewSet(viewsets.ReadOnlyModelViewSet):
    """The industrial chains with their leader and office; `map/` gives the segments and
    links with their gap and counts."""

    serializer_class = ChainSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.chains_for_user(self.request.user)

    @extend_schema(responses=ChainMapSerializer)
    @action(detail=True)
    def map(self, request, pk=None):
        """Segments → links with `gap`, `local_enterprises`, `targets` (by outreach state)
        and `pipeline` (active projects the caller reads, by stage)."""
        chain = self.get_object()
        found = selectors.chain_map(chain, request.user)
        body = {
            "chain": chain,
            "segments": [
                {"segment": code, "label": str(label), "links": cards}
                for code, label, cards in found.segments
            ],
        }
        return Response(ChainMapSerializer(body).data)


class ChainLinkViewSet(viewsets.ReadOnlyModelViewSet):
    """The links of the chains (`?chain=`). `POST gap/` rates a link; `POST projects/` puts a
    project in it."""

    serializer_class = LinkSerializer
    filterset_fields = ["chain"]

    def get_queryset(self):
        return selectors.links_for_user(self.request.user).order_by("chain_id", "sort_order", "pk")

    @extend_schema(request=GapInputSerializer, responses=LinkSerializer)
    @action(detail=True, methods=["post"])
    def gap(self, request, pk=None):
        link = self.get_object()
        _require_writer(request.user, link.chain)
        data = GapInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.link_rate_gap(user=request.user, link=link, **data.validated_data)
        link.refresh_from_db()
        return Response(LinkSerializer(link).data)

    @extend_schema(request=LinkProjectInputSerializer, responses={201: LinkSerializer})
    @action(detail=True, methods=["post"])
    def projects(self, request, pk=None):
        link = self.get_object()
        _require_writer(request.user, link.chain)
        data = LinkProjectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = data.validated_data["project"]
        if not Project.objects.for_user(request.user).filter(pk=project.pk).exists():
            raise NotFound()
        services.project_link_add(user=request.user, project=project, link=link)
        return Response(LinkSerializer(link).data, status=status.HTTP_201_CREATED)


class TargetCompanyViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Target companies of the chains' links (`?link=`, `?state=`), with their outreach
    state. `POST` adds one (an investor, or `new_investor` created in the investor
    database); `POST {id}/move/` (`state`: the next one) moves its outreach one step,
    recorded as an interaction."""

    serializer_class = TargetCompanySerializer
    filterset_class = TargetCompanyFilter

    def get_queryset(self):
        return selectors.targets_for_user(self.request.user).order_by("pk")

    @extend_schema(request=TargetCompanyInputSerializer, responses={201: TargetCompanySerializer})
    def create(self, request):
        _require_writer(request.user)
        data = TargetCompanyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        target = services.target_company_add(user=request.user, **values)
        target = TargetCompany.objects.select_related("investor", "link").get(pk=target.pk)
        return Response(TargetCompanySerializer(target).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OutreachMoveInputSerializer, responses=OutreachStepSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        target = self.get_object()
        _require_writer(request.user, target.link.chain)
        data = OutreachMoveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        step = services.target_company_move(user=request.user, target=target, **data.validated_data)
        return Response(OutreachStepSerializer(step).data)
