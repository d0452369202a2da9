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


class OpportunityStatus(models.TextChoices):
    """An opportunity is prepared as a draft, put in review, and published by bureau staff or
    an administrator (`website.services.OPPORTUNITY_MOVES`)."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class Opportunity(models.Model):
    """A project the city offers for investment (招商项目库): what it is, where, how large, the
    land and utilities, how the city wants to cooperate, the incentives that apply, whom to
    contact and until when the offer stands. An inquiry about it becomes a lead
    (`OpportunityLead`); when talks start, the lead becomes a pipeline project at intent."""

    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    sector = models.ForeignKey(
        "reference.IndustrySection",
        verbose_name=_("sector (GB/T 4754)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    industry_page = models.ForeignKey(
        Industry,
        verbose_name=_("industry page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
        help_text=_("The site's industry page this opportunity is shown on."),
    )
    zone = models.ForeignKey(
        "reference.Region",
        verbose_name=_("location or zone"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.CharField(_("site"), max_length=200, blank=True)
    scale = models.CharField(_("scale"), max_length=300, blank=True)
    investment_cny_10k = models.DecimalField(
        _("estimated investment (10k CNY)"), max_digits=14, decimal_places=2
    )
    land_utilities = models.TextField(_("land and utilities"), blank=True)
    cooperation = models.CharField(_("cooperation mode"), max_length=300, blank=True)
    incentives = models.TextField(
        _("incentives that apply"), blank=True, help_text=_("One incentive a line.")
    )
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("investment opportunity")
        verbose_name_plural = _("investment opportunities")
        ordering = ["-investment_cny_10k", "id"]
        indexes = [models.Index(fields=["status", "valid_until"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(investment_cny_10k__gte=0),
                name="opportunity_investment_non_negative",
            )
        ]

    def __str__(self):
        return self.name_zh_hans or str(self.pk)

    def get_absolute_url(self):
        return reverse("website:opportunity", args=[self.pk])

    @property
    def incentive_lines(self) -> list[str]:
        from config.i18n import localized

        return [
            line.strip()
            for line in (localized(self, "incentives") or "").splitlines()
            if line.strip()
        ]


class OpportunityLead(models.Model):
    """An inquiry about an opportunity (the lead), and the pipeline project it became once talks
    started. The link lives here because the investor database and the pipeline sit below the
    site and know nothing of it."""

    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("opportunity"), on_delete=models.PROTECT, related_name="leads"
    )
    inquiry = models.OneToOneField(
        "investors.Inquiry",
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="opportunity_lead",
    )
    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("pipeline project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunity_lead",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    converted_at = models.DateTimeField(_("became a project at"), null=True, blank=True)
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made a project by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("opportunity lead")
        verbose_name_plural = _("opportunity leads")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.opportunity} ← {self.inquiry.reference}"


class SuccessStory(Content):
    """A project that landed (groundbreaking or in operation), told with the enterprise's
    consent, which staff record (date, who, how) before it may be published."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("pipeline project"),
        on_delete=models.PROTECT,
        related_name="success_story",
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    enterprise = models.CharField(_("enterprise"), max_length=200, blank=True)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Blank lines separate paragraphs."))
    jobs = models.PositiveIntegerField(_("jobs created"), null=True, blank=True)
    consent_on = models.DateField(_("enterprise consent given on"), null=True, blank=True)
    consent_note = models.CharField(_("how the consent was given"), max_length=300, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")
        ordering = ["order", "-id"]

    def __str__(self):
        return self.title_zh_hans or str(self.pk)

    def get_absolute_url(self):
        return reverse("website:stories") + f"#story-{self.pk}"

    @property
    def year(self) -> int | None:
        landed = self.project.operation_date or self.project.groundbreaking_date
        return landed.year if landed else None
