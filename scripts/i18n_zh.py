"""Set Chinese translations in locale/zh_Hans from a JSON file {msgid: msgstr} (for plural
entries, msgid is the singular and msgstr a list), clearing their fuzzy flags:
`python scripts/i18n_zh.py translations.json`. Run after `make messages`."""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po"


def main(path: str) -> int:
    wanted = json.loads(Path(path).read_text(encoding="utf-8"))
    with PO.open("rb") as f:
        catalog = read_po(f, locale="zh", abort_invalid=True)
    done = set()
    for msg in catalog:
        key = msg.id[0] if isinstance(msg.id, tuple | list) else msg.id
        if key in wanted:
            value = wanted[key]
            msg.string = tuple(value) if isinstance(value, list) else value
            msg.flags.discard("fuzzy")
            done.add(key)
    with PO.open("wb") as f:
        write_po(f, catalog, width=100)
    for key in sorted(set(wanted) - done):
        print(f"not in the catalogue: {key!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
