"""Users and their roles. A role decides what a user sees (see `accounts.scoping`)."""

import uuid

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    BUREAU = "bureau", _("Bureau staff")
    DISTRICT = "district", _("District staff")
    LIAISON = "liaison", _("Liaison-unit staff")
    OFFICE110 = "office110", _("Complaint office (110)")


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
    phone = models.CharField(_("phone"), max_length=32, blank=True)

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
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.role == Role.DISTRICT and not self.region_id:
            raise ValidationError({"region": _("District staff must belong to a region.")})
        if self.role == Role.LIAISON and not self.liaison_unit_id:
            raise ValidationError(
                {"liaison_unit": _("Liaison-unit staff must belong to a liaison unit.")}
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
        """Admin, bureau and the 110 office read every region's data."""
        return self.is_bureau_or_admin or self.role == Role.OFFICE110

    @property
    def scope_label(self) -> str:
        if self.role == Role.DISTRICT and self.region_id:
            return str(self.region)
        if self.role == Role.LIAISON and self.liaison_unit_id:
            return str(self.liaison_unit)
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
