"""Finds Chinese text on an English page outside an element marked lang="zh-Hans"."""

import re
from html.parser import HTMLParser

CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
# Attributes people read (or assistive technology reads out).
READ_ATTRS = frozenset({"alt", "title", "aria-label", "placeholder", "label", "value", "content"})


def _is_zh(lang: str | None) -> bool:
    return bool(lang) and lang.lower().startswith("zh")


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = [("#root", False)]
        self.found: list[str] = []

    def _zh(self) -> bool:
        return self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        zh = self._zh() if "lang" not in attrs else _is_zh(attrs["lang"])
        if tag == "html":
            zh = False  # the page's own language is what is checked
        for name, value in attrs.items():
            if name in READ_ATTRS and value and CJK.search(value) and not zh:
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag not in VOID:
            self.stack.append((tag, zh))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self._zh() and CJK.search(data):
            tag = self.stack[-1][0]
            self.found.append(f"<{tag}> {data.strip()[:80]!r}")


def chinese_outside_zh(html: str) -> list[str]:
    """Each piece of Chinese text (or read-out attribute) not inside a lang="zh…" element."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    return walker.found
