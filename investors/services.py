"""Writes on the investor database."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role

EDITABLE_FIELDS = ("name_zh_hans", "name_en", "country", "channel", "owner_region")


def can_edit_investor(user, investor) -> bool:
    """The investor database is shared city-wide; its owner region or the bureau edit it."""
    if user.is_bureau_or_admin:
        return True
    return user.role == Role.DISTRICT and investor.owner_region_id == user.region_id


@transaction.atomic
def investor_update(*, user, investor, data: dict):
    """Change an investor. A new country is carried onto the capital arrivals of its
    projects, which the statistics group by source country."""
    from projects.models import CapitalArrival

    if not can_edit_investor(user, investor):
        raise PermissionDenied(_("You may not change this investor."))
    changed = [f for f in EDITABLE_FIELDS if f in data and getattr(investor, f) != data[f]]
    for field in changed:
        setattr(investor, field, data[field])
    investor.full_clean()
    if changed:
        investor.save()
    if "country" in changed:
        CapitalArrival.objects.filter(project__investor=investor).update(country=investor.country)
    return investor
