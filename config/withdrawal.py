"""A record entered in error or overturned is withdrawn, never deleted: it stays readable with
who withdrew it, when and why, and stops counting. The abstract model the apps' withdrawable
records share (a bureau verification, a monthly report)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Withdrawable(models.Model):
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawal_reason = models.TextField(_("withdrawal reason"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def mark_withdrawn(self, *, user, reason: str) -> None:
        """Record the withdrawal (the caller checks the right to and the reason)."""
        self.withdrawn_at = timezone.now()
        self.withdrawn_by = user
        self.withdrawal_reason = reason
        self.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
