"""`/api/v1/`: every app registers its resources here."""

from django.urls import include, path

from accounts.api import MeApi, TokenListApi, TokenObtainApi, TokenRevokeApi
from appraisal.api import AppraisalViewSet
from chains.api import ChainLinkViewSet, ChainViewSet, TargetCompanyViewSet
from config.api import Router
from feedback.api import (
    ComplaintViewSet,
    ReferralViewSet,
    ServiceRequestViewSet,
    ServiceVisitViewSet,
)
from forecast.api import ForecastApi
from imports.api import ImportJobViewSet, ImportUploadViewSet
from investors.api import (
    ActivityViewSet,
    AgentViewSet,
    ContactViewSet,
    InquiryViewSet,
    InteractionViewSet,
    InvestorViewSet,
)
from liaison.api import AssignmentViewSet, LiaisonUnitViewSet
from projects.api import (
    CapitalArrivalViewSet,
    DomesticArrivalViewSet,
    ProjectCheckViewSet,
    ProjectViewSet,
    RegionTargetViewSet,
)
from reference.api import IndustrySectionViewSet, RegionViewSet
from staff.api import ExportJobViewSet
from stats.api import (
    BulletinApi,
    BulletinFileApi,
    FdiApi,
    MonthlyReportViewSet,
    OpeningFigureViewSet,
    ReconciliationViewSet,
    StatsRunViewSet,
    StatsSnapshotViewSet,
)
from website.api import OpportunityViewSet

router = Router()
router.register("regions", RegionViewSet, basename="region")
router.register("industries", IndustrySectionViewSet, basename="industry")
router.register("investors", InvestorViewSet, basename="investor")
router.register("contacts", ContactViewSet, basename="contact")
router.register("interactions", InteractionViewSet, basename="interaction")
router.register("activities", ActivityViewSet, basename="activity")
router.register("agents", AgentViewSet, basename="agent")
router.register("inquiries", InquiryViewSet, basename="inquiry")
router.register("projects", ProjectViewSet, basename="project")
router.register("project-checks", ProjectCheckViewSet, basename="project-check")
router.register("capital-arrivals", CapitalArrivalViewSet, basename="capital-arrival")
router.register("domestic-arrivals", DomesticArrivalViewSet, basename="domestic-arrival")
router.register("targets", RegionTargetViewSet, basename="target")
router.register("liaison-units", LiaisonUnitViewSet, basename="liaison-unit")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("service-visits", ServiceVisitViewSet, basename="service-visit")
router.register("service-requests", ServiceRequestViewSet, basename="service-request")
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("imports", ImportUploadViewSet, basename="import-upload")
router.register("imports", ImportJobViewSet, basename="import")
router.register("stats/runs", StatsRunViewSet, basename="stats-run")
router.register("stats/snapshots", StatsSnapshotViewSet, basename="stats-snapshot")
router.register("stats/opening-figures", OpeningFigureViewSet, basename="stats-opening-figure")
router.register("stats/reconciliations", ReconciliationViewSet, basename="stats-reconciliation")
router.register("monthly-reports", MonthlyReportViewSet, basename="monthly-report")
router.register("appraisals", AppraisalViewSet, basename="appraisal")
router.register("exports", ExportJobViewSet, basename="export")
router.register("opportunities", OpportunityViewSet, basename="opportunity")
router.register("chains", ChainViewSet, basename="chain")
router.register("chain-links", ChainLinkViewSet, basename="chain-link")
router.register("chain-targets", TargetCompanyViewSet, basename="chain-target")

urlpatterns = [
    path("auth/token/", TokenObtainApi.as_view(), name="api-token"),
    path("auth/tokens/", TokenListApi.as_view(), name="api-tokens"),
    path("auth/tokens/<uuid:id>/", TokenRevokeApi.as_view(), name="api-token-revoke"),
    path("me/", MeApi.as_view(), name="api-me"),
    path("stats/fdi/", FdiApi.as_view(), name="api-stats-fdi"),
    path("stats/bulletin/", BulletinApi.as_view(), name="api-stats-bulletin"),
    path("stats/bulletin/file/", BulletinFileApi.as_view(), name="api-stats-bulletin-file"),
    path("forecast/", ForecastApi.as_view(), name="api-forecast"),
    path("", include(router.urls)),
]
