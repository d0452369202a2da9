"""The investor database (客商库): investing organisations and the people at them, every
contact the staff have with them (interactions and follow-ups), promotion activities and
external agents, public inquiries, reminders, merges and imports.

Writes go through `investors.services`; reads through `investors.selectors` (scope).
This app stands below the pipeline: it imports nothing from `projects`. The two lazy
references to `projects.Project` (an interaction's optional project) are by name only; what
the pipeline must do when an investor changes it registers in `investors.hooks`."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from reference.countries import PortalCountries

# HK, MO and TW form the 港澳台 (Hong Kong, Macao, Taiwan) source group; every other non-CN
# country is foreign.
HMT_COUNTRIES = frozenset({"HK", "MO", "TW"})


class SourceGroup(models.TextChoices):
    FOREIGN = "foreign", _("Foreign")
    HMT = "hmt", _("Hong Kong, Macao and Taiwan")
    DOMESTIC = "domestic", _("Domestic")


def source_group_of(country) -> str:
    """`domestic` for CN, `hmt` for HK / MO / TW, `foreign` for every other country."""
    code = str(getattr(country, "code", country) or "").upper()
    if code == "CN":
        return SourceGroup.DOMESTIC
    if code in HMT_COUNTRIES:
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


class Size(models.TextChoices):
    SMALL = "small", _("Small (under 100 staff)")
    MEDIUM = "medium", _("Medium (100–1,000 staff)")
    LARGE = "large", _("Large (over 1,000 staff)")
    GLOBAL500 = "global500", _("Fortune Global 500")


class InvestorQuerySet(models.QuerySet):
    def for_user(self, user):
        from .selectors import scope_investors

        return scope_investors(self, user)

    def editable_by(self, user):
        from .selectors import editable_investors

        return editable_investors(self, user)

    def current(self):
        """Not merged away into another investor."""
        return self.filter(merged_into__isnull=True)


class Investor(models.Model):
    """An investing organisation (客商). Shared city-wide so that two regions do not court the
    same investor twice; edited by its owner region or the bureau."""

    name = models.CharField(_("name"), max_length=200)
    # Stored as the ISO 3166-1 alpha-2 code (a two-letter CharField): the statistics group by it.
    country = CountryField(_("country"), countries=PortalCountries)
    industry = models.ForeignKey(
        "reference.IndustrySection",
        verbose_name=_("industry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investors",
    )
    size = models.CharField(_("size"), max_length=12, choices=Size.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    channel = models.CharField(
        _("relationship channel"), max_length=16, choices=Channel.choices, default=Channel.OTHER
    )
    owner_region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("owner region"),
        on_delete=models.PROTECT,
        related_name="investors",
    )
    notes = models.TextField(_("notes"), blank=True)
    # Normalised names (case, spaces, punctuation and legal suffixes removed) for the duplicate
    # check; kept by the services.
    name_key_zh = models.CharField(_("name key (Chinese)"), max_length=200, blank=True)
    name_key_en = models.CharField(_("name key (English)"), max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InvestorQuerySet.as_manager()

    class Meta:
        verbose_name = _("investor")
        verbose_name_plural = _("investors")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name_key_zh"]),
            models.Index(fields=["name_key_en"]),
        ]

    def __str__(self):
        return self.name_zh_hans or self.name_en or self.name

    @property
    def source_group(self) -> str:
        return source_group_of(self.country)

    @property
    def is_archived(self) -> bool:
        return self.merged_into_id is not None


class PreferredChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    WECHAT = "wechat", _("WeChat")
    WHATSAPP = "whatsapp", _("WhatsApp")
    IN_PERSON = "in_person", _("In person")


class Contact(models.Model):
    """A person at an investor."""

    investor = models.ForeignKey(
        Investor, verbose_name=_("investor"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title"), max_length=120, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("For example: zh, en, de")
    )
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=12, choices=PreferredChannel.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class AgentKind(models.TextChoices):
    LIAISON = "liaison", _("Promotion liaison (招商联络员)")
    SPECIALIST = "specialist", _("Promotion specialist (招商专员)")
    PART_TIME_DIRECTOR = "part_time_director", _("Part-time promotion director (兼职招商局长)")
    OTHER = "other", _("Other")


class Agent(models.Model):
    """An external promotion liaison or part-time post (招商联络员、专员、兼职招商局长), who can
    be a project's introducer."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=AgentKind.choices, default="liaison")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True, countries=PortalCountries)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agents",
        help_text=_("The region that appointed the agent; empty for the bureau's own."),
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Employment, not a project's progress: 在聘 (docs/terminology.md).
    is_active = models.BooleanField(pgettext_lazy("agent", "active"), default=True)

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
    cost, the staff who went and the investors met. Projects point back to the activity that
    produced them."""

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
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff who went"),
        blank=True,
        related_name="promotion_activities",
    )
    investors_met = models.ManyToManyField(
        Investor, verbose_name=_("investors met"), blank=True, related_name="activities_met"
    )
    notes = models.TextField(_("notes"), blank=True)
    # The public events calendar (website): what a visitor reads, in both languages.
    is_public = models.BooleanField(_("publish on the site"), default=False)
    description = models.TextField(_("public description"), blank=True)
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
        return self.name_zh_hans or self.name_en or self.name


class InteractionKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    EMAIL = "email", _("Email")
    EVENT = "event", _("Event encounter")


class Interaction(models.Model):
    """A contact with an investor: visit, meeting, call, email or an encounter at an event."""

    investor = models.ForeignKey(
        Investor,
        verbose_name=_("investor"),
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=InteractionKind.choices)
    date = models.DateField(_("date"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff"), related_name="interactions"
    )
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("contacts"), blank=True, related_name="interactions"
    )
    summary = models.TextField(_("summary"))
    # By name only: investors never imports the pipeline.
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="investor_interactions",
    )
    activity = models.ForeignKey(
        PromotionActivity,
        verbose_name=_("promotion activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
    )
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["investor", "-date"]), models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class FollowUp(models.Model):
    """A follow-up someone owes an investor, from an interaction's next follow-up date.
    Done or dismissed follow-ups are kept (dismissing hides, never deletes)."""

    investor = models.ForeignKey(
        Investor, verbose_name=_("investor"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    interaction = models.ForeignKey(
        Interaction,
        verbose_name=_("interaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    due_date = models.DateField(_("due"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner", "due_date"])]

    def __str__(self):
        return f"{self.due_date} {self.investor}"

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.dismissed_at is None


class ReminderKind(models.TextChoices):
    FOLLOW_UP_DUE = "follow_up_due", _("Follow-up coming due")
    FOLLOW_UP_OVERDUE = "follow_up_overdue", _("Follow-up overdue")
    INVESTOR_QUIET = "investor_quiet", _("Investor with no interaction")
    INQUIRY_OVERDUE = "inquiry_overdue", _("Inquiry awaiting a first response")


# Defaults: days before a follow-up's due date, days after it, days without interaction,
# working days after an inquiry came in.
REMINDER_DEFAULT_DAYS = {
    ReminderKind.FOLLOW_UP_DUE: 1,
    ReminderKind.FOLLOW_UP_OVERDUE: 1,
    ReminderKind.INVESTOR_QUIET: 90,
    ReminderKind.INQUIRY_OVERDUE: 2,
}


class ReminderPreference(models.Model):
    """Which reminders a user gets and after how many days. No row: the default (on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="reminder_preferences",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    days = models.PositiveSmallIntegerField(_("days"))

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_reminder_pref_per_kind")
        ]

    def __str__(self):
        return f"{self.user} {self.kind}"


class Reminder(models.Model):
    """One reminder owed to a user about one thing. Written once when its threshold has
    passed (a unique key makes the daily job safe to run twice); sent in the next digest;
    dismissing hides it, never deletes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    # What it is about, e.g. "follow_up:12" or "investor:7:2026-08-01" (the quiet spell).
    key = models.CharField(_("key"), max_length=80)
    investor = models.ForeignKey(
        Investor,
        verbose_name=_("investor"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    text = models.CharField(_("text"), max_length=300)
    due_date = models.DateField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="one_reminder_per_key")
        ]

    def __str__(self):
        return self.text


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    RESPONDED = "responded", _("Responded")
    CONVERTED = "converted", _("Converted to investor")
    SPAM = "spam", _("Spam")


def _new_reference() -> str:
    # Unambiguous letters and digits; 8 of them are enough for a city's inquiries.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "INQ-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Inquiry(models.Model):
    """An inquiry from the public site's contact form. The sender gets the reference."""

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=_new_reference, editable=False
    )
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200)
    country = CountryField(_("country"), countries=PortalCountries)
    email = models.EmailField(_("email"))
    industry = models.ForeignKey(
        "reference.IndustrySection",
        verbose_name=_("industry of interest"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    interest = models.CharField(_("interest"), max_length=200, blank=True)
    activity = models.ForeignKey(
        PromotionActivity,
        verbose_name=_("event registered for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=8, default="zh-hans")
    status = models.CharField(
        _("status"), max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    response_due = models.DateField(_("first response due"))
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    response_note = models.TextField(_("response note"), blank=True)
    investor = models.ForeignKey(
        Investor,
        verbose_name=_("investor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    # A salted hash of the sender's address, for the rate limit; never the address itself.
    ip_hash = models.CharField(_("sender address hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "response_due"])]

    def __str__(self):
        return f"{self.reference} {self.organisation}"


class InquiryAnswer(models.Model):
    """An answer staff sent to an inquiry from its page: e-mailed to the sender in the
    inquiry's language (`emailed_at` once sent) and, when the inquiry is linked to an
    investor, kept among the investor's interactions too. The investor sees it when
    following the inquiry by its reference."""

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("answer"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    interaction = models.ForeignKey(
        Interaction,
        verbose_name=_("interaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answer to an inquiry")
        verbose_name_plural = _("answers to inquiries")
        ordering = ["sent_at", "id"]

    def __str__(self):
        return f"{self.inquiry.reference} {self.sent_at:%Y-%m-%d}"


class InquiryRoute(models.Model):
    """The named staff contact who answers inquiries about an industry section."""

    industry = models.OneToOneField(
        "reference.IndustrySection",
        verbose_name=_("industry"),
        on_delete=models.CASCADE,
        related_name="inquiry_route",
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff contact"),
        on_delete=models.CASCADE,
        related_name="inquiry_routes",
    )

    class Meta:
        verbose_name = _("inquiry route")
        verbose_name_plural = _("inquiry routes")

    def __str__(self):
        return f"{self.industry} → {self.contact}"


class InquirySettings(models.Model):
    """Bureau settings of the inquiry service (one row, pk 1): whether the public inquiry page
    shows the median first-response time of the last 90 days. Read through
    `investors.selectors.inquiry_settings`, changed through
    `investors.services.inquiry_settings_set` (bureau and administrators)."""

    publish_median_response = models.BooleanField(
        _("publish the median first-response time on the public site"), default=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inquiry settings")
        verbose_name_plural = _("inquiry settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="inquiry_settings_single_row")
        ]

    def __str__(self):
        return str(_("inquiry settings"))


class Merge(models.Model):
    """A merge of one investor into another: what moved (ids per relation), so it can be
    undone. The merged-away investor is kept, archived, with a pointer to the survivor."""

    source = models.ForeignKey(
        Investor, verbose_name=_("merged away"), on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        Investor, verbose_name=_("merged into"), on_delete=models.PROTECT, related_name="+"
    )
    moved = models.JSONField(_("moved"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("investor merge")
        verbose_name_plural = _("investor merges")
        ordering = ["-merged_at", "-id"]

    def __str__(self):
        return f"{self.source} → {self.target}"


class ImportBatch(models.Model):
    """An uploaded investor or contact file, parsed and checked, waiting for confirmation."""

    KIND_CHOICES = [("investors", _("Investors")), ("contacts", _("Contacts"))]

    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES)
    filename = models.CharField(_("file name"), max_length=200)
    rows = models.JSONField(_("rows"), default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    imported = models.PositiveIntegerField(_("rows imported"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.filename
