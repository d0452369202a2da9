import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from config.bounds import plain_decimal
from config.i18n import localized
from config.names import bilingual
from config.numbers import fmt_num, fmt_pct
from config.typography import colon as colon_text
from config.typography import date_text, datetime_text, month_text, tidy_zh, with_unit
from config.typography import paren as paren_text

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The current page in every language: `[{code, name, url, current}]` for the switcher
    and the hreflang links."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = context.get("LANGUAGE_CODE")
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.filter
def translated(obj, field: str):
    """The field in the active language, or None when that language's text is missing
    (templates then say so instead of showing another language's text)."""
    return localized(obj, field)


@register.simple_tag
def tr(obj, field: str):
    """Render a translated field through `config.names.bilingual`: the active language's text,
    or, when it is missing, the Chinese text inside lang="zh-Hans" marked as untranslated
    rather than passed off as English. A simple tag (escaped by the template), not an included
    template: lists and the board call it for every row."""
    return bilingual(obj, field).html


@register.filter(name="name")
def name_filter(obj, field: str = "name"):
    """`{{ obj|name }}`, `{{ chain|name:"leader_name" }}`: a name in the reader's language,
    a missing English name marked (`config.names`). Works for models with translated fields,
    users, `.values()` rows, `Bilingual` values and plain text."""
    return bilingual(obj, field).html


@register.filter
def option_lang(label) -> str:
    """The lang attribute a choice's label needs on this page (select_option.html): the
    `Bilingual` label's own, or "zh-Hans" for any other label with Chinese text on a page in
    another language (a filter's region, a record's __str__)."""
    lang = getattr(label, "lang", None)
    if isinstance(lang, str):
        return lang
    return bilingual(str(label) if label is not None else "").lang


@register.filter
def staff(user):
    """`{{ user|staff }}`: "unit · name" as `str(user)` reads, with the person's name through
    `config.names` (a missing English name marked, inside lang="zh-Hans")."""
    if user is None or user == "":
        return ""
    record = getattr(user, "unit_record", None)
    unit = bilingual(record).html if record is not None else getattr(user, "unit_label", "")
    person = bilingual(user).html
    return format_html("{} · {}", unit, person) if unit else person


@register.filter
def num(value):
    """A count or an amount in the portal's one number format (config/numbers.py)."""
    return fmt_num(value)


@register.filter
def rate(value):
    """A rate as given, without the zeros its column pads it with: 0.0000625, not
    0.00006250000000."""
    return plain_decimal(value)


@register.filter
def pct(value):
    """A percentage to one decimal: 78.9%."""
    return fmt_pct(value)


@register.filter
def title_text(obj, field: str):
    """Plain text for <title> and og:title, where markup (and so lang="zh-Hans") cannot go:
    the field in the active language, or, when it has none, "Available in Chinese only"
    rather than Chinese text passed off as the page's language."""
    return localized(obj, field) or _("Available in Chinese only")


CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


@register.filter
def mark_chinese(value):
    """Free text people typed (a visit's purpose) wrapped in lang="zh-Hans" when it contains
    Chinese, so an English page never shows Chinese unmarked."""
    text = "" if value is None else str(value)
    if CJK.search(text):
        return format_html('<span lang="zh-Hans">{}</span>', text)
    return text


@register.filter
def textdate(value):
    """A date in a sentence, e-mail or document: 2026年12月8日 / Dec. 8, 2026 (tables keep
    the ISO date; config/typography.py)."""
    return date_text(value)


@register.filter
def textdatetime(value):
    """A timestamp in a sentence: 2026年12月8日 14:30."""
    return datetime_text(value)


@register.filter
def textmonth(value):
    """A month in a sentence: 2026年11月 / November 2026 (a date or "2026-11")."""
    return month_text(value)


@register.filter
def zh_tidy(value):
    """Generated Chinese text set in Chinese typography (full-width punctuation, no space
    between Chinese and digits) on a Chinese page or mail; in another language the text as it
    is (an English mail naming a Chinese investor keeps its English spacing)."""
    if value is None:
        return ""
    return tidy_zh(str(value)) if (get_language() or "").startswith("zh") else str(value)


@register.filter
def paren(value):
    """An aside in brackets: "（次）" on a Chinese page, " (times)" on an English one."""
    return paren_text(value)


@register.filter
def colon(value):
    """A label with its colon: "下次跟进：" / "Next follow-up: "."""
    return colon_text(value)


@register.filter
def unit(value, name):
    """A formatted figure with its unit: "1,246万元" / "1,246 10k CNY"."""
    return with_unit(value, name)
