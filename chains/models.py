"""Industrial chains (产业链招商): a chain's links, how strong each is locally, the companies
courted for its gaps, and the industry office that works it. Writes go through
`chains.services`, reads through `chains.selectors`."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.names import name_text


class ChainOffice(models.Model):
    """An industry office (优势产业招商办公室): a unit whose staff work one or more chains."""

    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("code"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("industry office")
        verbose_name_plural = _("industry offices")
        ordering = ["code"]

    def __str__(self):
        return name_text(self)  # config/names.py: a missing English name is marked


class Chain(models.Model):
    """An industrial chain with its leader (链长) and the office that works it."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    description = models.TextField(_("description"), blank=True)
    # GB/T 4754 codes the chain spans (classes such as "C27", or sections such as "C"), as a
    # JSON list so that the SQLite demo holds it.
    industry_classes = models.JSONField(_("industry classes (GB/T 4754)"), default=list, blank=True)
    leader_name = models.CharField(_("chain leader"), max_length=60, blank=True)
    leader_title = models.CharField(_("chain leader's title"), max_length=120, blank=True)
    office = models.ForeignKey(
        ChainOffice,
        verbose_name=_("industry office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chains",
    )
    is_public = models.BooleanField(_("shown on the public site"), default=True)
    # The public site's sector page (website.Industry's slug) that shows the chain's map,
    # without its target companies. Blank: on no page.
    site_slug = models.SlugField(_("public sector page"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("industrial chain")
        verbose_name_plural = _("industrial chains")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return name_text(self)  # config/names.py: a missing English name is marked


class Segment(models.TextChoices):
    UPSTREAM = "upstream", _("Upstream")
    MIDSTREAM = "midstream", _("Midstream")
    DOWNSTREAM = "downstream", _("Downstream")
    SERVICES = "services", _("Supporting services")


class Gap(models.TextChoices):
    STRONG = "strong", _("Strong locally")
    WEAK = "weak", _("Weak locally")
    MISSING = "missing", _("Missing locally")


class ChainLink(models.Model):
    """A link (环节) of a chain in one segment, with its current gap rating."""

    chain = models.ForeignKey(
        Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="links"
    )
    segment = models.CharField(_("segment"), max_length=12, choices=Segment.choices)
    name = models.CharField(_("name"), max_length=120)
    key_products = models.CharField(_("key products"), max_length=300, blank=True)
    industry_classes = models.JSONField(_("industry classes (GB/T 4754)"), default=list, blank=True)
    gap = models.CharField(_("gap rating"), max_length=8, choices=Gap.choices, default=Gap.WEAK)
    gap_reason = models.TextField(_("reason for the rating"), blank=True)
    gap_rated_on = models.DateField(_("rated on"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        ordering = ["chain", "sort_order", "pk"]

    def __str__(self):
        return name_text(self)  # config/names.py: a missing English name is marked


class GapRating(models.Model):
    """Each rating a link was given: who rated it, when, and why."""

    link = models.ForeignKey(
        ChainLink, verbose_name=_("chain link"), on_delete=models.CASCADE, related_name="ratings"
    )
    gap = models.CharField(_("gap rating"), max_length=8, choices=Gap.choices)
    reason = models.TextField(_("reason for the rating"))
    rated_on = models.DateField(_("rated on"))
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("gap rating")
        verbose_name_plural = _("gap ratings")
        ordering = ["-rated_on", "-pk"]

    def __str__(self):
        return f"{self.link} · {self.get_gap_display()} · {self.rated_on}"


class LocalEnterprise(models.Model):
    """An enterprise in the city that works a link, added by hand (the landed projects linked
    to the link count as well, see `chains.selectors`)."""

    link = models.ForeignKey(
        ChainLink,
        verbose_name=_("chain link"),
        on_delete=models.CASCADE,
        related_name="local_enterprises",
    )
    investor = models.ForeignKey(
        "investors.Investor",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="chain_links_local",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("local enterprise")
        verbose_name_plural = _("local enterprises")
        constraints = [
            models.UniqueConstraint(fields=["link", "investor"], name="local_enterprise_once")
        ]

    def __str__(self):
        return f"{self.link} · {self.investor}"


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Outreach(models.TextChoices):
    NOT_CONTACTED = "not_contacted", _("Not contacted")
    CONTACTED = "contacted", _("Contacted")
    VISITING = "visiting", _("Visiting")
    NEGOTIATING = "negotiating", _("Negotiating")
    PROJECT = "project", _("Project")


class TargetCompany(models.Model):
    """A company courted for a link (招商目标企业), with its priority and outreach state."""

    link = models.ForeignKey(
        ChainLink,
        verbose_name=_("chain link"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    investor = models.ForeignKey(
        "investors.Investor",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="chain_targets",
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    state = models.CharField(
        _("outreach"), max_length=16, choices=Outreach.choices, default=Outreach.NOT_CONTACTED
    )
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("target company")
        verbose_name_plural = _("target companies")
        ordering = ["link", "priority", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["link", "investor"], name="target_company_once")
        ]

    def __str__(self):
        return f"{self.link} · {self.investor}"


class OutreachStep(models.Model):
    """One move of a target company's outreach, with the interaction it was recorded as in the
    investor database."""

    target = models.ForeignKey(
        TargetCompany, verbose_name=_("target company"), on_delete=models.CASCADE,
        related_name="steps",
    )  # fmt: skip
    from_state = models.CharField(_("from"), max_length=16, choices=Outreach.choices)
    to_state = models.CharField(_("to"), max_length=16, choices=Outreach.choices)
    date = models.DateField(_("date"))
    interaction = models.ForeignKey(
        "investors.Interaction",
        verbose_name=_("interaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outreach step")
        verbose_name_plural = _("outreach steps")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.target} · {self.to_state} · {self.date}"


class ProjectLink(models.Model):
    """A project belongs to one or more links (and so to their chains)."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="chain_links",
    )
    link = models.ForeignKey(
        ChainLink, verbose_name=_("chain link"), on_delete=models.CASCADE,
        related_name="project_links",
    )  # fmt: skip
    # The link's chain, copied so that the chain filter and the chain scope read one index
    # (kept in step by the services: a link never changes chain).
    chain = models.ForeignKey(
        Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="project_links"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project's chain link")
        verbose_name_plural = _("projects' chain links")
        constraints = [
            models.UniqueConstraint(fields=["project", "link"], name="project_link_once")
        ]
        # Covering: a chain's projects (the filter, the scope) and its links' projects (the
        # map) read from an index alone; a link's projects from the second.
        indexes = [
            models.Index(fields=["chain", "project", "link"], name="project_link_chain_idx"),
            models.Index(fields=["link", "project"], name="project_link_link_idx"),
        ]

    def __str__(self):
        return f"{self.project} · {self.link}"


class ChainTarget(models.Model):
    """A year's target for industrial projects in a chain (and, where given, one region), with
    the person answerable for it (工业招商目标管理责任制). Without a chain: the target for all
    the industrial projects (sections B, C, D) of the region, or of the city without a region."""

    chain = models.ForeignKey(
        Chain,
        verbose_name=_("chain"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    negotiated = models.PositiveIntegerField(_("projects negotiated"), default=0)
    approved = models.PositiveIntegerField(_("projects approved"), default=0)
    started = models.PositiveIntegerField(_("projects started"), default=0)
    utilized_fdi_usd_10k = models.DecimalField(
        _("foreign capital utilized (10k USD)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    person_name = models.CharField(_("person responsible"), max_length=60)
    person_title = models.CharField(_("title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("chain target")
        verbose_name_plural = _("chain targets")
        ordering = ["-year", "chain", "region"]
        constraints = [
            # "All industrial projects" (no chain) and "the whole city" (no region) are one
            # target each too: NULLs count as equal (PostgreSQL 15+; SQLite, the demo's
            # database, ignores the option and the service keeps it).
            models.UniqueConstraint(
                fields=["chain", "region", "year"],
                name="chain_target_once",
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        what = self.chain or _("All industrial projects")
        return f"{what} · {self.region or _('Whole city')} · {self.year}"
