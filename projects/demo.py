"""Demo pipeline: a realistic spread of projects over the demo regions across 2025 and 2026,
at every stage, with capital arrivals, built through the services so history is real.

The figures reproduce the seed's section 1 for January–November 2026: 38 newly approved
foreign-invested enterprises, total investment 224,779 (10k CNY, +46.9%), contracted foreign
capital 15,827 (10k USD, +37.5%), foreign capital arrived 11,136 (10k USD, +32.8%)."""

import datetime as dt
import random
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from investors.models import Agent, Investor, PromotionActivity, source_group_of
from reference.models import IndustrySection

from . import services, workflow
from .models import CapitalArrival, CheckResult, Project, RegionTarget, Tag

# (year, approved FIE count Jan–Nov, total investment, contracted FDI, arrivals Jan–Nov)
SEED_FIGURES = {
    2026: (38, 224779, 15827, 11136),
    2025: (31, 153015, 11510, 8385),
}

TAGS = [
    ("pharma", "医药", "Pharmaceuticals"),
    ("textile", "纺织", "Textiles"),
    ("food", "食品加工", "Food processing"),
    ("salt", "盐", "Salt"),
    ("gypsum", "石膏", "Gypsum"),
    ("pearl", "珍珠", "Pearls"),
    ("logistics", "物流", "Logistics"),
    ("new-energy", "新能源", "New energy"),
]
INVESTORS = [
    ("香港华盛投资有限公司", "Hong Kong Huasheng Investment Ltd.", "HK", "hometown"),
    ("澳门永利实业", "Macao Wingli Industrial", "MO", "hometown"),
    ("台湾宏达精密", "Taiwan Hongda Precision", "TW", "referral"),
    ("新加坡丰源集团", "Singapore Fengyuan Group", "SG", "alumni"),
    ("德国巴斯特化工", "Baster Chemie GmbH", "DE", "fair"),
    ("美国绿谷食品", "Green Valley Foods Inc.", "US", "website"),
    ("日本三和纺织", "Sanwa Textile Co., Ltd.", "JP", "sister_city"),
    ("韩国大成制药", "Daesung Pharmaceutical", "KR", "fair"),
    ("英国海湾物流", "Gulf Bay Logistics plc", "GB", "agent"),
    ("法国珍珠之光", "Lumière de Perle SAS", "FR", "sister_city"),
    ("荷兰纽蓝能源", "NewBlue Energy B.V.", "NL", "website"),
    ("澳大利亚石膏资源", "Austral Gypsum Resources Pty", "AU", "agent"),
]
PROJECT_THEMES = [
    (
        "医药中间体生产基地",
        "Pharmaceutical intermediates plant",
        "C",
        "advantage_industry",
        ["pharma"],
    ),
    ("高端纺织面料项目", "High-end textile fabrics", "C", "advantage_industry", ["textile"]),
    ("绿色食品加工园", "Green food processing park", "C", "advantage_industry", ["food"]),
    ("精制盐及盐化工项目", "Refined salt and salt chemicals", "B", "resource", ["salt"]),
    ("石膏新型建材项目", "Gypsum building materials", "C", "resource", ["gypsum"]),
    ("珍珠深加工及文旅项目", "Pearl processing and tourism", "C", "resource", ["pearl"]),
    ("现代物流中心", "Modern logistics centre", "G", "infrastructure", ["logistics"]),
    ("分布式光伏电站", "Distributed solar power station", "D", "infrastructure", ["new-energy"]),
    ("软件外包服务中心", "Software outsourcing centre", "I", "other", []),
    ("生物医药研发中心", "Biomedical R&D centre", "M", "advantage_industry", ["pharma"]),
]
# The GB/T 4754 class of each theme (in its section), by which the chains' links find the
# landed projects of their classes.
THEME_CLASSES = {
    "医药中间体生产基地": "2710",
    "高端纺织面料项目": "1712",
    "绿色食品加工园": "1499",
    "精制盐及盐化工项目": "1030",
    "石膏新型建材项目": "3024",
    "珍珠深加工及文旅项目": "2438",
    "现代物流中心": "5990",
    "分布式光伏电站": "4416",
    "软件外包服务中心": "6510",
    "生物医药研发中心": "7340",
}
ENTERPRISE_TYPES = ["wfoe", "equity_jv", "contractual_jv", "wfoe", "fie_joint_stock"]


def _split(total: int, n: int, rng: random.Random) -> list[int]:
    """n positive integers summing exactly to total, unevenly, like real projects."""
    weights = [rng.uniform(0.3, 3.0) for _ in range(n)]
    scale = total / sum(weights)
    parts = [max(1, int(w * scale)) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def seed_projects(*, regions, units, users, before_groundbreaking=None):
    """Create the demo pipeline once; a second run finds projects and changes nothing.

    A project needs a liaison assignment before it may break ground (workflow gate). The
    pipeline does not import liaison/: the seeder above it passes `before_groundbreaking`, a
    callable given the project just before that move, which assigns one."""
    _seed_tags()
    if Project.objects.exists():
        return
    rng = random.Random(2026)  # noqa: S311 - reproducible demo data, not security
    today = timezone.localdate()
    bureau, district = users["bureau"], users["district"]
    zones = [r for name, r in regions.items() if name != "Demo City"]
    investors = _seed_investors(regions, rng)
    agents = _seed_agents()
    activities = _seed_activities(regions, bureau)
    industries = {s.code: s for s in IndustrySection.objects.all()}
    tags = {t.slug: t for t in Tag.objects.all()}
    counter = iter(range(1, 10_000))

    def _demo_unusual_reason(investor, capital_source, total, fdi) -> str:
        """The demo's figures are drawn at random: say why where they would look unusual,
        as a district would (projects.services asks for it)."""
        reasons = []
        if capital_source != "domestic" and fdi * settings.PLAUSIBILITY_CNY_PER_USD > total:
            reasons.append("外方以设备和技术作价增资，总投资待变更登记。")
        if source_group_of(investor.country) != capital_source:
            reasons.append("投资方经其境内或港澳子公司出资。")
        return "".join(reasons)

    def make(
        region,
        approval,
        total,
        fdi,
        *,
        capital_source="foreign",
        extra_stages=0,
        stop_at=None,
        intent_on=None,
    ):
        """One project reaching approval on `approval` (or stopping earlier at `stop_at`),
        entering intent on `intent_on` when given."""
        n = next(counter)
        zh, en, section, category, tag_slugs = PROJECT_THEMES[n % len(PROJECT_THEMES)]
        investor = investors[n % len(investors)]
        if capital_source == "hmt":
            investor = investors[n % 3]
        elif capital_source == "foreign":
            investor = investors[3 + n % (len(investors) - 3)]
        user = district if region == regions["Chengdong District"] else bureau
        intent = approval - dt.timedelta(days=rng.randint(70, 150))
        intent = intent_on or intent
        data = {
            "name_zh_hans": f"{investor.name_zh_hans[:4]}{zh}",
            "name_en": f"{en} ({investor.name_en.split()[0]})" if n % 9 else "",
            "description_zh_hans": f"{zh}，由{investor.name_zh_hans}投资。",
            "description_en": f"{en}, invested by {investor.name_en}." if n % 9 else "",
            "region": region,
            "investor": investor,
            "industry": industries[section],
            "industry_class": THEME_CLASSES.get(zh, ""),
            "category": category,
            "capital_source": capital_source,
            "enterprise_type": "domestic"
            if capital_source == "domestic"
            else ENTERPRISE_TYPES[n % len(ENTERPRISE_TYPES)],
            "total_investment_cny_10k": Decimal(total),
            "contracted_fdi_usd_10k": Decimal(0 if capital_source == "domestic" else fdi),
            "source_activity": activities[n % len(activities)] if n % 3 else None,
            "is_published": n % 4 == 0,
            "unusual_reason": _demo_unusual_reason(investor, capital_source, total, fdi),
        }
        kind = ["staff", "agent", "enterprise", ""][n % 4]
        data["introducer_kind"] = kind
        if kind == "staff":
            data["introducer_user"] = user
        elif kind == "agent":
            data["introducer_agent"] = agents[n % len(agents)]
        elif kind == "enterprise":
            data["introducer_enterprise"] = investors[(n + 1) % len(investors)]
        project = services.project_create(
            user=user, data=data, tags=[tags[s] for s in tag_slugs], intent_date=intent
        )
        dates = {
            "contract": approval - dt.timedelta(days=rng.randint(5, 45)),
            "approval": approval,
        }
        dates["groundbreaking"] = approval + dt.timedelta(days=rng.randint(20, 120))
        dates["operation"] = dates["groundbreaking"] + dt.timedelta(days=rng.randint(150, 300))
        last = stop_at or workflow.STAGE_CODES[2 + extra_stages]
        for stage in workflow.STAGE_CODES[1 : workflow.index_of(last) + 1]:
            if dates[stage] > today:
                break
            if stage == "groundbreaking" and before_groundbreaking:
                project.refresh_from_db()
                before_groundbreaking(project)
            services.project_transition(
                user=user,
                project=project,
                to=stage,
                date=dates[stage],
                note=_NOTES[stage],
            )
        return project

    approved = []
    for year, (count, total, fdi, _arrived) in SEED_FIGURES.items():
        invest_parts = _split(total, count, rng)
        fdi_parts = _split(fdi, count, rng)
        for i in range(count):
            month = 1 + i * 11 // count
            approval = dt.date(year, month, rng.randint(1, 28))
            if approval > today:
                approval = today
            source = "hmt" if i % 4 == 0 else "foreign"
            extra = 0 if year == 2026 and month > 8 else (2 if year == 2025 and i % 3 == 0 else 1)
            approved.append(
                make(
                    zones[i % len(zones)],
                    approval,
                    invest_parts[i],
                    fdi_parts[i],
                    capital_source=source,
                    extra_stages=min(extra, 2),
                )
            )
    # December 2025 approvals: count for the full year, not for January–November.
    for i in range(3):
        approved.append(
            make(zones[i], dt.date(2025, 12, 10 + i), 4000 + 500 * i, 300, extra_stages=1)
        )
    # Early-stage and domestic projects: intent and contract only, some stalled, one dropped.
    # The stalled ones entered intent 80, 125 and 170 days ago and nothing happened since:
    # their clock comes from that real date, like every project's (services.last_activity_date).
    stalled, domestic = [], []
    for i in range(14):
        stop = "intent" if i % 2 else "contract"
        approval = today - dt.timedelta(days=rng.randint(20, 200))
        stalls = i in (1, 4, 7)
        p = make(
            zones[i % len(zones)],
            approval,
            rng.randint(800, 30000),
            rng.randint(50, 2000),
            capital_source="domestic" if i % 5 == 4 else "foreign",
            stop_at="intent" if stalls else stop,
            intent_on=today - dt.timedelta(days=65 + 15 * i) if stalls else None,
        )
        if stalls:
            stalled.append(p.pk)
        if p.capital_source == "domestic" and i != 9:
            domestic.append(p)
        if i == 9:
            services.project_drop(user=bureau, project=p, reason="投资方战略调整，暂停在华投资")

    _seed_arrivals(approved, users["bureau"], rng, today)
    _seed_domestic(domestic, approved, users["bureau"], today)
    _seed_targets(zones)
    _seed_follow_ups(users, today, exclude=stalled)
    _seed_checks(bureau, approved, today)


def _seed_checks(bureau, approved, today):
    """The bureau's spot checks this year: three confirmed, and one project found falsely
    reported (a deduction for its region at the year-end appraisal) that its district has
    not corrected yet."""
    this_year = list(
        Project.objects.filter(
            pk__in=[p.pk for p in approved], approval_date__year=today.year
        ).order_by("approval_date", "pk")
    )

    def checked_on(p):  # a few days after the approval it checks, and not ahead of today
        return min(today, max(p.approval_date + dt.timedelta(days=5), today - dt.timedelta(20)))

    for p in this_year[:3]:
        services.check_record(
            user=bureau,
            project=p,
            checked_on=checked_on(p),
            result=CheckResult.CONFIRMED,
            finding="现场核查：企业已注册，合同、批文与报送一致。",
        )
    if len(this_year) > 3:
        p = this_year[-1]
        services.check_record(
            user=bureau,
            project=p,
            checked_on=checked_on(p),
            result=CheckResult.FALSIFIED,
            finding="现场核查：报送的合同外资额与合同文本不符，合同外资实为报送数的一半。",
        )


FOLLOW_UPS = [
    ("visit", "上门走访，了解项目推进情况"),
    ("call", "电话跟进，协调用地和审批事项"),
    ("meeting", "召开项目推进会"),
]


def _seed_follow_ups(users, today, *, exclude):
    """Recent follow-up work on the active projects short of operation (all but the stalled
    ones), logged through the service, which sets each project's clock from the real date."""
    rng = random.Random(14)  # noqa: S311 - reproducible demo data; its own stream
    district = users["district"]
    projects = (
        Project.objects.filter(status="active")
        .exclude(stage=workflow.LAST)
        .exclude(pk__in=exclude)
        .select_related("region")
        .order_by("pk")
    )
    for p in projects:
        user = district if district.region_id == p.region_id else users["bureau"]
        kind, summary = FOLLOW_UPS[p.pk % len(FOLLOW_UPS)]
        date = max(today - dt.timedelta(days=rng.randint(2, 50)), p.last_activity_on)
        services.project_activity_log(user=user, project=p, date=date, kind=kind, summary=summary)


_NOTES = {
    "contract": "签订投资合同",
    "approval": "完成外商投资信息报告及登记",
    "groundbreaking": "项目开工仪式",
    "operation": "竣工投产",
}


def _seed_tags():
    for slug, zh, en in TAGS:
        Tag.objects.update_or_create(slug=slug, defaults={"name_zh_hans": zh, "name_en": en})


def _seed_investors(regions, rng):
    owners = [r for name, r in regions.items() if name != "Demo City"]
    result = []
    for i, (zh, en, country, channel) in enumerate(INVESTORS):
        inv, _c = Investor.objects.get_or_create(
            name_zh_hans=zh,
            defaults={
                "name_en": en,
                "country": country,
                "channel": channel,
                "owner_region": owners[i % len(owners)],
            },
        )
        result.append(inv)
    return result


def _seed_agents():
    specs = [
        ("刘建国", "市驻深圳招商联络处"),
        ("Anna Müller", "Sino-German Business Bridge"),
        ("黄志明", "香港湖南同乡会"),
    ]
    return [Agent.objects.get_or_create(name=n, defaults={"organisation": o})[0] for n, o in specs]


def _seed_activities(regions, bureau):
    specs = [
        (
            "2025湘洽会示范市专场",
            "Demo City session, Hunan Investment Fair 2025",
            "fair",
            dt.date(2025, 5, 18),
            dt.date(2025, 5, 20),
            "长沙",
            Decimal("320"),
        ),
        (
            "赴德国小分队招商",
            "Small-team delegation to Germany",
            "delegation",
            dt.date(2025, 9, 8),
            dt.date(2025, 9, 15),
            "Frankfurt",
            Decimal("85"),
        ),
        (
            "粤港澳大湾区路演",
            "Greater Bay Area roadshow",
            "roadshow",
            dt.date(2026, 3, 12),
            dt.date(2026, 3, 14),
            "深圳",
            Decimal("120"),
        ),
        (
            "云招商直播推介会",
            "Online investment promotion live stream",
            "online",
            dt.date(2026, 6, 1),
            dt.date(2026, 6, 1),
            "线上",
            Decimal("12"),
        ),
    ]
    result = []
    for zh, en, kind, start, end, place, cost in specs:
        act, _c = PromotionActivity.objects.get_or_create(
            name_zh_hans=zh,
            defaults={
                "name_en": en,
                "kind": kind,
                "start_date": start,
                "end_date": end,
                "place": place,
                "cost_cny_10k": cost,
                "organiser_region": regions["Demo City"],
                "created_by": bureau,
            },
        )
        result.append(act)
    return result


def _seed_arrivals(projects, user, rng, today):
    foreign = [p for p in projects if p.is_foreign_invested]
    for year, (_n, _t, _f, arrived) in SEED_FIGURES.items():
        parts = _split(arrived, 24, rng)
        for i, amount in enumerate(parts):
            month = 1 + i * 11 // len(parts)
            date = min(dt.date(year, month, rng.randint(1, 28)), today)
            candidates = [p for p in foreign if p.intent_date <= date] or foreign
            project = candidates[i % len(candidates)]
            if i % 3 == 1:
                # HKD at a rate that converts exactly, to show per-record conversion.
                services.capital_arrival_create(
                    user=user,
                    project=project,
                    date=date,
                    amount=Decimal(amount) * 8,
                    currency="HKD",
                    usd_rate=Decimal("0.125"),
                    rate_source="PBOC midpoint",
                )
            else:
                services.capital_arrival_create(
                    user=user,
                    project=project,
                    date=date,
                    amount=Decimal(amount),
                    currency="USD",
                )
    # December 2025 arrivals: in the full year, outside January–November.
    if foreign:
        services.capital_arrival_create(
            user=user,
            project=foreign[0],
            date=dt.date(2025, 12, 15),
            amount=Decimal(640),
            currency="USD",
        )
    assert CapitalArrival.objects.exists()


def _seed_domestic(domestic, approved, user, today):
    """Domestic capital from outside the province on the domestic projects (issue 26), and
    the unified social credit code of the first approved enterprise (real-format codes whose
    check characters are right)."""
    provinces = ["44", "32", "33", "11"]
    for n, project in enumerate(domestic):
        for k, days in enumerate((20, 45)):
            date = max(today - dt.timedelta(days=days + 10 * n), project.intent_date)
            services.domestic_arrival_create(
                user=user,
                project=project,
                date=date,
                amount_cny_10k=Decimal(1200 + 350 * n + 100 * k),
                source_province=provinces[(n + k) % len(provinces)],
            )
    for project, code in zip(approved, ("91350100M000100Y43", "91110000600037341L"), strict=False):
        services.project_update(user=user, project=project, data={"unified_credit_code": code})


# Targets as a bureau would set them: stretching, so that some regions reach them and some
# fall short (negotiated, approved, started, utilized foreign capital in 万美元).
DEMO_TARGETS = [
    (6, 6, 5, 1500, 6000),
    (8, 7, 6, 2000, 7000),
    (7, 6, 8, 1600, 6500),
    (9, 8, 6, 2400, 8000),
]


def _seed_targets(zones):
    for year in (2025, 2026):
        for i, r in enumerate(zones):
            negotiated, approved, started, utilized, contracted = DEMO_TARGETS[
                i % len(DEMO_TARGETS)
            ]
            RegionTarget.objects.get_or_create(
                region=r,
                year=year,
                defaults={
                    "negotiated": negotiated,
                    "approved": approved,
                    "started": started,
                    "utilized_fdi_usd_10k": Decimal(utilized if year == 2026 else 1200),
                    "contracted_fdi_usd_10k": Decimal(contracted if year == 2026 else 5000),
                },
            )
