"""sitemap.xml: every public page once per language, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors
from .models import PageSection


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(_I18nSitemap):
    """The fixed pages: home, section indexes, lists and forms."""

    changefreq = "weekly"

    def items(self):
        return [
            ("website:home", ()),
            *(("website:section", (s,)) for s in PageSection.values),
            ("website:industries", ()),
            ("website:projects", ()),
            ("website:opportunities", ()),
            ("website:events", ()),
            ("website:stories", ()),
            ("website:downloads", ()),
            ("website:news", ()),
            ("website:policies", ()),
            ("website:setup_guide", ()),
            ("website:zones", ()),
            ("website:land", ()),
            ("website:costs", ()),
            ("website:video", ()),
            ("website:contact", ()),
            ("website:inquiry", ()),
            ("website:inquiry_track", ()),
            ("feedback_public:complaint", ()),
            ("appraisal_public:lists", ()),
        ]

    def location(self, item):
        name, args = item
        return reverse(name, args=args)


class ContentSitemap(_I18nSitemap):
    """Published pages, news, industries, policies in force and development zones."""

    changefreq = "monthly"

    def items(self):
        return [
            *selectors.pages_in_all(),
            *selectors.industries(),
            *selectors.news_list(),
            *selectors.policies_in_force(),
            *selectors.zones(),
        ]

    def lastmod(self, obj):
        return obj.updated_at


class ProjectSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.public_projects()

    def location(self, obj):
        return reverse("website:project", args=[obj.pk])

    def lastmod(self, obj):
        return obj.updated_at


class OpportunitySitemap(_I18nSitemap):
    """Opportunities on the showcase (published, still valid)."""

    changefreq = "weekly"

    def items(self):
        from django.utils import translation

        with translation.override("zh-hans"):  # every open one, English text or not
            return list(selectors.public_opportunities())

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "content": ContentSitemap,
    "projects": ProjectSitemap,
    "opportunities": OpportunitySitemap,
}
