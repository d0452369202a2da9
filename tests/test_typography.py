"""Chinese typography (issue 28, item 3; config/typography.py): full-width punctuation inside
Chinese text, Chinese dates in sentences, no space between Chinese and digits. Checked over the
whole Chinese catalogue and the e-mails rendered in Chinese; the staff pages in
tests/workspace/test_typography_pages.py."""

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from config.typography import (
    date_text,
    datetime_text,
    message_faults,
    month_text,
    tidy_zh,
    typography_faults,
)

ROOT = Path(__file__).resolve().parent.parent


def test_tidy_zh_sets_the_issues_examples_right():
    assert tidy_zh("待办 (2)") == "待办（2）"
    assert tidy_zh("限期整改: 三日内") == "限期整改：三日内"
    assert tidy_zh("2026 年月报") == "2026年月报"
    assert tidy_zh("第 1 版") == "第1版"
    assert tidy_zh("异议 (3)；意见, 两条") == "异议（3）；意见，两条"
    # English, times and addresses are left alone.
    assert tidy_zh("Objections (3): 12:30") == "Objections (3): 12:30"
    assert tidy_zh("网址：https://example.org") == "网址：https://example.org"
    assert typography_faults("待办 (2)")
    assert typography_faults("第 1 版")
    assert typography_faults("待办（2） 第1版，于2026年12月8日") == []


def test_dates_and_months_in_sentences():
    day = dt.date(2026, 12, 8)
    with translation.override("zh-hans"):
        assert date_text(day) == "2026年12月8日"
        assert month_text("2026-11") == "2026年11月"
        assert month_text(2026, 11) == "2026年11月"
        at = dt.datetime(2026, 12, 8, 6, 30, tzinfo=dt.UTC)
        assert date_text(at) == "2026年12月8日"  # 14:30 in Shanghai
        assert datetime_text(at) == "2026年12月8日 14:30"
    with translation.override("en"):
        assert date_text(day) == "Dec. 8, 2026"
        assert month_text("2026-11") == "November 2026"
    assert date_text(None) == ""
    assert month_text("") == ""


def _msgstrs():
    with (ROOT / "locale/zh_Hans/LC_MESSAGES/django.po").open("rb") as f:
        catalog = read_po(f, locale="zh_Hans")
    for msg in catalog:
        if not msg.id:
            continue
        strings = msg.string if isinstance(msg.string, tuple | list) else (msg.string,)
        for s in strings:
            if s:
                yield (msg.id if isinstance(msg.id, str) else msg.id[0]), s


def test_the_catalogue_is_set_in_chinese_typography():
    """No half-width ( ) : ; , after Chinese, no space between Chinese and a digit or a
    placeholder (which stands for one) in any msgstr."""
    found = [(mid, s, message_faults(s)) for mid, s in _msgstrs() if message_faults(s)]
    assert not found, "run scripts/zh_typography.py:\n" + "\n".join(
        f"{m!r} → {s} {f}" for m, s, f in found
    )


def _email_context():
    from types import SimpleNamespace as NS

    inquiry = NS(
        reference="WEB-2026-0042",
        response_due=dt.date(2026, 12, 10),
        organisation="Alpine Components GmbH",
        name="Anna Keller",
        message="We plan a plant of 8,000 m².",
    )
    reminders = [
        NS(get_kind_display="跟进", text="回访客商", due_date=dt.date(2026, 12, 8)),
        NS(get_kind_display="长期未联系", text="王总", due_date=None),
    ]
    user = NS(person_name="王敏", get_username=lambda: "wangmin", email="wm@example.org")
    return {
        "inquiry": inquiry,
        "answer": NS(text="谢谢。"),
        "user": user,
        "reminders": reminders,
        "protocol": "https",
        "domain": "portal.example.org",
        "uid": "MQ",
        "token": "abc-123",
    }


EMAIL_TEMPLATES = sorted(
    str(p.relative_to(ROOT / "templates")) for p in (ROOT / "templates").glob("*/email/*.txt")
)


@pytest.mark.parametrize("name", EMAIL_TEMPLATES)
def test_every_email_template_reads_as_chinese_in_chinese(name, settings):
    """Rendered in Chinese, an e-mail has no half-width punctuation inside Chinese text, no
    space between Chinese and a digit, and no ISO date in its sentences."""
    from django.template.loader import render_to_string

    with translation.override("zh-hans"):
        text = render_to_string(name, _email_context())
    assert typography_faults(text) == [], text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), text
    if "response_due" in (ROOT / "templates" / name).read_text():
        assert "2026年12月10日" in text


def test_the_tidy_filter_leaves_english_text_alone():
    """An English mail naming a Chinese investor keeps its English spacing and punctuation."""
    from django.utils import translation

    from website.templatetags.portal import zh_tidy

    text = "Hello 王敏 (no English name yet), call 华为, then visit 深圳 on site"
    with translation.override("en"):
        assert zh_tidy(text) == text
    with translation.override("zh-hans"):
        assert zh_tidy("待办 (2)") == "待办（2）"
