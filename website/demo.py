"""Demo content of the public site, in both languages, so `make run` shows a complete site.
Idempotent: items are found by their slug or title and left alone when they exist."""

import datetime as dt

from django.utils import timezone

from projects.models import Tag

from .demo_investor import seed_investor_content
from .models import CityVideo, ContactPoint, Industry, NewsItem, Page, Status

PAGES = [
    (
        "city-profile",
        "about",
        "城市概况",
        "City profile",
        "示范市位于长江中游，是连接东部沿海与中西部腹地的交通枢纽，下辖城东区、城西区、南山县和江口市，设有两个国家级和省级开发区。",
        "Demo City lies on the middle Yangtze, a transport hub between the eastern seaboard and "
        "the interior. It governs Chengdong and Chengxi districts, Nanshan County and Jiangkou "
        "City, and hosts two national and provincial development zones.",
        "全市常住人口约320万，地区生产总值连续5年保持稳定增长。高铁2小时可达省会及周边3个中心城市，港口年吞吐能力超过4000万吨。\n\n"
        "示范市历史悠久，山水相依，盐、石膏、珍珠等资源储量丰富，医药、纺织、食品加工形成了完整的产业链，是中部地区重要的制造业基地。",
        "Some 3.2 million people live in the city, and its output has grown steadily for five "
        "years. High-speed rail reaches the provincial capital and three neighbouring centres "
        "within two hours, and the river port handles more than 40 million tonnes a year.\n\n"
        "With a long history between mountains and river, rich reserves of salt, gypsum and "
        "freshwater pearls, and complete supply chains in pharmaceuticals, textiles and food "
        "processing, the city is one of central China's manufacturing bases.",
    ),
    (
        "investment-environment",
        "environment",
        "投资环境",
        "Investment environment",
        "成熟的开发区、充足的工业用地、便捷的物流和稳定的劳动力供给。",
        "Mature development zones, ready industrial land, fast logistics and a steady workforce.",
        "高新技术开发区和江口经济开发区已完成“九通一平”，标准厂房可拎包入驻。全市每年高校和职业院校毕业生超过2万人。\n\n"
        "企业开办实行“一网通办”，外商投资企业登记与信息报告一次办结；每个引进项目都有一个联系单位和一名责任人全程服务。",
        "The high-tech zone and the Jiangkou economic development zone are fully serviced, with "
        "standard factory buildings ready to move into. More than 20,000 graduates leave the "
        "city's universities and vocational colleges every year.\n\n"
        "Companies are set up online in one place; a foreign-invested enterprise registers and "
        "reports its information in one step. Every introduced project has a liaison unit and a "
        "named person who serve it from start to finish.",
    ),
    (
        "logistics-and-land",
        "environment",
        "交通物流与用地",
        "Logistics and land",
        "公铁水联运，工业用地按需供应。",
        "Road, rail and river combined; industrial land supplied on demand.",
        "江口港区拥有千吨级泊位12个，铁路专用线直通港区。开发区工业用地实行“标准地”出让，企业拿地即可开工。",
        "Jiangkou port has twelve berths for 1,000-tonne vessels and a rail spur into the port "
        "area. Industrial land in the zones is sold as ready-to-build plots with the planning "
        "conditions set in advance, so building can start when the land is transferred.",
    ),
    (
        "investment-policies",
        "policy",
        "投资政策",
        "Investment policies",
        "依照《外商投资法》实行准入前国民待遇加负面清单管理。",
        "Pre-establishment national treatment and a negative list under the Foreign "
        "Investment Law.",
        "外商投资企业依法平等适用国家、省、市支持企业发展的各项政策。对先进制造业、研发中心和总部项目，市政府按规定给予用地、人才和融资方面的支持。\n\n"
        "具体扶持政策以正式发布的文件为准，招商局可为投资者逐项解读。",
        "Foreign-invested enterprises receive the national, provincial and city support for "
        "business on equal terms. Advanced manufacturing, R&D centres and regional headquarters "
        "get support with land, talent and financing as the rules provide.\n\n"
        "The published policy documents are authoritative; the bureau explains each of them "
        "to investors.",
    ),
    (
        "how-to-invest",
        "guide",
        "投资指南",
        "How to invest",
        "从第一次联系到项目投产，4个步骤。",
        "From the first contact to production, in four steps.",
        "一、联系招商局，说明投资意向，我们在2个工作日内答复。\n\n二、考察选址，招商局陪同考察开发区和可选地块。\n\n"
        "三、签约与登记，外商投资企业登记与信息报告一次办结。\n\n四、开工建设，联系单位全程跟踪服务，问题限期解决。",
        "1. Contact the bureau with your plans; we answer within two working days.\n\n"
        "2. Visit the sites: the bureau takes you round the development zones and the plots "
        "on offer.\n\n3. Sign and register: a foreign-invested enterprise registers and reports "
        "its information in one step.\n\n4. Build: a liaison unit follows the project "
        "throughout and problems are solved within set deadlines.",
    ),
    (
        "services-for-investors",
        "services",
        "投资者服务",
        "Services for investors",
        "一名责任人，全程服务；经济环境110办公室受理投诉。",
        "One named person serves you throughout; the complaint office (110) takes up complaints.",
        "每个引进项目确定一个联系单位和一名责任人，定期上门服务。企业可对每次服务进行评价，差评由经济环境110办公室督办整改并回访。",
        "Every introduced project has a liaison unit and a named person who visit regularly. "
        "Enterprises rate every service visit; the economic-environment complaint office (110) "
        "follows up every bad rating until it is put right and calls the enterprise back.",
    ),
]

INDUSTRIES = [
    (
        "pharmaceuticals",
        "industry",
        "生物医药",
        "Pharmaceuticals",
        "原料药、医药中间体和现代中药，配套完善。",
        "Active ingredients, intermediates and modern traditional medicine, with full support "
        "industries.",
        ["pharma"],
    ),
    (
        "textiles",
        "industry",
        "纺织服装",
        "Textiles",
        "从纺纱到高端面料的完整产业链。",
        "A complete chain from spinning to high-end fabrics.",
        ["textile"],
    ),
    (
        "food-processing",
        "industry",
        "食品加工",
        "Food processing",
        "优质农产品基地与冷链物流。",
        "Quality farm produce and cold-chain logistics.",
        ["food"],
    ),
    (
        "salt",
        "resource",
        "盐及盐化工",
        "Salt and salt chemicals",
        "探明岩盐储量丰富，适合精制盐和盐化工。",
        "Large proven rock-salt reserves for refined salt and salt chemicals.",
        ["salt"],
    ),
    (
        "gypsum",
        "resource",
        "石膏建材",
        "Gypsum",
        "优质石膏资源，发展新型建材。",
        "High-grade gypsum for new building materials.",
        ["gypsum"],
    ),
    (
        "pearls",
        "resource",
        "淡水珍珠",
        "Freshwater pearls",
        "珍珠养殖、深加工与文旅融合。",
        "Pearl farming, processing and tourism.",
        ["pearl"],
    ),
]

NEWS = [
    (
        dt.date(2026, 11, 12),
        "示范市代表团赴德国开展招商推介",
        "Demo City delegation presents investment opportunities in Germany",
        "小分队拜访了12家医药和化工企业。",
        "The small delegation met twelve pharmaceutical and chemical companies.",
    ),
    (
        dt.date(2026, 10, 28),
        "高新区标准厂房二期竣工",
        "Second phase of standard factory buildings completed in the high-tech zone",
        "新增标准厂房8万平方米，可供外商投资企业即租即用。",
        "80,000 m² of new standard factory space is ready to rent.",
    ),
    (
        dt.date(2026, 9, 15),
        "湘洽会上示范市签约项目9个",
        "Nine projects signed for Demo City at the investment fair",
        "签约项目涉及食品加工、纺织和物流。",
        "The projects are in food processing, textiles and logistics.",
    ),
]

CONTACTS = [
    (
        "示范市招商局投资服务中心",
        "Demo City Investment Promotion Bureau — Investor Service Centre",
        "示范市人民路1号政务服务中心三楼",
        "3rd floor, Government Service Centre, 1 Renmin Road, Demo City",
        "工作日 9:00–17:30",
        "Working days 9:00–17:30 (UTC+8)",
        "+86 731 0000 0000",
        "invest@demo-city.example.cn",
    ),
    (
        "高新技术开发区招商服务部",
        "High-tech Development Zone — Investment Service",
        "高新区创新大道88号",
        "88 Innovation Avenue, High-tech Zone",
        "工作日 8:30–17:30",
        "Working days 8:30–17:30 (UTC+8)",
        "+86 731 0000 0001",
        "hitech@demo-city.example.cn",
    ),
]


def seed_website(*, users, **_kwargs):
    now = timezone.now()
    published = {"status": Status.PUBLISHED, "published_at": now}
    for i, (slug, section, zt, et, zs, es, zb, eb) in enumerate(PAGES):
        Page.objects.get_or_create(
            slug=slug,
            defaults={
                "section": section,
                "order": i,
                "title": zt,
                "title_zh_hans": zt,
                "title_en": et,
                "summary_zh_hans": zs,
                "summary_en": es,
                "body_zh_hans": zb,
                "body_en": eb,
                **published,
            },
        )
    tags = {t.slug: t for t in Tag.objects.all()}
    for i, (slug, kind, zn, en, zs, es, tag_slugs) in enumerate(INDUSTRIES):
        industry, created = Industry.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "order": i,
                "name": zn,
                "name_zh_hans": zn,
                "name_en": en,
                "summary_zh_hans": zs,
                "summary_en": es,
                "body_zh_hans": f"示范市为{zn}项目提供开发区标准地、专业人才和全程服务保障。"
                "\n\n欢迎投资者实地考察，招商局安排专人陪同。",
                "body_en": f"Demo City supports {en.lower()} projects with ready-to-build land "
                "in its development zones, skilled people and a named contact from the first "
                "visit to production.\n\nInvestors are welcome to visit; the bureau arranges "
                "the programme and accompanies you.",
                "contact_name_zh_hans": "李明",
                "contact_name_en": "Li Ming",
                "contact_email": f"{slug}@demo-city.example.cn",
                "contact_phone": "+86 731 0000 0100",
                **published,
            },
        )
        if created:
            industry.tags.set([tags[s] for s in tag_slugs if s in tags])
    for date, zt, et, zs, es in NEWS:
        NewsItem.objects.get_or_create(
            title_zh_hans=zt,
            defaults={
                "date": date,
                "title": zt,
                "title_en": et,
                "summary_zh_hans": zs,
                "summary_en": es,
                "body_zh_hans": f"{zs}\n\n示范市招商局将继续跟进洽谈中的项目。",
                "body_en": f"{es}\n\nThe bureau is following up the projects under discussion.",
                **published,
            },
        )
    # One item in Chinese only, as happens: the English site says it has no English text.
    NewsItem.objects.get_or_create(
        title_zh_hans="市政务服务中心延长周末服务时间",
        defaults={
            "date": dt.date(2026, 11, 20),
            "title": "市政务服务中心延长周末服务时间",
            "summary_zh_hans": "自12月起，周六上午开放企业登记窗口。",
            "body_zh_hans": "自12月起，市政务服务中心周六上午开放企业登记和外资信息报告窗口。",
            **published,
        },
    )
    for i, (zn, en, za, ea, zh, eh, phone, email) in enumerate(CONTACTS):
        ContactPoint.objects.get_or_create(
            name_zh_hans=zn,
            defaults={
                "order": i,
                "name": zn,
                "name_en": en,
                "address_zh_hans": za,
                "address_en": ea,
                "hours_zh_hans": zh,
                "hours_en": eh,
                "phone": phone,
                "email": email,
                **published,
            },
        )
    _seed_video(published)
    _publish_a_project_per_industry(users["bureau"])
    from .demo_promotion import seed_promotion

    seed_promotion(users)

    seed_investor_content()


def _publish_a_project_per_industry(user):
    """The showcase has a project for every demo industry that has one still seeking
    investment: where none of an industry's tagged intent-stage projects is on the site yet,
    the bureau publishes its largest active one (through the pipeline's service, as staff
    would). Projects past the intent stage have their investor and are not shown."""
    from projects.models import Project
    from projects.models import Status as ProjectStatus
    from projects.services import project_update

    for industry in Industry.objects.prefetch_related("tags"):
        tagged = Project.objects.filter(
            tags__in=industry.tags.all(), status=ProjectStatus.ACTIVE, stage="intent"
        ).distinct()
        if not tagged.exists() or tagged.filter(is_published=True).exists():
            continue
        project = tagged.order_by("-total_investment_cny_10k", "pk").first()
        project_update(user=user, project=project, data={"is_published": True})


def _seed_video(published):
    """The demo city video ships with the code (website/demo_media/); skipped if absent."""
    from pathlib import Path

    from django.core.files import File

    folder = Path(__file__).resolve().parent / "demo_media"
    if CityVideo.objects.exists() or not (folder / "city.mp4").exists():
        return
    video = CityVideo(
        title="示范市：长江之畔的投资热土",
        title_zh_hans="示范市：长江之畔的投资热土",
        title_en="Demo City: a place to invest on the Yangtze",
        description_zh_hans="一分钟了解示范市的区位、产业和服务。",
        description_en="The city's location, industries and services in a minute.",
        **published,
    )
    with (folder / "city.mp4").open("rb") as v, (folder / "poster.jpg").open("rb") as p:
        video.video.save("city.mp4", File(v), save=False)
        video.poster.save("poster.jpg", File(p), save=False)
        for lang in ("zh_hans", "en"):
            vtt = folder / f"captions.{lang}.vtt"
            if vtt.exists():
                with vtt.open("rb") as c:
                    getattr(video, f"captions_{lang}").save(vtt.name, File(c), save=False)
        video.save()
