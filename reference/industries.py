"""GB/T 4754-2017 sections with their Chinese and English names (DESIGN.md section 9)."""

SECTIONS = [
    ("A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    ("B", "采矿业", "Mining"),
    ("C", "制造业", "Manufacturing"),
    ("D", "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water"),
    ("E", "建筑业", "Construction"),
    ("F", "批发和零售业", "Wholesale and retail"),
    ("G", "交通运输、仓储和邮政业", "Transport, storage and post"),
    ("H", "住宿和餐饮业", "Accommodation and catering"),
    ("I", "信息传输、软件和信息技术服务业", "Information transmission, software and IT services"),
    ("J", "金融业", "Finance"),
    ("K", "房地产业", "Real estate"),
    ("L", "租赁和商务服务业", "Leasing and business services"),
    ("M", "科学研究和技术服务业", "Scientific research and technical services"),
    ("N", "水利、环境和公共设施管理业", "Water, environment and public facilities"),
    ("O", "居民服务、修理和其他服务业", "Resident services, repair and other services"),
    ("P", "教育", "Education"),
    ("Q", "卫生和社会工作", "Health and social work"),
    ("R", "文化、体育和娱乐业", "Culture, sports and entertainment"),
    (
        "S",
        "公共管理、社会保障和社会组织",
        "Public administration, social security and social organisations",
    ),
    ("T", "国际组织", "International organisations"),
]


def sync_sections(model=None) -> None:
    """Create or update the 20 sections (used by the data migration and by seed_demo, which
    restores them after a test flushes the tables)."""
    from .models import three_industry_of

    if model is None:
        from .models import IndustrySection as model
    for code, zh, en in SECTIONS:
        model.objects.update_or_create(
            code=code,
            defaults={
                "name": zh,
                "name_zh_hans": zh,
                "name_en": en,
                "three_industry": str(three_industry_of(code)),
            },
        )


# GB/T 4754-2017: the two-digit divisions of each section (01–97, every number used). A class
# code ("2710"), a group ("271") or a division ("27") belongs to the section of its first two
# digits. Only sections are kept as reference rows; the divisions, groups and classes below
# them are checked by their code's shape and this table (no package ships the classes).
DIVISION_RANGES = (
    ("A", 1, 5), ("B", 6, 12), ("C", 13, 43), ("D", 44, 46), ("E", 47, 50), ("F", 51, 52),
    ("G", 53, 60), ("H", 61, 62), ("I", 63, 65), ("J", 66, 69), ("K", 70, 70), ("L", 71, 72),
    ("M", 73, 75), ("N", 76, 79), ("O", 80, 82), ("P", 83, 83), ("Q", 84, 85), ("R", 86, 90),
    ("S", 91, 96), ("T", 97, 97),
)  # fmt: skip


def section_of_class(code: str) -> str | None:
    """The section letter of a GB/T 4754 division, group or class code of 2 to 4 digits
    ("27", "271", "2710"), or None when the code is not one."""
    if not (code and code.isascii() and code.isdigit() and 2 <= len(code) <= 4):
        return None
    division = int(code[:2])
    for letter, low, high in DIVISION_RANGES:
        if low <= division <= high:
            return letter
    return None


def class_digits(code: str) -> str:
    """The digits of a chain's class as written on a chain or link ("C27" → "27", "2710" →
    "2710"); "" for a section letter alone ("C") or anything that is no code."""
    code = (code or "").strip().upper()
    if code[:1].isalpha():
        code = code[1:]
    return code if section_of_class(code) else ""
