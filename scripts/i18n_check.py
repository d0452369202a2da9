"""Fill the English catalogue (source strings are English) and fail on any untranslated or
fuzzy entry in any catalogue. `--fill-en` rewrites locale/en; without it, only checks."""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def main(argv: list[str]) -> int:
    failures = []
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        lang = po_path.parts[-3]
        with po_path.open("rb") as f:
            catalog = read_po(f, locale=lang.replace("_Hans", ""), abort_invalid=True)
        changed = False
        if catalog.fuzzy:
            if "--fill-en" in argv:
                catalog.fuzzy = False
                changed = True
            else:
                failures.append(f"{po_path}: the catalogue header is marked fuzzy")
        for msg in catalog:
            if not msg.id:
                continue
            if lang == "en" and "--fill-en" in argv:
                # The source strings are English: the English text is the msgid itself.
                wanted = tuple(msg.id) if isinstance(msg.id, tuple | list) else msg.id
                if msg.fuzzy or msg.string != wanted:
                    msg.flags.discard("fuzzy")
                    msg.string = wanted
                    changed = True
            strings = msg.string if isinstance(msg.string, tuple | list) else (msg.string,)
            if msg.fuzzy:
                failures.append(f"{po_path}: fuzzy: {msg.id!r}")
            elif not all(strings):
                failures.append(f"{po_path}: untranslated: {msg.id!r}")
        if changed:
            with po_path.open("wb") as f:
                write_po(f, catalog, width=100)
    for line in failures:
        print(line, file=sys.stderr)
    if failures:
        print(f"{len(failures)} untranslated or fuzzy entries", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
