"""Names in the reader's language: one helper for every name on every page, export and API label.

A name (of a unit, a person, an investor, a region, a chain, a project …) is written in Chinese
and, where someone gave it, in English. `bilingual(obj)` reads both from whatever holds them:

- a model with translated fields (`name_zh_hans` / `name_en`, or any `<field>_zh_hans`),
- a user (`first_name`/`last_name` in Chinese, `name_en`),
- a row from `.values()` (a dict with `<field>_zh_hans` / `<field>_en`),
- plain text (a single-language field, such as a contact's name: there is no English to ask
  for, so Chinese text is marked lang="zh-Hans" without the marker; Latin text is shown as is).

The `Bilingual` it returns is shown in the active language:

- in a template (`{{ obj|name }}`, `{% tr obj "name" %}`, `{{ b.html }}`) it renders as HTML:
  the name, or — on an English page where the English name is missing — the Chinese name inside
  `<span lang="zh-Hans">` followed by a visible, translated marker ("no English name yet");
- `str()` is the plain-text form for exports, e-mails, API labels and `<option>` labels:
  "王敏 (no English name yet)"; `.text` is the name alone, `.missing` whether it stood in for a
  missing translation (exports that give that a column of its own).

Chinese pages show the Chinese name, or the English one (marked lang="en") when only that
exists. Text in Latin letters only (a username, "Siemens AG" in the Chinese field) is shown as it
is: it needs no translation and no marker.
"""

from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .text import has_han

ZH, EN = "zh_hans", "en"


def _reading_chinese() -> bool:
    return (get_language() or settings.LANGUAGE_CODE).lower().startswith("zh")


class Bilingual:
    """A name written in Chinese and perhaps English; see the module's docstring.

    `kind` picks the marker's words: "name" (the default) or "text" (descriptions and other
    translated text shown with `{% tr %}`). `single`: the text has one language only (no
    English field to fill in), so a Chinese text is marked lang="zh-Hans" but not flagged."""

    __slots__ = ("en", "kind", "single", "zh")

    def __init__(self, zh: str = "", en: str = "", kind: str = "name", single: bool = False):
        self.zh = (zh or "").strip() if isinstance(zh, str) else str(zh or "")
        self.en = (en or "").strip() if isinstance(en, str) else str(en or "")
        self.kind = kind
        self.single = single

    def _shown(self) -> tuple[str, str, bool]:
        """(text, lang attribute or "", whether it stands in for a missing translation)."""
        if _reading_chinese():
            if self.zh:
                return self.zh, "", False
            return self.en, ("en" if self.en else ""), False
        if self.en:
            return self.en, "", False
        if not has_han(self.zh):
            return self.zh, "", False
        return self.zh, "zh-Hans", not self.single

    @property
    def text(self) -> str:
        """The name alone, in the active language or the one it has."""
        return self._shown()[0]

    @property
    def lang(self) -> str:
        """The lang attribute the shown text needs on this page ("zh-Hans", "en" or "")."""
        return self._shown()[1]

    @property
    def missing(self) -> bool:
        """Whether the active language's name is missing and the Chinese one stands in."""
        return self._shown()[2]

    def marker(self) -> str:
        if self.kind == "text":
            return _("no English text yet")
        return _("no English name yet")

    @property
    def plain(self) -> str:
        return str(self)

    @property
    def html(self):
        """The HTML form (safe): what `{{ obj|name }}` renders. Django's templates print any
        object that is not a string through `str()`, so templates ask for this form."""
        return self.__html__()

    def __str__(self) -> str:
        text, _lang, missing = self._shown()
        return f"{text} ({self.marker()})" if missing else text

    def __html__(self) -> str:
        text, lang, missing = self._shown()
        if not lang:
            return format_html("{}", text)
        if not missing:
            return format_html('<span lang="{}">{}</span>', lang, text)
        return format_html(
            '<span lang="zh-Hans">{}</span> <span class="missing-translation">({})</span>',
            text,
            self.marker(),
        )

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)

    def __eq__(self, other) -> bool:
        if isinstance(other, Bilingual):
            return (self.zh, self.en) == (other.zh, other.en)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def __repr__(self) -> str:
        return f"Bilingual({self.zh!r}, {self.en!r})"


def bilingual(obj, field: str = "name", kind: str | None = None) -> Bilingual:
    """The name (or other translated `field`) of `obj` in both languages; see the module's
    docstring for what `obj` may be. Never raises for a missing object or field: the result is
    then empty."""
    kind = kind or ("name" if field in ("name", "label") or field.endswith("_name") else "text")
    if obj is None:
        return Bilingual(kind=kind)
    if isinstance(obj, Bilingual):
        return obj
    own = getattr(obj, "bilingual_name", None)
    if own is not None and field == "name":
        return own() if callable(own) else own
    if isinstance(obj, dict):
        if f"{field}_{ZH}" in obj or f"{field}_{EN}" in obj:
            return Bilingual(obj.get(f"{field}_{ZH}"), obj.get(f"{field}_{EN}"), kind)
        return bilingual(str(obj.get(field) or ""), kind=kind)
    if hasattr(obj, f"{field}_{ZH}"):
        return Bilingual(getattr(obj, f"{field}_{ZH}", ""), getattr(obj, f"{field}_{EN}", ""), kind)
    if isinstance(obj, str):
        return Bilingual(obj, "" if has_han(obj) else obj, kind, single=True)
    value = getattr(obj, field, None)
    if value is not None and not callable(value):
        return bilingual(str(value), kind=kind)
    return bilingual(str(obj), kind=kind)


def name_text(obj, field: str = "name") -> str:
    """Plain text for exports, e-mails and API labels: the name, or the Chinese name with the
    marker when the English one is missing on an English page."""
    return str(bilingual(obj, field))
