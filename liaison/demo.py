"""Demo liaison units, their staff, and an assignment for every contracted demo project."""

from accounts.models import Role, User

from .models import LiaisonUnit
from .selectors import assignments_in_force
from .services import liaison_assign

DEMO_UNITS = [
    ("commerce", "市商务局", "Municipal Bureau of Commerce"),
    ("ndrc", "市发展和改革委员会", "Municipal Development and Reform Commission"),
    ("nr", "市自然资源和规划局", "Municipal Bureau of Natural Resources and Planning"),
]


# The industry sections (GB/T 4754) each demo unit knows best, for the ranked suggestions.
UNIT_INDUSTRIES = {"commerce": ["F", "H", "I"], "ndrc": ["C", "D"], "nr": ["B", "E", "K"]}


def seed_liaison_units() -> dict[str, LiaisonUnit]:
    from reference.models import IndustrySection

    units = {}
    for code, zh, en in DEMO_UNITS:
        units[code], _created = LiaisonUnit.objects.update_or_create(
            code=code, defaults={"name_zh_hans": zh, "name_en": en}
        )
        if not units[code].industries.exists():
            units[code].industries.set(
                IndustrySection.objects.filter(code__in=UNIT_INDUSTRIES[code])
            )
    return units


def seed_funds(*, units, users, **_kwargs) -> None:
    """This year's and last year's fund allocations per demo unit; idempotent."""
    from django.utils import timezone

    from .models import FundAllocation
    from .services import fund_allocation_create

    if FundAllocation.objects.exists():
        return
    year = timezone.localdate().year
    for i, code in enumerate(["commerce", "ndrc", "nr"]):
        for y, amount, purpose in (
            (year - 1, 20 + 5 * i, "包联企业走访与服务经费"),
            (year, 25 + 5 * i, "包联企业走访与服务经费"),
            (year, 8, "企业诉求协调专项"),
        ):
            fund_allocation_create(
                user=users["bureau"], unit=units[code], year=y, amount_10k=amount, purpose=purpose
            )


# Staff of the other demo units (the commerce bureau's is one of accounts' demo users).
UNIT_STAFF = {
    "ndrc": ("liaison_ndrc", "发改委 赵刚"),
    "nr": ("liaison_nr", "自然资源局 孙颖"),
}


def seed_unit_staff(units) -> dict[str, User]:
    """One named person per other demo unit, with the demo password; idempotent."""
    from accounts.demo import DEMO_PASSWORD

    staff = {}
    for code, (username, name) in UNIT_STAFF.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=name, role=Role.LIAISON)
            user.set_password(DEMO_PASSWORD)
        user.liaison_unit = units[code]
        user.role = Role.LIAISON
        user.save()
        staff[code] = user
    return staff


def _unit_and_person(project, *, units, users):
    """Every fourth approved project (in the order they were created) is the commerce
    bureau's, the others alternate between the other units; projects never approved
    alternate between the other units too."""
    from projects.models import Project

    staff = seed_unit_staff(units)
    others = [(units[c], staff[c]) for c in UNIT_STAFF]
    if project.approval_date:
        i = Project.objects.filter(approval_date__isnull=False, pk__lt=project.pk).count()
        if i % 4 == 0:
            return units["commerce"], users["liaison"]
        return others[i % len(others)]
    return others[project.pk % len(others)]


def assign_demo_project(project, *, units, users) -> None:
    """Give a demo project its liaison unit and person from its contract date, unless one is
    in force (the hook projects' seeder calls before a project breaks ground)."""
    if assignments_in_force().filter(project=project).exists():
        return
    unit, person = _unit_and_person(project, units=units, users=users)
    liaison_assign(
        user=users["bureau"],
        project=project,
        unit=unit,
        person=person,
        start_date=project.contract_date or project.intent_date,
    )


def seed_assignments(*, units, users, **_kwargs) -> None:
    """An assignment for every demo project at contract or later that has none; idempotent."""
    from projects import workflow
    from projects.models import Project

    later = workflow.STAGE_CODES[workflow.index_of("contract") :]
    for project in Project.objects.filter(stage__in=later).order_by("pk"):
        assign_demo_project(project, units=units, users=users)
