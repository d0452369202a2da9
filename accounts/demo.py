"""Demo accounts, one per role, all with DEMO_PASSWORD. Only for dev/demo settings."""

from config.errors import DomainError

from .models import Role, User

DEMO_PASSWORD = "demo-pass-2026"


def seed_demo_users(*, regions, units) -> dict[str, User]:
    specs = [
        ("admin", ("周涛", "Zhou Tao"), Role.ADMIN, None, None),
        ("bureau", ("王敏", "Wang Min"), Role.BUREAU, None, None),
        ("district", ("李强", "Li Qiang"), Role.DISTRICT, regions["Chengdong District"], None),
        ("liaison", ("张丽", "Zhang Li"), Role.LIAISON, None, units["commerce"]),
        ("office110", ("陈静", "Chen Jing"), Role.OFFICE110, None, None),
    ]
    users = {}
    taken = [
        u.username
        for u in User.objects.filter(username__in=[s[0] for s in specs])
        if u.email != demo_email(u.username)
    ]
    if taken:
        # An installation's own account (its "admin", say) is never turned into a demo one.
        raise DomainError(
            f"These accounts exist and are not the demo's: {', '.join(sorted(taken))}. "
            "The demo changes only its own records; seed it into another database."
        )
    for username, name, role, region, unit in specs:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(DEMO_PASSWORD)
        # The unit is shown beside the name from the role (User.__str__), in each language.
        user.first_name, user.name_en = name
        user.email = demo_email(username)
        user.role = role
        user.region = region
        user.liaison_unit = unit
        user.is_staff = role == Role.ADMIN
        user.is_superuser = role == Role.ADMIN
        user.save()
        users[username] = user
    return users


def demo_email(username: str) -> str:
    """The demo accounts' address, by which seed_demo knows its own accounts."""
    return f"{username}@demo.invest-portal.local"
