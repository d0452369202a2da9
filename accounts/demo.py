"""Demo accounts, one per role, all with DEMO_PASSWORD. Only for dev/demo settings."""

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
    for username, name, role, region, unit in specs:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(DEMO_PASSWORD)
        # The unit is shown beside the name from the role (User.__str__), in each language.
        user.first_name, user.name_en = name
        user.email = f"{username}@demo.invest-portal.local"
        user.role = role
        user.region = region
        user.liaison_unit = unit
        user.is_staff = role == Role.ADMIN
        user.is_superuser = role == Role.ADMIN
        user.save()
        users[username] = user
    return users
