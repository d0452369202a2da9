"""Users and their roles. A role decides what a user sees (see `accounts.scoping`)."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from config.names import Bilingual, name_text


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    BUREAU = "bureau", _("Bureau staff")
    DISTRICT = "district", _("District staff")
    LIAISON = "liaison", _("Liaison-unit staff")
    OFFICE110 = "office110", _("Complaint office (110)")
    CHAIN_OFFICE = "chain_office", _("Industry office")


class PortalUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A staff member. District staff belong to a region, liaison staff to a liaison unit."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.BUREAU)
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    liaison_unit = models.ForeignKey(
        "liaison.LiaisonUnit",
        verbose_name=_("liaison unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    # Industry-office staff work the chains of their office (chains.ChainOffice).
    chain_office = models.ForeignKey(
        "chains.ChainOffice",
        verbose_name=_("industry office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # The person's name in English (pinyin), shown on English pages; the Chinese name is
    # first_name / last_name. Empty: English pages show the name as written.
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    # The language the portal's e-mails to this person are written in (each recipient their
    # own: feedback.services renders every mail under translation.override of it).
    preferred_language = models.CharField(
        _("language for e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="district") | models.Q(region__isnull=False),
                name="district_user_has_region",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="liaison") | models.Q(liaison_unit__isnull=False),
                name="liaison_user_has_unit",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="chain_office") | models.Q(chain_office__isnull=False),
                name="chain_office_user_has_office",
            ),
        ]

    def __str__(self):
        """ "Unit · name" in the active language: 招商局 · 王敏 / Investment Promotion Bureau ·
        Wang Min. The unit comes from the role (a district's region, a liaison unit's name);
        the name is the English one on English pages where it is known."""
        unit = self.unit_label
        name = str(self.bilingual_name)
        return f"{unit} · {name}" if unit else name

    @property
    def bilingual_name(self):
        """The person's name in both languages (`config.names.Bilingual`): the Chinese name is
        first_name / last_name (or the username when none is given), the English one name_en.
        Pages show it with `{{ user|name }}`; a missing English name is marked there."""
        return Bilingual(self.get_full_name() or self.username, self.name_en)

    @property
    def person_name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.get_full_name() or self.username

    @property
    def unit_label(self) -> str:
        """The unit the user works for, in the active language (no query for a role whose
        unit is fixed); a unit without an English name is marked (config/names.py)."""
        if self.is_superuser or self.role == Role.ADMIN:
            return str(Role.ADMIN.label)
        if self.role == Role.BUREAU:
            return str(_("Investment Promotion Bureau"))
        if self.role == Role.OFFICE110:
            return str(_("110 complaint office"))
        unit = self.unit_record
        return name_text(unit) if unit is not None else ""

    @property
    def unit_record(self):
        """The region, liaison unit or industry office whose name is the user's unit, or None
        (the bureau, the 110 office, administrators)."""
        if self.is_superuser or self.role in (Role.ADMIN, Role.BUREAU, Role.OFFICE110):
            return None
        if self.role == Role.DISTRICT and self.region_id:
            return self.region
        if self.role == Role.LIAISON and self.liaison_unit_id:
            return self.liaison_unit
        if self.role == Role.CHAIN_OFFICE and self.chain_office_id:
            return self.chain_office
        return None

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.role == Role.DISTRICT and not self.region_id:
            raise ValidationError({"region": _("District staff must belong to a region.")})
        if self.role == Role.LIAISON and not self.liaison_unit_id:
            raise ValidationError(
                {"liaison_unit": _("Liaison-unit staff must belong to a liaison unit.")}
            )
        if self.role == Role.CHAIN_OFFICE and not self.chain_office_id:
            raise ValidationError(
                {"chain_office": _("Industry-office staff must belong to an industry office.")}
            )

    # Role predicates read better in templates and selectors than string comparisons.
    @property
    def is_admin_role(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_bureau_or_admin(self) -> bool:
        return self.is_admin_role or self.role == Role.BUREAU

    @property
    def sees_whole_city(self) -> bool:
        """Admin, bureau, the 110 office and the industry offices read every region's data."""
        return self.is_bureau_or_admin or self.role in (Role.OFFICE110, Role.CHAIN_OFFICE)

    @property
    def is_chain_office(self) -> bool:
        return self.role == Role.CHAIN_OFFICE and bool(self.chain_office_id)

    @property
    def scope_label(self) -> str:
        if self.role == Role.DISTRICT and self.region_id:
            return str(self.region)
        if self.role == Role.LIAISON and self.liaison_unit_id:
            return str(self.liaison_unit)
        if self.role == Role.CHAIN_OFFICE and self.chain_office_id:
            return str(self.chain_office)
        return str(_("Whole city"))


class ApiToken(AbstractAuthToken):
    """An API token of one user for one client (a script, an integration).

    Only a hash of the token is stored (django-rest-knox: SHA-512 digest, the first 15
    characters kept to find it); the token itself is shown once, when it is created. It expires
    (`API_TOKEN_TTL_DAYS`). `credentials` is a fingerprint of what the token was granted on —
    the password hash, role, region, liaison unit and active flag — taken at creation: when
    any of them changes, by whatever path (the password page, the Django admin, a shell), the
    token no longer authenticates and is deleted when next presented or by the nightly purge.
    """

    public_id = models.UUIDField(_("ID"), default=uuid.uuid4, unique=True, editable=False)
    client = models.CharField(_("client"), max_length=64, default="default")
    credentials = models.CharField(_("credentials fingerprint"), max_length=64, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(fields=["user", "client"], name="one_api_token_per_client")
        ]

    def __str__(self):
        return f"{self.user} · {self.client} · {self.token_key[:8]}…"
