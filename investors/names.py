"""Name normalisation for the duplicate check: two names that differ only in case, spaces,
punctuation or a legal-form suffix (Ltd, Co., Inc., GmbH, 有限公司, 集团 …) are the same key."""

import re
import unicodedata

# Latin-script legal forms and generic words, as whole words at the end of a name.
LATIN_SUFFIXES = frozenset(
    {
        "ltd", "limited", "co", "company", "inc", "incorporated", "corp", "corporation",
        "gmbh", "ag", "kg", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc",
        "pty", "llc", "llp", "lp", "kk", "oy", "ab", "as", "group", "holding", "holdings",
        "the",
    }
)  # fmt: skip
# Chinese legal forms, longest first, stripped from the end repeatedly.
CJK_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "株式会社",
    "控股集团",
    "集团公司",
    "集团",
    "公司",
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def name_key(name: str | None) -> str:
    """The normalised key of a name; "" for an empty one."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    # Brackets around a place, as in 丰源(中国)有限公司, are not part of the name.
    text = re.sub(r"[（(]\s*(中国|china)\s*[)）]", " ", text)
    words = _WORD.findall(text)
    while len(words) > 1 and words[-1] in LATIN_SUFFIXES:
        words.pop()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    key = "".join(words)
    stripped = True
    while stripped:
        stripped = False
        for suffix in CJK_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key[: -len(suffix)]
                stripped = True
                break
    return key
