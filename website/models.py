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


class Reviewed(models.Model):
    """When staff last checked an item against its source, and when it must be checked
    again. `review_due` is true from the day after `next_review_on` (a listing past it leaves
    the public finder, `website.selectors`)."""

    reviewed_on = models.DateField(_("last reviewed on"))
    next_review_on = models.DateField(_("next review due on"))

    class Meta:
        abstract = True

    @property
    def review_due(self) -> bool:
        from django.utils import timezone

        return self.next_review_on is not None and self.next_review_on < timezone.localdate()


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
    # The sector's own figures and the GB/T 4754 sections it covers (its policies follow them).
    sections = models.ManyToManyField(
        "reference.IndustrySection",
        verbose_name=_("GB/T 4754 sections"),
        blank=True,
        related_name="+",
        help_text=_("The policies for these sections are listed on the page."),
    )
    enterprises_count = models.PositiveIntegerField(_("enterprises"), null=True, blank=True)
    output_cny_100m = models.DecimalField(
        _("output (CNY 100 million)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    workforce = models.PositiveIntegerField(_("people employed"), null=True, blank=True)
    figures_year = models.PositiveSmallIntegerField(_("year of the figures"), null=True, blank=True)
    figures_source = models.CharField(_("source of the figures"), max_length=200, blank=True)
    # `reviewed_on` (last verified) is every content item's (`Content`).
    next_review_on = models.DateField(_("next review due on"), null=True, blank=True)

    class Meta:
        verbose_name = _("industry or resource")
        verbose_name_plural = _("industries and resources")
        ordering = ["kind", "order", "id"]

    def __str__(self):
        return self.name_zh_hans or self.slug

    def get_absolute_url(self):
        return reverse("website:industry", args=[self.slug])

    review_due = Reviewed.review_due


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


# --- Content for investors (issue 21, points 2–5): policies, the setup guide, zones and their
# plots and premises, the cost of doing business. Each item carries its review dates: the day
# staff last checked it and the day it must be checked again (`Reviewed`).


class Incentive(models.TextChoices):
    """The kinds of support a policy gives."""

    TAX = "tax", _("Tax relief")
    LAND = "land", _("Land and premises")
    GRANT = "grant", _("Grants and subsidies")
    TALENT = "talent", _("Talent and housing")
    FINANCE = "finance", _("Finance and loans")
    RND = "rnd", _("Research and development")
    TRADE = "trade", _("Trade and customs")
    SERVICE = "service", _("Administrative services")


class Policy(Reviewed, Content):
    """A policy document as issued, in its Chinese original (`text_zh_hans`, authoritative),
    with a reviewed English text (`text_en`) and a plain-language summary in both languages.
    Industries left empty mean the policy applies to every industry. A policy whose
    `expires_on` has passed leaves the public list; its page stays, marked expired."""

    title = models.CharField(pgettext_lazy("heading", "title"), max_length=250)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    document_number = models.CharField(
        _("document number"),
        max_length=80,
        blank=True,
        help_text=_("As printed on the document, in Chinese."),
    )
    issued_on = models.DateField(_("issued on"))
    effective_on = models.DateField(_("in effect from"))
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Leave empty if open-ended.")
    )
    summary = models.TextField(_("plain-language summary"), blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Chinese: the original as issued. English: the reviewed translation."),
    )
    sections = models.ManyToManyField(
        "reference.IndustrySection",
        verbose_name=_("industries"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty when the policy applies to every industry."),
    )
    # A list of `Incentive` values (JSON, so the SQLite demo holds it as PostgreSQL does).
    incentives = models.JSONField(_("incentive types"), default=list, blank=True)
    source_url = models.URLField(_("official publication (link)"), blank=True)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return self.title_zh_hans or self.document_number or str(self.pk)

    def get_absolute_url(self):
        return reverse("website:policy", args=[self.pk])

    def is_expired(self, today=None) -> bool:
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

    def incentive_labels(self) -> list[str]:
        labels = dict(Incentive.choices)
        return [labels[i] for i in self.incentives if i in labels]


class GuideStep(Reviewed, Content):
    """One step of setting up a foreign-invested enterprise, in the eRegulations form: what
    to do, where (office, address, hours), what to bring, what it costs, how long it takes,
    the law behind it and where to complain."""

    order = models.PositiveSmallIntegerField(_("step number"), default=1)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    summary = models.TextField(_("what happens"), blank=True)
    office = models.CharField(_("office"), max_length=200, blank=True)
    office_address = models.CharField(_("office address"), max_length=300, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=150, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=40, blank=True)
    online_url = models.URLField(_("online service (link)"), blank=True)
    documents = models.TextField(_("documents to bring"), blank=True, help_text=_("One a line."))
    fees = models.CharField(_("fees"), max_length=300, blank=True)
    time_limit = models.CharField(_("time limit"), max_length=200, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit in working days"), null=True, blank=True
    )
    legal_basis = models.TextField(_("legal basis"), blank=True, help_text=_("One a line."))
    complaints = models.TextField(_("where to complain"), blank=True)

    class Meta:
        verbose_name = _("setup guide step")
        verbose_name_plural = _("setup guide")
        ordering = ["order", "id"]

    def __str__(self):
        return self.title_zh_hans or str(self.order)

    def get_absolute_url(self):
        return reverse("website:setup_guide") + f"#step-{self.pk}"

    def document_lines(self) -> list[str]:
        from config.i18n import localized

        return [s.strip() for s in (localized(self, "documents") or "").splitlines() if s.strip()]

    def legal_lines(self) -> list[str]:
        from config.i18n import localized

        return [s.strip() for s in (localized(self, "legal_basis") or "").splitlines() if s.strip()]


class Zone(Reviewed, Content):
    """The public profile of a development zone (a reference Region of kind development
    zone): its figures with their year and source, industries, leading enterprises and
    contact."""

    region = models.OneToOneField(
        "reference.Region",
        verbose_name=_("development zone"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "dev_zone"},
    )
    slug = models.SlugField(_("address (slug)"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=100, blank=True)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Blank lines separate paragraphs."))
    area_km2 = models.DecimalField(
        _("planned area (km²)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    enterprises_count = models.PositiveIntegerField(_("enterprises"), null=True, blank=True)
    output_cny_100m = models.DecimalField(
        _("industrial output (CNY 100 million)"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
    )
    figures_year = models.PositiveSmallIntegerField(_("year of the figures"), null=True, blank=True)
    figures_source = models.CharField(_("source of the figures"), max_length=200, blank=True)
    sections = models.ManyToManyField(
        "reference.IndustrySection", verbose_name=_("industries"), blank=True, related_name="+"
    )
    enterprises = models.TextField(_("leading enterprises"), blank=True, help_text=_("One a line."))
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_address = models.CharField(_("address"), max_length=300, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("development zone")
        verbose_name_plural = _("development zones")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name_zh_hans or self.slug

    def get_absolute_url(self):
        return reverse("website:zone", args=[self.slug])

    def enterprise_lines(self) -> list[str]:
        from config.i18n import localized

        return [s.strip() for s in (localized(self, "enterprises") or "").splitlines() if s.strip()]


class ListingKind(models.TextChoices):
    LAND = "land", _("Land plot")
    FACTORY = "factory", _("Standard factory")
    WAREHOUSE = "warehouse", _("Warehouse")
    OFFICE = "office", _("Office space")


class Zoning(models.TextChoices):
    INDUSTRIAL = "industrial", _("Industrial")
    LOGISTICS = "logistics", _("Logistics and storage")
    COMMERCIAL = "commercial", _("Commercial")
    RESEARCH = "research", _("Research and development")


class PriceBasis(models.TextChoices):
    SALE = "sale", _("CNY per m², land-use right (one-off)")
    RENT = "rent", _("CNY per m² per month, rent")


class Utility(models.TextChoices):
    POWER = "power", _("Electricity")
    WATER = "water", _("Water")
    GAS = "gas", _("Natural gas")
    STEAM = "steam", _("Steam")
    SEWAGE = "sewage", _("Sewage treatment")
    FIBRE = "fibre", _("Fibre and 5G")


class Listing(Reviewed, Content):
    """A plot of land or premises on offer in a zone. The public finder shows only published
    listings whose review date has not passed (`website.selectors.listings`)."""

    zone = models.ForeignKey(
        Zone, verbose_name=_("development zone"), on_delete=models.PROTECT, related_name="listings"
    )
    code = models.CharField(_("reference"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ListingKind.choices)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=12, decimal_places=1)
    price_cny = models.DecimalField(_("price (CNY)"), max_digits=12, decimal_places=2)
    price_basis = models.CharField(_("price basis"), max_length=6, choices=PriceBasis.choices)
    zoning = models.CharField(_("zoning"), max_length=12, choices=Zoning.choices)
    # A list of `Utility` values (JSON, as `Policy.incentives`).
    utilities = models.JSONField(_("utilities"), default=list, blank=True)
    available_from = models.DateField(_("available as of"))
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    class Meta:
        verbose_name = _("plot or premises")
        verbose_name_plural = _("plots and premises")
        ordering = ["zone__order", "code"]

    def __str__(self):
        return f"{self.code} {self.name_zh_hans}"

    def get_absolute_url(self):
        return reverse("website:land") + f"#{self.code}"

    def utility_labels(self) -> list[str]:
        labels = dict(Utility.choices)
        return [str(labels[u]) for u in self.utilities if u in labels]


class CostCategory(models.TextChoices):
    LAND = "land", _("Land and rent")
    WAGES = "wages", _("Wages")
    ELECTRICITY = "electricity", _("Electricity")
    WATER = "water", _("Water")
    GAS = "gas", _("Gas")
    TAX = "tax", _("Taxes")
    SOCIAL = "social", _("Social insurance")
    WORKFORCE = "workforce", _("Graduates and vocational schools")


class CostItem(Reviewed, Content):
    """One figure on the cost-of-doing-business page: a land price, a wage level, a tariff, a
    tax or contribution rate, a count of graduates; each with its unit, source and date."""

    category = models.CharField(_("category"), max_length=12, choices=CostCategory.choices)
    label = models.CharField(_("item"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=60)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=200)
    as_of = models.DateField(_("figure as of"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cost figure")
        verbose_name_plural = _("cost of doing business")
        ordering = ["category", "order", "id"]

    def __str__(self):
        return self.label_zh_hans or str(self.pk)

    def get_absolute_url(self):
        return reverse("website:costs") + f"#{self.category}"

    def value_display(self) -> str:
        """The figure as written: grouped, its decimals kept but no trailing zeros (a tariff
        of 0.6235 CNY/kWh keeps its four places; 25% stays 25)."""
        from config.numbers import fmt_num

        d = self.value
        if d == d.to_integral_value() or abs(d) >= 100:
            return fmt_num(d)
        return format(d.normalize(), "f")
