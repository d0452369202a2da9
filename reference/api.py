from rest_framework import viewsets

from .models import IndustrySection
from .selectors import region_list
from .serializers import IndustrySectionSerializer, RegionSerializer


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """Regions of the city: reference data, readable by every authenticated user."""

    serializer_class = RegionSerializer
    filterset_fields = ["kind", "parent"]
    search_fields = ["name_zh_hans", "name_en", "code"]

    def get_queryset(self):
        return region_list()


class IndustrySectionViewSet(viewsets.ReadOnlyModelViewSet):
    """GB/T 4754-2017 sections with the three-industry group."""

    serializer_class = IndustrySectionSerializer
    queryset = IndustrySection.objects.all()
    pagination_class = None
