"""Apply Chinese typography (config/typography.py: full-width punctuation next to Chinese, no
space between Chinese and digits or placeholders) to the msgstrs of the Chinese catalogue, in
place and line by line, so the file keeps its order. Prints each change.
Run: .venv/bin/python scripts/zh_typography.py"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.typography import tidy_zh_message

PO = Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po"


def main() -> int:
    lines = PO.read_text(encoding="utf-8").split("\n")
    in_msgstr = False
    changed = 0
    for i, line in enumerate(lines):
        m = re.match(r'^(msgstr(?:\[\d+\])? |)"(.*)"$', line)
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if not (in_msgstr and m):
            continue
        prefix, body = m[1], m[2]
        new = tidy_zh_message(body)
        if new != body:
            lines[i] = f'{prefix}"{new}"'
            changed += 1
            print(f"{body}\n  → {new}")
    PO.write_text("\n".join(lines), encoding="utf-8")
    print(f"{changed} lines changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
