"""The demo city's regions (示范市 / Demo City): four districts or counties, two zones."""

from .models import Region, RegionKind

# (code, zh, en, kind, parent code)
DEMO_REGIONS = [
    ("439900", "示范市", "Demo City", RegionKind.CITY, None),
    ("439902", "城东区", "Chengdong District", RegionKind.DISTRICT, "439900"),
    ("439903", "城西区", "Chengxi District", RegionKind.DISTRICT, "439900"),
    ("439921", "南山县", "Nanshan County", RegionKind.COUNTY, "439900"),
    ("439981", "江口市", "Jiangkou City", RegionKind.COUNTY_CITY, "439900"),
    (
        "",
        "示范经济技术开发区",
        "Demo Economic and Technological Development Zone",
        RegionKind.DEV_ZONE,
        "439900",
    ),
    (
        "",
        "城东高新技术产业开发区",
        "Chengdong High-tech Industrial Development Zone",
        RegionKind.DEV_ZONE,
        "439902",
    ),
]


def seed_regions() -> dict[str, Region]:
    """Create or update the demo regions; returns them by English name."""
    by_code: dict[str, Region] = {}
    by_name: dict[str, Region] = {}
    for order, (code, zh, en, kind, parent_code) in enumerate(DEMO_REGIONS):
        lookup = {"code": code} if code else {"name_en": en}
        region, _created = Region.objects.update_or_create(
            **lookup,
            defaults={
                "name_zh_hans": zh,
                "name_en": en,
                "kind": kind,
                "parent": by_code.get(parent_code) if parent_code else None,
                "sort_order": order,
            },
        )
        if code:
            by_code[code] = region
        by_name[en] = region
    return by_name
