from .models import LiaisonUnit

DEMO_UNITS = [
    ("commerce", "市商务局", "Municipal Bureau of Commerce"),
    ("ndrc", "市发展和改革委员会", "Municipal Development and Reform Commission"),
    ("nr", "市自然资源和规划局", "Municipal Bureau of Natural Resources and Planning"),
]


def seed_liaison_units() -> dict[str, LiaisonUnit]:
    units = {}
    for code, zh, en in DEMO_UNITS:
        units[code], _created = LiaisonUnit.objects.update_or_create(
            code=code, defaults={"name_zh_hans": zh, "name_en": en}
        )
    return units
