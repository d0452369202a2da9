"""Content of the public investment site, written by staff in both languages.

Every item is a draft until bureau staff or an administrator publish it (`website.services`);
the public pages read published items only (`website.selectors`). Text fields are translated
with django-modeltranslation (`website/translation.py`): `title_zh_hans`, `title_en` and so on.
A missing English text stays empty; the English site then says the page has no English text
instead of showing the Chinese."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .validators import validate_captions, validate_mp4, validate_poster


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Content(models.Model):
    """What every kind of content shares: a status and who changed it last."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    # When staff last checked the item is still true (saving it counts, and so does "mark as
    # verified" on the review page); shown on the public page as "last verified".
    reviewed_on = models.DateField(_("last verified"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class PageSection(models.TextChoices):
    """Where a page sits in the site's navigation."""

    ABOUT = "about", _("The city")
    ENVIRONMENT = "environment", _("Investment environment")
    POLICY = "policy", _("Policies")
    GUIDE = "guide", _("How to invest")
    SERVICES = "services", _("Services for investors")


class Page(Content):
    """A content page: city profile, investment environment, policies, how to invest,
    services for investors."""

    slug = models.SlugField(_("address (slug)"), max_length=80, unique=True)
    section = models.CharField(_("section"), max_length=16, choices=PageSection.choices)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Blank lines separate paragraphs."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title_zh_hans or self.slug

    def get_absolute_url(self):
        return reverse("website:page", args=[self.slug])


class NewsItem(Content):
    """A news item on the public site."""

    date = models.DateField(_("date"))
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Blank lines separate paragraphs."))

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["status", "-date"])]

    def __str__(self):
        return self.title_zh_hans or str(self.date)

    def get_absolute_url(self):
        return reverse("website:news_detail", args=[self.pk])


class IndustryKind(models.TextChoices):
    INDUSTRY = "industry", _("Advantage industry")
    RESOURCE = "resource", _("Resource")


class Industry(Content):
    """An advantage industry (pharmaceuticals, textiles, food processing) or a resource (salt,
    gypsum, pearls), with the pipeline tags whose published projects it shows."""

    slug = models.SlugField(_("address (slug)"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=IndustryKind.choices, default=IndustryKind.INDUSTRY
    )
    name = models.CharField(_("name"), max_length=120)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Blank lines separate paragraphs."))
    tags = models.ManyToManyField(
        "projects.Tag",
        verbose_name=_("project tags"),
        blank=True,
        related_name="+",
        help_text=_("Published projects with one of these tags are shown on the page."),
    )
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("industry or resource")
        verbose_name_plural = _("industries and resources")
        ordering = ["kind", "order", "id"]

    def __str__(self):
        return self.name_zh_hans or self.slug

    def get_absolute_url(self):
        return reverse("website:industry", args=[self.slug])


class ContactPoint(Content):
    """An office investors can reach: the bureau's service centre, a development zone."""

    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=300, blank=True)
    hours = models.CharField(_("office hours"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name_zh_hans or self.email


class CityVideo(Content):
    """The city video: an MP4 file with a poster image and optional WebVTT captions per
    language, played by the browser's own <video> element from our server."""

    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    video = models.FileField(
        _("video (MP4)"), upload_to="website/video/", validators=[validate_mp4]
    )
    poster = models.FileField(
        _("poster image (JPEG, PNG or WebP)"),
        upload_to="website/poster/",
        validators=[validate_poster],
    )
    captions_zh_hans = models.FileField(
        _("captions, Chinese (WebVTT)"),
        upload_to="website/captions/",
        blank=True,
        validators=[validate_captions],
    )
    captions_en = models.FileField(
        _("captions, English (WebVTT)"),
        upload_to="website/captions/",
        blank=True,
        validators=[validate_captions],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("city video")
        verbose_name_plural = _("city videos")
        ordering = ["order", "-id"]

    def __str__(self):
        return self.title_zh_hans or str(self.pk)
