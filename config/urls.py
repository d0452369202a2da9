from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.health import healthz, metrics, readyz
from website.sitemaps import SITEMAPS
from website.views import robots_txt


class FaviconRedirect(RedirectView):
    """Browsers ask for /favicon.ico; the icon is a static file (its hashed name is known only
    at request time under the manifest storage)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


urlpatterns = [
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("favicon.ico", FaviconRedirect.as_view()),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Operations (config/health.py): liveness, readiness, Prometheus metrics.
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("staff/projects/", include("projects.urls")),
    path("staff/projects/", include("liaison.urls")),
    path("staff/chains/", include("chains.urls")),
    path("staff/stats/", include("stats.urls")),
    path("staff/service/", include("feedback.urls")),
    path("staff/appraisal/", include("appraisal.urls")),
    path("staff/forecast/", include("forecast.urls")),
    path("staff/site/", include("website.staff_urls")),
    path("staff/investors/", include("investors.urls")),
    path("staff/imports/", include("imports.urls")),
    path("staff/", include("staff.urls")),
    path("admin/", admin.site.urls),
    path("", include("feedback.public_urls")),
    path("", include("appraisal.public_urls")),
    path("", include("website.urls")),
    prefix_default_language=True,
)

handler400 = "website.errors.bad_request"
handler403 = "website.errors.permission_denied"
handler404 = "website.errors.page_not_found"
handler500 = "website.errors.server_error"
