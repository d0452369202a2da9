"""`/api/v1/`: every app registers its resources here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts.api import MeApi, TokenObtainApi
from reference.api import IndustrySectionViewSet, RegionViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("industries", IndustrySectionViewSet, basename="industry")

urlpatterns = [
    path("auth/token/", TokenObtainApi.as_view(), name="api-token"),
    path("me/", MeApi.as_view(), name="api-me"),
    path("", include(router.urls)),
]
