"""Template filters of the statistics pages."""

from django import template
from django.utils.translation import gettext as _

from config.numbers import fmt_pct

register = template.Library()


@register.filter
def growth(pct) -> str:
    """Growth 同比 as the pages write it: "—" when there is none, 持平 / "unchanged" at zero,
    else the signed percentage."""
    if pct is None:
        return "—"
    if pct == 0:
        return _("unchanged")
    return fmt_pct(pct, signed=True)
