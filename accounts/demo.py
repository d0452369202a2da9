"""Demo accounts, one per role, all with DEMO_PASSWORD. Only for dev/demo settings."""

from .models import Role, User

DEMO_PASSWORD = "demo-pass-2026"


def seed_demo_users(*, regions, units) -> dict[str, User]:
    specs = [
        ("admin", "管理员", Role.ADMIN, None, None),
        ("bureau", "招商局 王敏", Role.BUREAU, None, None),
        ("district", "城东区 李强", Role.DISTRICT, regions["Chengdong District"], None),
        ("liaison", "商务局 张丽", Role.LIAISON, None, units["commerce"]),
        ("office110", "110办 陈静", Role.OFFICE110, None, None),
    ]
    users = {}
    for username, name, role, region, unit in specs:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(DEMO_PASSWORD)
        user.first_name = name
        user.role = role
        user.region = region
        user.liaison_unit = unit
        user.is_staff = role == Role.ADMIN
        user.is_superuser = role == Role.ADMIN
        user.save()
        users[username] = user
    return users
