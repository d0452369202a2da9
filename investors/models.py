"""The investor database (客商库). This module holds what the pipeline needs today: the
investor organisation, external promotion agents and promotion activities; contacts and
interactions come with the investor-database feature."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# HK, MO and TW form the 港澳台 (Hong Kong, Macao, Taiwan) source group; every other non-CN
# country is foreign.
HMT_COUNTRIES = frozenset({"HK", "MO", "TW"})


class SourceGroup(models.TextChoices):
    FOREIGN = "foreign", _("Foreign")
    HMT = "hmt", _("Hong Kong, Macao and Taiwan")
    DOMESTIC = "domestic", _("Domestic")


def source_group_of(country: str) -> str:
    if country == "CN":
        return SourceGroup.DOMESTIC
    if country in HMT_COUNTRIES:
        return SourceGroup.HMT
    return SourceGroup.FOREIGN


class Channel(models.TextChoices):
    SISTER_CITY = "sister_city", _("Sister city")
    HOMETOWN = "hometown", _("Hometown association")
    ALUMNI = "alumni", _("Overseas alumni")
    AGENT = "agent", _("Agent")
    FAIR = "fair", _("Fair")
    WEBSITE = "website", _("Website inquiry")
    REFERRAL = "referral", _("Enterprise referral")
    OTHER = "other", _("Other")


class Investor(models.Model):
    """An investing organisation (客商). Shared city-wide so that two regions do not court the
    same investor twice; edited by its owner region or the bureau."""

    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))
    channel = models.CharField(
        _("relationship channel"), max_length=16, choices=Channel.choices, default=Channel.OTHER
    )
    owner_region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("owner region"),
        on_delete=models.PROTECT,
        related_name="investors",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("investor")
        verbose_name_plural = _("investors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Agent(models.Model):
    """An external promotion liaison (招商联络员 / 专员), who can be a project's introducer."""

    name = models.CharField(_("name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ActivityKind(models.TextChoices):
    FAIR = "fair", _("Investment fair")
    DELEGATION = "delegation", _("Small-team delegation")
    ROADSHOW = "roadshow", _("Roadshow")
    ONLINE = "online", _("Online promotion")


class PromotionActivity(models.Model):
    """A promotion event: fair, small-team delegation, roadshow or online campaign, with its
    cost. Projects point back to the activity that produced them."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser_region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("organiser region"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    cost_cny_10k = models.DecimalField(
        _("cost (10k CNY)"), max_digits=12, decimal_places=2, default=0
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("promotion activity")
        verbose_name_plural = _("promotion activities")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_cny_10k__gte=0), name="activity_cost_non_negative"
            ),
        ]

    def __str__(self):
        return self.name
