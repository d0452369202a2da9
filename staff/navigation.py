"""The staff workspace's navigation, declared once: each entry names the roles that see it and
the group of work it belongs to. Entries are added here as features land; a role sees only
what it may open. The bar shows one menu per group (a group with one entry for the role is a
plain link), so a newcomer finds each page in one look, on the desktop and behind the phone's
Menu button."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role

ALL_ROLES = frozenset(Role.values)


# The groups of work, in the bar's order.
GROUPS: tuple[tuple[str, str], ...] = (
    ("home", _("Dashboard")),
    ("pipeline", _("Pipeline")),
    ("investors", _("Investors and chains")),
    ("service", _("Service")),
    ("reports", _("Statistics and reports")),
    ("site", _("Public site")),
    ("admin", _("Administration")),
)


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    roles: frozenset
    group: str = ""  # a key of GROUPS (tests/staff/test_navigation.py checks every entry)

    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str
    items: tuple[NavItem, ...]
    current: bool  # the page shown is one of its entries


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("dashboard", _("Dashboard"), "staff:dashboard", ALL_ROLES, "home"),
    NavItem("projects", _("Projects"), "projects:list", ALL_ROLES, "pipeline"),
    NavItem("board", _("Board"), "projects:board", ALL_ROLES, "pipeline"),
    NavItem(
        "targets",
        _("Targets"),
        "projects:targets",
        frozenset({Role.ADMIN, Role.BUREAU, Role.DISTRICT, Role.OFFICE110}),
        "pipeline",
    ),
    NavItem(
        "forecast",
        _("Year-end forecast"),
        "forecast:page",
        frozenset({Role.ADMIN, Role.BUREAU, Role.DISTRICT, Role.OFFICE110}),
        "reports",
    ),
    NavItem("investors", _("Investors"), "investors:list", ALL_ROLES, "investors"),
    NavItem("chains", _("Industrial chains"), "chains:list", ALL_ROLES, "investors"),
    NavItem(
        "chain_office",
        _("My office's workspace"),
        "chains:workspace",
        frozenset({Role.CHAIN_OFFICE}),
        "home",
    ),
    NavItem("stats", _("Statistics"), "stats:overview", ALL_ROLES, "reports"),
    NavItem(
        "reports",
        _("Monthly reports"),
        "stats:reports",
        frozenset({Role.ADMIN, Role.BUREAU, Role.DISTRICT, Role.OFFICE110}),
        "reports",
    ),
    NavItem(
        "service",
        _("Service & feedback"),
        "feedback:workspace",
        frozenset({Role.ADMIN, Role.BUREAU, Role.OFFICE110, Role.LIAISON}),
        "service",
    ),
    NavItem("appraisal", _("Appraisal"), "appraisal:list", ALL_ROLES, "reports"),
    NavItem(
        "funds",
        _("Fund allocations"),
        "liaison:funds",
        frozenset({Role.ADMIN, Role.BUREAU, Role.LIAISON}),
        "service",
    ),
    NavItem("regions", _("Regions"), "staff:regions", ALL_ROLES, "admin"),
    NavItem(
        "calendar",
        _("Working-day calendar"),
        "staff:calendar",
        frozenset({Role.ADMIN, Role.BUREAU}),
        "admin",
    ),
    NavItem(
        "imports",
        _("Imports"),
        "imports:index",
        frozenset({Role.ADMIN, Role.BUREAU}),
        "admin",
    ),
    NavItem(
        "site",
        _("Public site"),
        "sitecontent:index",
        frozenset({Role.ADMIN, Role.BUREAU}),
        "site",
    ),
    NavItem("admin", _("Administration"), "admin:index", frozenset({Role.ADMIN}), "admin"),
    NavItem(
        "go_live",
        _("Go-live checklist"),
        "staff:go_live",
        frozenset({Role.ADMIN, Role.BUREAU}),
        "admin",
    ),
    NavItem("api", _("API"), "swagger-ui", ALL_ROLES, "admin"),
)


def nav_for(user) -> list[NavItem]:
    role = Role.ADMIN if user.is_superuser else user.role
    return [item for item in NAV_ITEMS if role in item.roles]


def nav_groups_for(user, view_name: str | None = None) -> list[NavGroup]:
    """The user's entries by group, in the bar's order; groups with no entry left out."""
    items = nav_for(user)
    groups = []
    for key, label in GROUPS:
        mine = tuple(item for item in items if item.group == key)
        if mine:
            current = any(item.url_name == view_name for item in mine)
            groups.append(NavGroup(key, label, mine, current))
    return groups
