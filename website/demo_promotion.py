"""Demo opportunities seeking investment, public events and success stories, in both
languages (part of `website.demo.seed_website`). Idempotent: found by their Chinese name."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from investors.models import ActivityKind, PromotionActivity
from investors.selectors import owner_regions_for
from investors.services import activity_create, activity_update
from projects.models import Project
from reference.models import IndustrySection, Region

from .models import Industry, Opportunity, OpportunityStatus, Status, SuccessStory

ECON = "Demo Economic and Technological Development Zone"
HITECH = "Chengdong High-tech Industrial Development Zone"

# (zh name, en name, section, industry page slug, zone (English name), 10k CNY, months valid,
#  zh summary, en summary, zh land, en land, zh cooperation, en cooperation)
OPPORTUNITIES = [
    ("生物医药产业园标准厂房", "Standard factory buildings in the biomedicine park", "C",
     "pharmaceuticals", HITECH, 30000, 18,
     "产业园一期建成GMP标准厂房八栋，面向创新药、医疗器械企业招租或合作。",
     "Eight GMP-ready factory buildings in the park's first phase, for innovative drugs and "
     "medical devices, to rent or to develop together.",
     "可租面积4.8万平方米；双回路供电，纯化水与污水预处理站已建成。",
     "48,000 m² to let; dual-circuit power supply, purified water and a wastewater "
     "pre-treatment plant in place.",
     "租赁、合资或代建", "Lease, joint venture or build-to-suit"),
    ("原料药绿色生产基地", "Green active-ingredient production base", "C", "pharmaceuticals",
     ECON, 80000, 24,
     "规划建设符合国际标准的原料药生产基地，欢迎具备绿色工艺的企业投资。",
     "A production base for active pharmaceutical ingredients to international standards, "
     "for investors with clean processes.",
     "工业用地300亩，“标准地”出让；蒸汽、天然气管网到红线。",
     "20 ha of industrial land sold as ready-to-build plots; steam and gas mains at the "
     "boundary.",
     "独资或合资", "Wholly owned or joint venture"),
    ("高端纺织面料智能工厂", "Smart factory for high-end textile fabrics", "C", "textiles",
     ECON, 45000, 12,
     "依托现有纺纱产能，引进高端面料织造和数码印染项目。",
     "Weaving of high-end fabrics and digital printing, next to the city's spinning capacity.",
     "工业用地150亩；日供水能力2万吨，印染废水集中处理。",
     "10 ha of industrial land; 20,000 t of water a day and central treatment of dyeing "
     "wastewater.",
     "独资、合资或收购", "Wholly owned, joint venture or acquisition"),
    ("服装设计与电商产业园", "Fashion design and e-commerce park", "I", "textiles", HITECH,
     6000, 12,
     "为服装品牌和电商企业提供设计、直播和仓储一体化空间。",
     "Design studios, live-streaming rooms and warehousing in one place for fashion brands "
     "and online sellers.",
     "楼宇面积2万平方米，千兆光纤入户。", "20,000 m² of floor space with gigabit fibre.",
     "租赁或运营合作", "Lease or operating partnership"),
    ("预制菜中央厨房项目", "Central kitchen for prepared meals", "C", "food-processing",
     "Nanshan County", 12000, 12,
     "依托本地农产品基地，建设预制菜中央厨房和冷链配送中心。",
     "A central kitchen and cold-chain distribution centre fed by local farms.",
     "工业用地80亩；冷库配套用地可另行安排。",
     "5.3 ha of industrial land; land for cold stores can be added.",
     "独资或合资", "Wholly owned or joint venture"),
    ("江口港综合物流园", "Jiangkou port logistics park", "G", None, "Jiangkou City", 60000,
     24,
     "建设公铁水联运物流园，含集装箱堆场、保税仓库和冷链仓储。",
     "A road, rail and river logistics park with a container yard, bonded warehouses and "
     "cold storage.",
     "用地500亩，铁路专用线直通港区。", "33 ha with a rail spur into the port area.",
     "特许经营或PPP", "Concession or public-private partnership"),
    ("盐化工精深加工项目", "Advanced salt chemicals", "C", "salt", "Jiangkou City", 100000, 36,
     "利用本地盐矿资源，发展氯碱下游高附加值产品。",
     "Higher-value chlor-alkali products from the local salt deposits.",
     "化工园区内用地400亩，配套危废处置中心。",
     "27 ha inside the chemical park, with a hazardous-waste facility.",
     "合资或合作开发", "Joint venture or co-development"),
    ("分布式光伏与储能示范项目", "Rooftop solar and storage demonstration", "D", None, ECON,
     9000, 12,
     "在开发区标准厂房屋顶建设分布式光伏和用户侧储能。",
     "Rooftop solar on the zone's factory buildings, with storage on the customer side.",
     "可用屋顶面积约30万平方米。", "About 300,000 m² of usable roof.",
     "合同能源管理", "Energy performance contracting"),
]  # fmt: skip

INCENTIVES = (
    "固定资产投资补助（按规定）\n3年内租金减免\n人才公寓优先安排",
    "Support for fixed-asset investment (as the rules provide)\n"
    "Rent relief for up to three years\nPriority for talent apartments",
)

EVENTS = [
    # (zh, en, kind, days from today, length in days, place, zh description, en description)
    ("中国（示范市）生物医药投资洽谈会", "Demo City Biomedicine Investment Fair",
     ActivityKind.FAIR, 40, 2, "示范市国际会展中心",
     "集中发布生物医药产业园招商项目，安排企业参观和一对一洽谈。",
     "The biomedicine park's opportunities presented, site visits and one-to-one meetings."),
    ("示范市—德国纺织产业推介会（杜塞尔多夫）", "Demo City textile roadshow in Düsseldorf",
     ActivityKind.ROADSHOW, 75, 1, "Düsseldorf",
     "面向德国纺织与服装企业介绍示范市纺织产业链和投资环境。",
     "The city's textile supply chain and investment climate, for German textile and "
     "fashion companies."),
    ("示范市食品产业线上推介会", "Demo City food industry webinar", ActivityKind.ONLINE, -45, 1,
     "线上", "介绍预制菜和食品加工投资机会，在线答疑。",
     "Prepared meals and food processing opportunities, with questions answered live."),
]  # fmt: skip

STORIES = [
    ("从洽谈到投产：一家外商投资企业的示范市之路", "From first talk to production in Demo City",
     "外商投资企业", "A foreign-invested enterprise", 260,
     "企业与招商局首次接触后不到两年即建成投产。",
     "Less than two years from the first meeting with the bureau to production.",
     "项目从意向洽谈到签约、审批和开工，每一步都有联系单位和责任人全程服务。",
     "From the first talks to signing, approval and groundbreaking, a liaison unit and a "
     "named person served the project at every step."),
    ("扩产再投资：在开发区落地第二期", "Reinvesting: a second phase in the zone",
     "外商投资企业", "A foreign-invested enterprise", 120,
     "企业在一期投产后追加投资建设二期。",
     "After the first phase went into production, the enterprise invested again.",
     "开发区为二期提供了标准地和配套设施，企业拿地即开工。",
     "The zone offered a ready-to-build plot and utilities for the second phase, so "
     "building started on the day the land was transferred."),
]  # fmt: skip


def seed_promotion(users) -> None:
    bureau = users["bureau"]
    _seed_opportunities(bureau)
    _seed_events(bureau)
    _seed_stories(bureau)


def _seed_opportunities(user) -> None:
    today = timezone.localdate()
    now = timezone.now()
    sections = {s.code: s for s in IndustrySection.objects.all()}
    zones = {r.name_en: r for r in Region.objects.all()}
    pages = {i.slug: i for i in Industry.objects.all()}
    for zh, en, code, page, zone, amount, months, zs, es, zl, el, zc, ec in OPPORTUNITIES:
        if Opportunity.objects.filter(name_zh_hans=zh).exists() or zone not in zones:
            continue
        Opportunity.objects.create(
            name=zh,
            name_zh_hans=zh,
            name_en=en,
            summary_zh_hans=zs,
            summary_en=es,
            sector=sections[code],
            industry_page=pages.get(page),
            zone=zones[zone],
            investment_cny_10k=Decimal(amount),
            land_utilities_zh_hans=zl,
            land_utilities_en=el,
            cooperation_zh_hans=zc,
            cooperation_en=ec,
            incentives_zh_hans=INCENTIVES[0],
            incentives_en=INCENTIVES[1],
            contact_name_zh_hans="招商局项目服务科",
            contact_name_en="Project Service Section, Investment Promotion Bureau",
            contact_email="projects@invest.example.cn",
            contact_phone="+86 731 5550 0100",
            valid_until=today + dt.timedelta(days=30 * months),
            status=OpportunityStatus.PUBLISHED,
            published_at=now,
            updated_by=user,
        )


def _seed_events(user) -> None:
    today = timezone.localdate()
    region = owner_regions_for(user).first()
    for zh, en, kind, offset, days, place, zd, ed in EVENTS:
        if PromotionActivity.objects.filter(name_zh_hans=zh).exists():
            continue
        start = today + dt.timedelta(days=offset)
        data = {
            "name_zh_hans": zh,
            "name_en": en,
            "kind": kind,
            "start_date": start,
            "end_date": start + dt.timedelta(days=days - 1),
            "place": place,
            "organiser_region": region,
            "cost_cny_10k": Decimal(5),
        }
        act = activity_create(user=user, data=data)
        activity_update(
            user=user,
            activity=act,
            data={"is_public": True, "description_zh_hans": zd, "description_en": ed},
        )


def _seed_stories(user) -> None:
    if SuccessStory.objects.exists():
        return
    landed = (
        Project.objects.filter(stage__in=("operation", "groundbreaking"), status="active")
        .exclude(success_story__isnull=False)
        .order_by("-total_investment_cny_10k", "pk")[: len(STORIES)]
    )
    consent = timezone.localdate() - dt.timedelta(days=14)
    for project, (zt, et, ze, ee, jobs, zs, es, zb, eb) in zip(landed, STORIES, strict=False):
        SuccessStory.objects.create(
            project=project,
            title=zt,
            title_zh_hans=zt,
            title_en=et,
            enterprise_zh_hans=(project.investor.name_zh_hans if project.investor else ze),
            enterprise_en=(project.investor.name_en if project.investor else "") or ee,
            summary_zh_hans=zs,
            summary_en=es,
            body_zh_hans=zb,
            body_en=eb,
            jobs=jobs,
            consent_on=consent,
            consent_note="书面同意（演示）",
            consent_recorded_by=user,
            status=Status.PUBLISHED,
            published_at=timezone.now(),
            updated_by=user,
        )
