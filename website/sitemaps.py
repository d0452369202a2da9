from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    """Public pages, once per language with hreflang alternates."""

    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self):
        return ["website:home"]

    def location(self, item):
        return reverse(item)
