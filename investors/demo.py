"""Demo data for the investor database: contacts, a year of interactions with follow-ups,
two more small-team delegations (Singapore, Osaka; the pipeline's demo has one to Germany) and
a fair with their costs and the investors met, agents' posts, an industry contact and two
public inquiries. Runs after the pipeline's demo (which
creates the investors its projects need). Idempotent: a second run changes nothing."""

import datetime as dt
import random
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from . import services
from .models import Agent, Contact, Inquiry, InquiryRoute, Investor, PromotionActivity
from .names import name_key

EXTRA_INVESTORS = [
    ("香港华润达贸易有限公司", "Huarunda Trading (Hong Kong) Ltd.", "HK", "hometown", "F"),
    ("台湾联丰食品股份有限公司", "Lianfeng Foods Co., Ltd.", "TW", "referral", "C"),
    ("上海申江医药集团", "Shenjiang Pharma Group", "CN", "referral", "C"),
    ("Nordic Salt AB", "Nordic Salt AB", "SE", "fair", "B"),
]
CONTACT_NAMES = [
    ("陈志强", "总经理", "zh"),
    ("Maria Schmidt", "Head of Expansion", "en, de"),
    ("林美玲", "投资部经理", "zh, en"),
    ("Kenji Tanaka", "Director", "ja, en"),
]
SUMMARIES = [
    ("visit", "上门拜访，介绍园区土地和配套政策", "Visited; presented land and incentives"),
    ("call", "电话沟通项目进展，对方关注用工成本", "Call on progress; labour costs raised"),
    ("email", "发送投资指南和产业链资料", "Sent the investment guide"),
    ("meeting", "在市招商局会谈，讨论合资方案", "Meeting at the bureau on a JV structure"),
    ("event", "在推介会上交流", "Met at the promotion event"),
]


def seed_investor_crm(*, regions, units, users):
    if Contact.objects.exists():
        return
    rng = random.Random(8)  # noqa: S311 - reproducible demo data
    today = timezone.localdate()
    bureau, district = users["bureau"], users["district"]
    # The pipeline's demo creates its investors directly; give them their name keys.
    for inv in Investor.objects.filter(name_key_zh="", name_key_en=""):
        inv.name_key_zh = name_key(inv.name_zh_hans)
        inv.name_key_en = name_key(inv.name_en)
        inv.save(update_fields=["name_key_zh", "name_key_en"])
    from reference.models import IndustrySection

    sections = {s.code: s for s in IndustrySection.objects.all()}
    for zh, en, country, channel, section in EXTRA_INVESTORS:
        if not services.investor_find_duplicates(name_zh_hans=zh, name_en=en):
            services.investor_create(
                user=bureau,
                data={
                    "name_zh_hans": zh,
                    "name_en": en,
                    "country": country,
                    "channel": channel,
                    "industry": sections.get(section),
                    "owner_region": regions["Chengdong District"],
                    "size": "medium",
                },
            )
    investors = list(Investor.objects.current().order_by("pk"))
    for i, inv in enumerate(investors):
        name, title, langs = CONTACT_NAMES[i % len(CONTACT_NAMES)]
        services.contact_create(
            user=bureau,
            investor=inv,
            data={
                "name": name,
                "title": title,
                "email": f"contact{inv.pk}@example.com",
                "languages": langs,
                "preferred_channel": "email" if i % 2 else "wechat",
            },
        )
    activities = _seed_activities(regions, bureau, district, investors)
    # A year of interactions; a few investors fall quiet (no contact for over 90 days).
    for i, inv in enumerate(investors):
        quiet = i % 5 == 4
        day = today - dt.timedelta(days=360 - rng.randint(0, 20))
        last = today - dt.timedelta(days=120 if quiet else rng.randint(3, 40))
        user = district if inv.owner_region in (regions["Chengdong District"],) else bureau
        while day <= last:
            kind, zh, en = SUMMARIES[rng.randrange(len(SUMMARIES))]
            is_last = day + dt.timedelta(days=45) > last
            services.interaction_log(
                user=user,
                investor=inv,
                kind=kind,
                date=day,
                summary=f"{zh} / {en}",
                contacts=list(inv.contacts.all()[:1]),
                activity=activities[0] if kind == "event" else None,
                next_follow_up=(today + dt.timedelta(days=rng.randint(-5, 10)))
                if is_last and not quiet
                else None,
            )
            day += dt.timedelta(days=rng.randint(30, 60))
    _seed_agents(regions)
    InquiryRoute.objects.get_or_create(industry=sections["C"], defaults={"contact": bureau})
    if not Inquiry.objects.exists():
        now = timezone.now()
        services.inquiry_submit(
            name="Oliver Brown",
            organisation="Brightwater Foods Ltd",
            country="GB",
            email="oliver@example.com",
            industry=sections["C"],
            interest="Food processing plant",
            message="We are looking for a site for a food processing plant of about 20 ha.",
            language="en",
            ip="192.0.2.10",
            started_at=now - dt.timedelta(minutes=3),
        )
        services.inquiry_submit(
            name="黄先生",
            organisation="澳门恒信投资",
            country="MO",
            email="wong@example.com",
            interest="物流园区",
            message="想了解现代物流园区的用地政策。",
            ip="192.0.2.11",
            started_at=now - dt.timedelta(minutes=5),
        )
        _seed_answered_inquiries(bureau, sections, now)
        # The public inquiry, contact and follow-up pages state the service levels.
        services.inquiry_settings_set(user=bureau, publish_median_response=True)


# Inquiries of the last weeks, answered from the portal: (days ago received, hours to the
# first answer, name, organisation, country, language, interest, answer).
ANSWERED = [
    (20, 5, "Lena Fischer", "Fischer Textil GmbH", "DE", "en", "Spinning mill expansion",
     "Thank you for your inquiry. The textile park has two plots that fit; our industry "
     "contact will send the plot sheets and propose a site visit."),
    (13, 30, "Kenji Sato", "Sato Pharma KK", "JP", "en", "API plant",
     "Thank you. The biomedicine park accepts API production; the environmental assessment "
     "steps are in the setup guide. We propose a call next week."),
    (8, 70, "陈女士", "香港宏达实业", "HK", "zh-hans", "食品加工",
     "感谢垂询。食品产业园尚有标准厂房可租，招商局将安排专人对接。"),
]  # fmt: skip


def _seed_answered_inquiries(bureau, sections, now) -> None:
    """Demo history: the inquiries are filed and answered through the services; then their
    times are moved to the past days they stand for, so the service levels have a record."""
    for days, hours, name, org, country, lang, interest, answer in ANSWERED:
        inquiry = services.inquiry_submit(
            name=name,
            organisation=org,
            country=country,
            email=f"{name.split()[0].lower()}@example.com" if lang == "en" else "chen@example.com",
            industry=sections["C"],
            interest=interest,
            message=interest,
            language=lang,
            ip=f"192.0.2.{20 + days}",
            started_at=now - dt.timedelta(minutes=4),
        )
        services.inquiry_answer(user=bureau, inquiry=inquiry, text=answer)
        received = now - dt.timedelta(days=days)
        Inquiry.objects.filter(pk=inquiry.pk).update(
            received_at=received,
            response_due=services.add_working_days(
                timezone.localtime(received).date(), settings.INQUIRY_RESPONSE_WORKING_DAYS
            ),
            first_response_at=received + dt.timedelta(hours=hours),
        )


def _seed_activities(regions, bureau, district, investors) -> list:
    specs = [
        (
            "2026湘洽会示范市专场",
            "Demo City session, Hunan Investment Fair 2026",
            "fair",
            dt.date(2026, 5, 17),
            dt.date(2026, 5, 19),
            "长沙",
            Decimal("280"),
            regions["Demo City"],
            bureau,
        ),
        (
            "赴新加坡小分队招商",
            "Small-team delegation to Singapore",
            "delegation",
            dt.date(2026, 4, 6),
            dt.date(2026, 4, 10),
            "Singapore",
            Decimal("46"),
            regions["Chengdong District"],
            district,
        ),
        (
            "赴日本大阪小分队招商",
            "Small-team delegation to Osaka",
            "delegation",
            dt.date(2025, 11, 3),
            dt.date(2025, 11, 7),
            "大阪 Osaka",
            Decimal("38.5"),
            regions["Demo City"],
            bureau,
        ),
        # Three more regions' promotion spending, so that the appraisal's input-output
        # indicator compares a real field (the zones, which spent nothing, attracted capital
        # at no recorded cost and top it).
        (
            "城西区赴香港招商推介会",
            "Chengxi District roadshow in Hong Kong",
            "roadshow",
            dt.date(2026, 3, 12),
            dt.date(2026, 3, 13),
            "香港 Hong Kong",
            Decimal("60"),
            regions["Chengxi District"],
            bureau,
        ),
        (
            "南山县赴深圳农产品加工招商推介会",
            "Nanshan County agri-food roadshow in Shenzhen",
            "roadshow",
            dt.date(2026, 6, 18),
            dt.date(2026, 6, 18),
            "深圳 Shenzhen",
            Decimal("25"),
            regions["Nanshan County"],
            bureau,
        ),
        (
            "江口市赴上海招商推介会",
            "Jiangkou City roadshow in Shanghai",
            "roadshow",
            dt.date(2026, 9, 8),
            dt.date(2026, 9, 9),
            "上海 Shanghai",
            Decimal("120"),
            regions["Jiangkou City"],
            bureau,
        ),
    ]
    result = []
    for zh, en, kind, start, end, place, cost, region, user in specs:
        act = PromotionActivity.objects.filter(name_zh_hans=zh).first()
        if act is None:
            act = services.activity_create(
                user=user,
                data={
                    "name_zh_hans": zh,
                    "name_en": en,
                    "kind": kind,
                    "start_date": start,
                    "end_date": end,
                    "place": place,
                    "cost_cny_10k": cost,
                    "organiser_region": region,
                },
                staff=[user],
                investors_met=investors[len(result) :: 3 if kind == "fair" else 5],
            )
        result.append(act)
    # The pipeline's demo activities: who went and whom they met.
    for act in PromotionActivity.objects.exclude(pk__in=[a.pk for a in result]):
        act.staff.add(bureau)
        act.investors_met.add(*investors[act.pk % 4 :: 4])
    return result


def _seed_agents(regions):
    posts = {
        "刘建国": ("liaison", None),
        "Anna Müller": ("specialist", None),
        "黄志明": ("part_time_director", regions["Chengdong District"]),
    }
    for name, (kind, region) in posts.items():
        Agent.objects.filter(name=name).update(kind=kind, region=region)
