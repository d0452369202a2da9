"""The staff workspace's navigation, declared once: each entry names the roles that see it.
Entries are added here as features land; a role sees only what it may open."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role

ALL_ROLES = frozenset(Role.values)


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    roles: frozenset

    def url(self) -> str:
        return reverse(self.url_name)


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("dashboard", _("Dashboard"), "staff:dashboard", ALL_ROLES),
    NavItem("projects", _("Projects"), "projects:list", ALL_ROLES),
    NavItem("board", _("Board"), "projects:board", ALL_ROLES),
    NavItem(
        "targets",
        _("Targets"),
        "projects:targets",
        frozenset({Role.ADMIN, Role.BUREAU, Role.DISTRICT, Role.OFFICE110}),
    ),
    NavItem("investors", _("Investors"), "investors:list", ALL_ROLES),
    NavItem("stats", _("Statistics"), "stats:overview", ALL_ROLES),
    NavItem(
        "reports",
        _("Monthly reports"),
        "stats:reports",
        frozenset({Role.ADMIN, Role.BUREAU, Role.DISTRICT, Role.OFFICE110}),
    ),
    NavItem(
        "service",
        _("Service & feedback"),
        "feedback:workspace",
        frozenset({Role.ADMIN, Role.BUREAU, Role.OFFICE110, Role.LIAISON}),
    ),
    NavItem("appraisal", _("Appraisal"), "appraisal:list", ALL_ROLES),
    NavItem(
        "funds",
        _("Fund allocations"),
        "liaison:funds",
        frozenset({Role.ADMIN, Role.BUREAU, Role.LIAISON}),
    ),
    NavItem("regions", _("Regions"), "staff:regions", ALL_ROLES),
    NavItem(
        "calendar",
        _("Working-day calendar"),
        "staff:calendar",
        frozenset({Role.ADMIN, Role.BUREAU}),
    ),
    NavItem("imports", _("Imports"), "imports:index", frozenset({Role.ADMIN, Role.BUREAU})),
    NavItem("site", _("Public site"), "sitecontent:index", frozenset({Role.ADMIN, Role.BUREAU})),
    NavItem("admin", _("Administration"), "admin:index", frozenset({Role.ADMIN})),
    NavItem("api", _("API"), "swagger-ui", ALL_ROLES),
)


def nav_for(user) -> list[NavItem]:
    role = Role.ADMIN if user.is_superuser else user.role
    return [item for item in NAV_ITEMS if role in item.roles]
