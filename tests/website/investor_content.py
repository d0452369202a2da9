"""Builders for the investor content tests (policies, guide, zones, plots, costs) and a check
that an English page shows Chinese only inside an element marked lang="zh-Hans"."""

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

from reference.models import IndustrySection, Region, RegionKind
from website.models import CostItem, GuideStep, Listing, Policy, Status, Zone

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _ChineseOutsideZh(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: inside a zh-Hans element?
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        lang = attrs.get("lang")
        if lang is None:
            inside = self.stack[-1] if self.stack else False
        else:
            inside = lang.lower().startswith("zh")
        # The brand's decorative mark (示, aria-hidden) is a logo, not text.
        self.stack.append(inside or attrs.get("aria-hidden") == "true")
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        self.stack.pop()
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if self.skip or (self.stack and self.stack[-1]):
            return
        if CJK.search(data):
            self.found.append(data.strip()[:60])


def chinese_outside_zh(html: str) -> list[str]:
    """Text with Chinese characters that is not inside an element with lang="zh-…" (the
    <html lang="en"> root does not count as Chinese)."""
    parser = _ChineseOutsideZh()
    parser.feed(html)
    return parser.found


def reviewed(today: dt.date, **extra) -> dict:
    return {
        "reviewed_on": today - dt.timedelta(days=10),
        "next_review_on": today + dt.timedelta(days=100),
        "status": Status.PUBLISHED,
        **extra,
    }


def make_policy(today, *, number, title_en, codes=(), incentives=(), expires=None, **extra):
    policy = Policy.objects.create(
        title=f"政策{number}",
        title_zh_hans=f"政策{number}",
        title_en=title_en,
        issuing_body_zh_hans="示范市人民政府",
        issuing_body_en="Demo City People's Government",
        document_number=f"示政发〔2025〕{number}号",
        issued_on=dt.date(2025, 1, 1),
        effective_on=dt.date(2025, 1, 1),
        expires_on=expires,
        summary_zh_hans="摘要",
        summary_en=f"Summary of {title_en}",
        text_zh_hans=f"第一条　原文{number}",
        text_en=f"Article 1. Reviewed text of {title_en}",
        incentives=list(incentives),
        **reviewed(today, **extra),
    )
    policy.sections.set(IndustrySection.objects.filter(code__in=codes))
    return policy


def make_zone(today, *, slug="demo-etdz", name_en="Demo ETDZ", **extra) -> Zone:
    region = Region.objects.create(name=f"{slug}区", name_en=name_en, kind=RegionKind.DEV_ZONE)
    return Zone.objects.create(
        region=region,
        slug=slug,
        name=f"{slug}开发区",
        name_zh_hans=f"{slug}开发区",
        name_en=name_en,
        summary_en="A zone",
        area_km2=Decimal("32.5"),
        enterprises_count=486,
        output_cny_100m=Decimal("612.4"),
        figures_year=2025,
        contact_name_zh_hans="周建华",
        contact_name_en="Zhou Jianhua",
        contact_email=f"{slug}@example.cn",
        **reviewed(today, **extra),
    )


def make_listing(today, zone, code, *, kind="land", area="10000", price="384", **extra):
    values = {
        "zone": zone,
        "code": code,
        "kind": kind,
        "name": f"地块{code}",
        "name_zh_hans": f"地块{code}",
        "name_en": f"Plot {code}",
        "area_m2": Decimal(area),
        "price_cny": Decimal(price),
        "price_basis": "sale" if kind == "land" else "rent",
        "zoning": "industrial",
        "utilities": ["power", "water"],
        "available_from": today,
        "contact_phone": "+86 731 0000 0200",
        **reviewed(today),
    }
    values.update(extra)
    return Listing.objects.create(**values)


def make_step(today, order, title_en) -> GuideStep:
    return GuideStep.objects.create(
        order=order,
        title=f"步骤{order}",
        title_zh_hans=f"步骤{order}",
        title_en=title_en,
        office_zh_hans="市场监督管理局",
        office_en="Administration for Market Regulation",
        office_address_zh_hans="人民路1号",
        office_address_en="1 Renmin Road",
        office_hours_zh_hans="工作日9:00–17:30",
        office_hours_en="Working days 9:00–17:30",
        documents_zh_hans="公司章程\n身份证明",
        documents_en="Articles of association\nIdentity document",
        fees_zh_hans="免费",
        fees_en="Free",
        time_limit_zh_hans="3个工作日",
        time_limit_en="3 working days",
        time_limit_days=3,
        legal_basis_zh_hans="《外商投资法》",
        legal_basis_en="Foreign Investment Law",
        complaints_zh_hans="12345热线",
        complaints_en="The 12345 hotline",
        **reviewed(today),
    )


def make_cost(today, category, label_en, value, unit_en, **extra) -> CostItem:
    return CostItem.objects.create(
        category=category,
        label=f"{label_en}中文",
        label_zh_hans=f"{label_en}中文",
        label_en=label_en,
        value=Decimal(value),
        unit_zh_hans="单位",
        unit_en=unit_en,
        source_zh_hans="示范数据",
        source_en="Demo data (invented)",
        as_of=dt.date(2025, 12, 31),
        **reviewed(today, **extra),
    )
