"""Liaison units (联系单位): government departments responsible for introduced projects."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LiaisonUnit(models.Model):
    """A government department that serves the enterprises assigned to it."""

    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(_("code"), max_length=32, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("liaison unit")
        verbose_name_plural = _("liaison units")
        ordering = ["code"]

    def __str__(self):
        return self.name
