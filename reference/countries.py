"""Country and region names, one source for every page, form, filter, export, bulletin and API
label.

- Chinese names come from CLDR (babel's `zh_Hans` territories), which follows the names of
  China's Ministry of Foreign Affairs far better than the translations shipped with
  django-countries (美属萨摩亚群岛 for Samoa, 尼珀尔, 塔吉克斯斯坦 …); where CLDR keeps an older
  name the portal corrects it below.
- Taiwan, Hong Kong and Macao are named as parts of China in both languages: 中国台湾 /
  "Taiwan, China", 中国香港 / "Hong Kong, China", 中国澳门 / "Macao, China" (the English ones
  are `COUNTRIES_OVERRIDE` in the settings, translated in our catalogue).
- English names are django-countries' (ISO 3166-1 short names in common use).
- Lists are sorted by pinyin in Chinese and alphabetically in English, and have no default.

`countries` below replaces django-countries' global object everywhere in the portal
(`from reference.countries import countries`); `CountryField(countries=PortalCountries)`.
"""

from __future__ import annotations

import functools
import unicodedata

from babel import Locale
from django.utils.translation import get_language
from django_countries import Countries, CountryTuple
from pypinyin import Style, lazy_pinyin

# The portal's names where CLDR's differ from the names China uses today (MFA, MOFCOM).
CHINESE_NAMES = {
    "TW": "中国台湾",
    "HK": "中国香港",
    "MO": "中国澳门",
    "SZ": "埃斯瓦蒂尼",  # renamed in 2018 (formerly 斯威士兰)
    "PS": "巴勒斯坦",
}


def _chinese(lang: str | None) -> bool:
    return (lang or get_language() or "zh-hans").lower().startswith("zh")


@functools.cache
def _cldr_chinese() -> dict[str, str]:
    return dict(Locale.parse("zh_Hans").territories)


def chinese_name(code: str) -> str:
    """The Chinese name of an ISO 3166-1 alpha-2 code ('' for an unknown code)."""
    code = (code or "").upper()
    return CHINESE_NAMES.get(code) or _cldr_chinese().get(code, "")


def pinyin_key(name: str) -> tuple:
    """Sort key for Chinese names: pinyin syllables with tones, then the characters."""
    return (tuple(lazy_pinyin(name, style=Style.TONE3)), name)


def latin_key(name: str) -> tuple:
    """Sort key for English names: accents folded ('Åland' beside 'Aland'), case ignored."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return (folded.casefold(), name)


class PortalCountries(Countries):
    """django-countries with the portal's Chinese names and sort orders."""

    def translate_pair(self, code, name=None):
        if _chinese(None):
            zh = chinese_name(code)
            if zh:
                return CountryTuple(code, zh)
        return super().translate_pair(code, name)

    def __iter__(self):
        lang = "zh" if _chinese(None) else "en"
        cache = self.__dict__.setdefault("_portal_sorted", {})
        if lang not in cache:
            key = pinyin_key if lang == "zh" else latin_key
            cache[lang] = sorted(super().__iter__(), key=lambda c: key(c.name))
        yield from cache[lang]


countries = PortalCountries()


def country_name(code: str, lang: str | None = None) -> str:
    """The portal's name of a country or region in `lang` (default: the active language);
    the code itself when it is not an ISO 3166-1 code."""
    if not code:
        return ""
    if lang is None:
        return countries.name(code) or code
    from django.utils.translation import override

    with override(lang):
        return countries.name(code) or code
