"""Which regions a user works on: shared by every app's scoping."""

from reference.selectors import region_descendant_ids

from .models import Role


def user_region_ids(user) -> set[int] | None:
    """The regions a district user works on (their region and the zones under it); None for
    users who are not bound to a region."""
    if user.role == Role.DISTRICT and not user.is_superuser:
        return region_descendant_ids(user.region) if user.region_id else set()
    return None
