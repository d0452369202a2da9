"""What the dashboard shows of the user's scope."""

from dataclasses import dataclass, field

from accounts.models import Role
from reference.models import Region
from reference.selectors import region_descendant_ids


@dataclass
class DashboardScope:
    role_label: str
    scope_label: str
    whole_city: bool
    regions: list = field(default_factory=list)


def dashboard_scope(user) -> DashboardScope:
    """The role and the regions or unit the user works on."""
    scope = DashboardScope(
        role_label=Role(user.role).label if not user.is_superuser else Role.ADMIN.label,
        scope_label=user.scope_label,
        whole_city=user.sees_whole_city,
    )
    if user.role == Role.DISTRICT and user.region_id:
        scope.regions = list(
            Region.objects.filter(pk__in=region_descendant_ids(user.region)).order_by(
                "sort_order", "code"
            )
        )
    elif user.sees_whole_city:
        scope.regions = list(Region.objects.all())
    return scope
