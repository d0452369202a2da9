"""One term per concept in every formal Chinese text (docs/terminology.md): the Chinese
catalogue and the Chinese written in the code (the bulletin, the appraisal's default
indicators, e-mails, templates) may not use a banned variant."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent

# (banned pattern, the term to use, why) — the patterns are regular expressions.
BANNED = [
    (r"实际利用外资", "实际使用外资", "MOFCOM's indicator since 2014"),
    (r"到位外资", "实际使用外资", "the indicator; a single arrival is a 外资到位记录"),
    (r"外资到位(?!记录)", "实际使用外资 / 外资到位记录", "the indicator, or one arrival's record"),
    (r"三资企业", "外商投资企业", "the Foreign Investment Law's term since 2020"),
    (r"(?<!外商投)(?<!商投)外资企业", "外商投资企业", "外资企业 was the wholly foreign-owned kind"),
    (r"新批", "新设立", "MOFCOM reports newly established FIEs (新设立) since the filing system"),
    (r"引荐人", "引资人", "the seed's term for the introducer"),
    (r"招商代理(?!机构)", "招商联络员", "the seed's term for an agent"),
    (r"联系分工|包联安排", "包联", "a unit's assignment to a project"),
    (r"对外网站", "门户网站", "the public site"),
    (r"(?<!经济环境110)投诉办公室", "经济环境110办公室", "the office's name in the seed"),
    (r"你(?!们)", "您", "a sentence addressed to a user"),
    (r"申诉复核|复核申诉", "提出申诉 / 复核结论", "unit appeals, office decides"),
    (r"(?<!招商)联络员", "招商联络员", "an agent, never shortened"),
    (r"引荐", "引资人 / 引进", "the introducer and what the introducer does"),
    (r"联系单位分派|包联关(?!系)", "包联关系", "a unit's assignment to a project"),
    (r"冻结", "锁定", "a published figure or result is locked, not frozen"),
    (r"项目团队", "项目方", "the project's owners on the public site"),
    (
        r"[二三四五六七八九十百千][一二三四五六七八九十百千万]*(?:家|万|亿|亩|个工作日|个月|平方米|吨(?!级)|人|个)"
        r"|两(?:个工作日|万|家|小时)",
        "Arabic digits (12家, 8万平方米, 2个工作日)",
        "GB/T 15835: counts and measures in digits",
    ),
]


def _catalogue():
    path = ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"
    with path.open("rb") as f:
        catalog = read_po(f, locale="zh_Hans")
    for msg in catalog:
        if not msg.id:
            continue
        strings = msg.string if isinstance(msg.string, tuple | list) else (msg.string,)
        for s in strings:
            yield (msg.id if isinstance(msg.id, str) else msg.id[0]), s


def _code_literals():
    han = re.compile(r"[\u4e00-\u9fff]")
    for pattern in ("**/*.py", "templates/**/*.html", "templates/**/*.txt"):
        for path in ROOT.glob(pattern):
            rel = path.relative_to(ROOT)
            if rel.parts[0] in {".venv", "node_modules", "tests", "staticfiles"}:
                continue
            if "migrations" in rel.parts:
                continue  # history: what a migration once wrote
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if han.search(line):
                    yield f"{rel}:{n}", line


@pytest.mark.parametrize(("pattern", "term", "why"), BANNED)
def test_catalogue_uses_one_term(pattern, term, why):
    found = [(mid, s) for mid, s in _catalogue() if s and re.search(pattern, s)]
    assert not found, f"use {term} ({why}):\n" + "\n".join(f"{m!r} → {s}" for m, s in found)


@pytest.mark.parametrize(("pattern", "term", "why"), BANNED)
def test_code_uses_one_term(pattern, term, why):
    found = [(where, line.strip()) for where, line in _code_literals() if re.search(pattern, line)]
    assert not found, f"use {term} ({why}):\n" + "\n".join(f"{w}: {s}" for w, s in found)


def test_an_agent_is_employed_not_in_progress():
    """ "Active" of an agent is 在聘 (employment); of a project 推进中 (docs/terminology.md)."""
    from django.utils import translation
    from django.utils.translation import gettext, pgettext

    from investors.models import Agent

    with translation.override("zh-hans"):
        assert pgettext("agent", "Active") == "在聘"
        assert str(Agent._meta.get_field("is_active").verbose_name) == "在聘"
        assert gettext("inactive") == "已解聘"
        assert gettext("Active") == "推进中"
        assert pgettext("public site menu", "Projects") == "招商项目"
