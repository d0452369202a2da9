"""Chinese typography for every text a reader reads (issue 28, item 3): one helper each for
dates in sentences, for punctuation and spacing, and the check the tests run.

- Dates in sentences, e-mails and documents: `date_text` (2026年12月8日 / Dec. 8, 2026),
  `datetime_text` (2026年12月8日 14:30) and `month_text` (2026年11月 / November 2026), from
  Django's localized DATE_FORMAT, DATETIME_FORMAT and YEAR_MONTH_FORMAT. ISO dates
  (2026-12-08) stay in tables, exports and the API. Templates use the filters `textdate`,
  `textdatetime` and `textmonth` of the `portal` library, which call these.
- Punctuation and spacing in generated Chinese: `tidy_zh` turns half-width ( ) : ; , next to
  Chinese into full-width （）：；，, and drops the spaces between Chinese and digits
  ("2026 年月报" → "2026年月报", "第 1 版" → "第1版") or Latin letters ("API 会" → "API会"),
  as GB/T 15834 and GB/T 15835 and official documents write them.
- Numbers (GB/T 15835): Arabic digits for counts and amounts in generated text (12家,
  8万平方米), grouped as `config.numbers.fmt_num` groups them.
- Labels, asides and units in templates: `colon` (下次跟进：), `paren` (（万美元）) and
  `with_unit` (1,246万元), the filters `colon`, `paren` and `unit`.
- `typography_faults` lists what `tidy_zh` would change: the tests run it over the
  catalogue, the e-mails and the rendered staff pages.
"""

import datetime as dt
import re

from django.utils import formats, timezone, translation

# Chinese characters and the CJK punctuation and full-width forms that sit among them.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = f"{HAN}\u3000-\u303f\uff01-\uff5e"
_FULL = {"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"}

# A half-width mark after Chinese ("待办 (2)", "限期整改: …", "项目,"), a closing bracket
# opened in full width or closed before Chinese; a space between Chinese and a digit.
_OPEN_AFTER_HAN = re.compile(rf"(?<=[{CJK}]) ?\((?=[^()]*\))")
_MARK_AFTER_HAN = re.compile(rf"(?<=[{HAN}]) ?([:;,])(?!//) *")
_CLOSE_FULL = re.compile(r"（([^（）()]*)\)")
# (A time after a date keeps its space: 2026年12月8日 14:30, as Django's DATETIME_FORMAT.)
_SPACE_HAN_DIGIT = re.compile(
    rf"(?<=[{HAN}]) +(?=[0-9])(?!\d{{1,2}}:\d\d)|(?<=[0-9%]) +(?=[{HAN}])"
)
# What `tidy_zh` also closes up: Latin words and codes beside Chinese (不是GB/T 2260中的代码).
_SPACE_HAN_ALNUM = re.compile(
    rf"(?<=[{HAN}]) +(?=[0-9A-Za-z])(?!\d{{1,2}}:\d\d)|(?<=[0-9A-Za-z%]) +(?=[{HAN}])"
)


def _local_date(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def date_text(value) -> str:
    """A date (or a timestamp, taken in Shanghai time) as a sentence writes it in the active
    language: 2026年12月8日 / Dec. 8, 2026; "" for no date."""
    if not value:
        return ""
    return formats.date_format(_local_date(value), "DATE_FORMAT")


def datetime_text(value) -> str:
    """A timestamp in Shanghai time as a sentence writes it: 2026年12月8日 14:30."""
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def month_text(value, month: int | None = None) -> str:
    """A month as a sentence writes it: 2026年11月 / November 2026. Takes a date, a period
    string "2026-11", or a year and a month."""
    if not value:
        return ""
    if month is not None:
        value = dt.date(int(value), int(month), 1)
    elif isinstance(value, str):
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if not m:
            return value
        value = dt.date(int(m[1]), int(m[2]), 1)
    return formats.date_format(_local_date(value), "YEAR_MONTH_FORMAT")


def _chinese() -> bool:
    return (translation.get_language() or "").lower().startswith("zh")


def paren(text) -> str:
    """An aside in brackets after a word, in the active language's typography: "（次）" after
    Chinese, " (times)" after English; "" for nothing."""
    if text is None or str(text) == "":
        return ""
    return f"（{text}）" if _chinese() else f" ({text})"


def colon(label) -> str:
    """A label and its colon: "下次跟进：" / "Next follow-up: "."""
    return f"{label}：" if _chinese() else f"{label}: "


def with_unit(number, unit) -> str:
    """A figure and its unit: "1,246万元" in Chinese (no space, GB/T 15835), "1,246 10k CNY"
    in English; `number` already formatted (config.numbers.fmt_num)."""
    if number is None or str(number) == "":
        return ""
    return f"{number}{unit}" if _chinese() else f"{number} {unit}"


def tidy_zh(text: str) -> str:
    """Chinese text with full-width punctuation next to Chinese and no space between Chinese
    and digits; text without Chinese is returned as it is."""
    if not text or not re.search(f"[{HAN}]", text):
        return text
    text = _OPEN_AFTER_HAN.sub("（", text)
    text = _CLOSE_FULL.sub(r"（\1）", text)
    text = _MARK_AFTER_HAN.sub(lambda m: _FULL[m[1]], text)
    return _SPACE_HAN_ALNUM.sub("", text)


def typography_faults(text: str) -> list[str]:
    """Each stretch of `text` that `tidy_zh` would change, with a little context."""
    faults = []
    for pattern in (_OPEN_AFTER_HAN, _MARK_AFTER_HAN, _CLOSE_FULL, _SPACE_HAN_DIGIT):
        for m in pattern.finditer(text or ""):
            faults.append(text[max(m.start() - 8, 0) : m.end() + 8])
    return faults


# In a catalogue message a placeholder stands for a number, a date or a name: it is spaced
# as a digit is.
_PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdf]|%[sd]|\{[a-z_0-9]*\}")


def _protected(text: str, fix) -> str:
    slots: list[str] = []

    def hide(m):
        slots.append(m[0])
        return f"9\ue000{len(slots) - 1}\ue0019"

    out = fix(_PLACEHOLDER.sub(hide, text))
    return re.sub(r"9\ue000(\d+)\ue0019", lambda m: slots[int(m[1])], out)


def tidy_zh_message(text: str) -> str:
    """`tidy_zh` for a catalogue message, its placeholders spaced as digits."""
    return _protected(text, tidy_zh)


def message_faults(text: str) -> list[str]:
    """`typography_faults` for a catalogue message."""
    if tidy_zh_message(text) == text:
        return []
    hidden = _PLACEHOLDER.sub("9", text)
    return typography_faults(hidden) or [text]
