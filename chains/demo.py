"""The demo's industrial chains: the seed's three advantage chains (pharmaceuticals, textiles,
food processing) and the resource chain (盐、膏、磺、铝、珠: salt, gypsum, sulphur, aluminium,
pearls), each with its links and their gaps, an industry office and its officer, target
companies (a dozen), the demo projects put in their links and this year's chain targets.
Idempotent: nothing is added once a chain exists."""

import datetime as dt

from django.utils import timezone

from accounts.models import Role, User
from investors import services as investor_services
from investors.models import Investor
from projects.models import Project
from reference.models import Region, RegionKind

from . import services
from .models import Chain, ChainLink, ChainOffice

# (slug, site page, zh, en, classes, leader zh, leader en, title zh, title en, office code,
#  office zh, office en, links)
# A link: (segment, zh, en, products zh, products en, gap, reason, project tag or None)
CHAINS = [
    (
        "pharmaceuticals", "pharmaceuticals", "生物医药产业链", "Pharmaceuticals chain",
        ["C27"], "刘洋", "Liu Yang", "副市长", "Vice Mayor",
        "pharma-office", "生物医药产业招商办公室", "Pharmaceuticals Promotion Office",
        [
            ("upstream", "中药材种植", "Medicinal herbs", "道地药材", "Local herbs", "strong",
             "全市药材基地3万亩。", None),
            ("midstream", "原料药及中间体", "Active ingredients and intermediates",
             "原料药、医药中间体", "APIs, intermediates", "weak", "仅2家企业，规模小。",
             "医药中间体生产基地"),
            ("midstream", "制剂", "Finished dosage forms", "片剂、注射剂", "Tablets, injections",
             "missing", "本地无制剂企业，原料药外销后加工。", None),
            ("downstream", "医药流通", "Distribution", "医药物流", "Pharma logistics", "weak",
             "缺少冷链医药物流。", None),
            ("services", "研发外包", "Contract research", "CRO、检测", "CRO, testing", "missing",
             "无第三方检测机构。", "生物医药研发中心"),
        ],
    ),
    (
        "textiles", "textiles", "纺织服装产业链", "Textiles chain", ["C17", "C18"], "陈伟",
        "Chen Wei", "市委常委", "Member of the Municipal Standing Committee",
        "textile-office", "纺织服装产业招商办公室", "Textiles Promotion Office",
        [
            ("upstream", "纺纱", "Spinning", "棉纱、混纺纱", "Cotton and blended yarn", "strong",
             "纱锭50万枚。", None),
            ("midstream", "面料织造", "Weaving", "高端面料", "High-end fabrics", "weak",
             "印染环节受环保容量限制。", "高端纺织面料项目"),
            ("midstream", "印染", "Dyeing and finishing", "印染", "Dyeing", "missing",
             "无集中印染园区。", None),
            ("downstream", "服装及家纺", "Garments and home textiles", "服装、家纺",
             "Garments, home textiles", "weak", "以代工为主，缺少品牌。", None),
        ],
    ),
    (
        "food-processing", "food-processing", "食品加工产业链", "Food processing chain",
        ["C13", "C14"], "王芳", "Wang Fang", "副市长", "Vice Mayor",
        "food-office", "食品加工产业招商办公室", "Food Processing Promotion Office",
        [
            ("upstream", "优质农产品基地", "Farm produce", "粮油、果蔬", "Grain, oil, fruit",
             "strong", "国家级农产品基地。", None),
            ("midstream", "食品深加工", "Food processing", "休闲食品、预制菜",
             "Snacks, ready meals", "weak", "精深加工率不足三成。", "绿色食品加工园"),
            ("downstream", "冷链物流", "Cold chain", "冷库、冷链运输", "Cold storage, transport",
             "missing", "冷库容量缺口大。", "现代物流中心"),
            ("services", "包装与检测", "Packaging and testing", "食品包装", "Food packaging",
             "weak", "包装依赖外地。", None),
        ],
    ),
    (
        "resources", "salt", "资源型产业链（盐、膏、磺、铝、珠）",
        "Resource chain (salt, gypsum, sulphur, aluminium, pearls)", ["B10", "C26", "C30", "C32"],
        "赵刚", "Zhao Gang", "市长", "Mayor",
        "resource-office", "资源产业招商办公室", "Resource Industries Promotion Office",
        [
            ("upstream", "岩盐及石膏开采", "Rock salt and gypsum mining", "岩盐、石膏",
             "Rock salt, gypsum", "strong", "探明储量丰富。", None),
            ("midstream", "盐化工", "Salt chemicals", "纯碱、烧碱", "Soda ash, caustic soda",
             "weak", "仅有精制盐。", "精制盐及盐化工项目"),
            ("midstream", "石膏新型建材", "Gypsum building materials", "纸面石膏板",
             "Plasterboard", "weak", "产品单一。", "石膏新型建材项目"),
            ("midstream", "硫磺及铝加工", "Sulphur and aluminium processing", "硫酸、铝型材",
             "Sulphuric acid, aluminium profiles", "missing", "资源外运，无本地加工。", None),
            ("downstream", "珍珠深加工及文旅", "Pearl processing and tourism", "珍珠饰品、珍珠粉",
             "Jewellery, pearl powder", "weak", "初级加工为主。", "珍珠深加工及文旅项目"),
        ],
    ),
]  # fmt: skip

# The GB/T 4754 classes of the links (their landed projects of these classes are local
# enterprises too, linked by hand or not).
LINK_CLASSES = {
    "原料药及中间体": ["C271"],
    "制剂": ["C272"],
    "纺纱": ["C1711"],
    "面料织造": ["C1712"],
    "印染": ["C1713"],
    "服装及家纺": ["C18"],
    "食品深加工": ["C14"],
    "岩盐及石膏开采": ["B103", "B1011"],
    "盐化工": ["C2612"],
    "石膏新型建材": ["C302"],
    "珍珠深加工及文旅": ["C2438"],
}

# (chain slug, link zh, company zh, company en, country, priority, outreach steps)
TARGETS = [
    ("pharmaceuticals", "制剂", "韩国大成制药", "", "KR", "high", ["contacted", "visiting"]),
    ("pharmaceuticals", "制剂", "瑞士洛迪制药", "Lodi Pharma AG", "CH", "high", ["contacted"]),
    ("pharmaceuticals", "研发外包", "新加坡康研检测", "Kangyan Testing Pte", "SG", "medium", []),
    ("pharmaceuticals", "原料药及中间体", "印度瑞迪原料药", "Reddi APIs Ltd", "IN", "medium", []),
    (
        "textiles",
        "印染",
        "日本三和纺织",
        "",
        "JP",
        "high",
        ["contacted", "visiting", "negotiating"],
    ),
    ("textiles", "印染", "意大利科莫印染", "Como Tintoria S.p.A.", "IT", "medium", []),
    ("textiles", "服装及家纺", "香港雅丽服饰", "Elegance Apparel HK", "HK", "low", ["contacted"]),
    ("food-processing", "冷链物流", "英国海湾物流", "", "GB", "high", ["contacted"]),
    (
        "food-processing",
        "食品深加工",
        "美国绿谷食品",
        "",
        "US",
        "medium",
        ["contacted", "visiting"],
    ),
    ("food-processing", "包装与检测", "德国施耐包装", "Schnell Verpackung GmbH", "DE", "low", []),
    ("resources", "硫磺及铝加工", "澳大利亚石膏资源", "", "AU", "medium", ["contacted"]),
    ("resources", "硫磺及铝加工", "挪威北铝集团", "Nordal Aluminium ASA", "NO", "high", []),
    ("resources", "珍珠深加工及文旅", "法国珍珠之光", "", "FR", "medium", ["contacted"]),
]


def seed_chains(*, regions, units, users):
    if Chain.objects.exists():
        return
    bureau = users["bureau"]
    today = timezone.localdate()
    chains = {}
    city = Region.objects.filter(kind=RegionKind.CITY).first()
    for order, spec in enumerate(CHAINS):
        slug, site, zh, en, classes, lz, le, tz, te, code, oz, oe, links = spec
        office = ChainOffice.objects.create(code=code, name=oz, name_zh_hans=oz, name_en=oe)
        chain = Chain.objects.create(
            slug=slug, site_slug=site, name=zh, name_zh_hans=zh, name_en=en,
            industry_classes=classes, leader_name=lz, leader_name_zh_hans=lz, leader_name_en=le,
            leader_title=tz, leader_title_zh_hans=tz, leader_title_en=te, office=office,
            sort_order=order,
        )  # fmt: skip
        chains[slug] = chain
        for i, (segment, lzh, len_, pz, pe, gap, reason, theme) in enumerate(links):
            link = ChainLink.objects.create(
                chain=chain, segment=segment, name=lzh, name_zh_hans=lzh, name_en=len_,
                key_products=pz, key_products_zh_hans=pz, key_products_en=pe, sort_order=i,
                industry_classes=LINK_CLASSES.get(lzh, []),
            )  # fmt: skip
            services.link_rate_gap(
                user=bureau, link=link, gap=gap, reason=reason,
                rated_on=today - dt.timedelta(days=30 + i),
            )  # fmt: skip
            if gap == "strong":
                local = Investor.objects.filter(name_zh_hans=f"示范市{lzh}企业").first()
                local = local or investor_services.investor_create(
                    user=bureau,
                    data={"name_zh_hans": f"示范市{lzh}企业", "name_en": f"Demo City {len_} Co.",
                          "country": "CN", "owner_region": city},
                )  # fmt: skip
                services.local_enterprise_add(user=bureau, link=link, investor=local)
            if theme:
                for project in Project.objects.filter(name_zh_hans__endswith=theme):
                    services.project_link_add(user=bureau, project=project, link=link)
        services.chain_target_set(
            user=bureau, chain=chain, year=today.year, person_name_zh_hans=lz,
            person_name_en=le, person_title_zh_hans=tz, person_title_en=te,
            negotiated=6, approved=3, started=2, utilized_fdi_usd_10k=800,
        )  # fmt: skip
    # Industrial targets of two districts, all industrial projects, with the district's
    # person answerable (no chain).
    for name, (pz, pt) in (
        ("Chengdong District", ("周强", "区长")),
        ("Chengxi District", ("吴敏", "副区长")),
    ):
        if name in regions:
            services.chain_target_set(
                user=bureau,
                chain=None,
                region=regions[name],
                year=today.year,
                person_name=pz,
                person_title=pt,
                negotiated=4,
                approved=2,
                started=1,
                utilized_fdi_usd_10k=500,
            )
    _seed_office_user(chains["pharmaceuticals"].office)
    for slug, link_zh, zh, en, country, priority, steps in TARGETS:
        link = ChainLink.objects.get(chain=chains[slug], name_zh_hans=link_zh)
        investor = Investor.objects.filter(name_zh_hans=zh).first()
        new = None
        if investor is None:
            new = {"name_zh_hans": zh, "name_en": en, "country": country, "owner_region": city}
        target = services.target_company_add(
            user=bureau, link=link, investor=investor, new_investor=new, priority=priority
        )
        for n, to in enumerate(steps):
            services.target_company_move(
                user=bureau, target=target, state=to,
                date=today - dt.timedelta(days=20 * (len(steps) - n)),
                summary=f"{to}: {zh}", kind="visit" if to == "visiting" else "call",
            )  # fmt: skip


def _seed_office_user(office):
    """The demo's industry-office officer (chain_office / the demo password)."""
    from accounts.demo import DEMO_PASSWORD

    user = User.objects.filter(username="chain_office").first()
    if user is None:
        user = User(username="chain_office")
        user.set_password(DEMO_PASSWORD)
    user.first_name, user.name_en = "孙悦", "Sun Yue"
    user.email = "chain_office@demo.invest-portal.local"
    user.role = Role.CHAIN_OFFICE
    user.chain_office = office
    user.save()
    return user
