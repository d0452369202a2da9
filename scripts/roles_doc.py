"""Write the status tables of docs/roles.md from the access matrix (issue #27).

The matrix in tests/security/test_access_matrix.py is what the code answers (its tests fail
otherwise); the document prints it, so it cannot promise a page a role is refused:

- the pages: every table of pages in the matrix (``PAGES``, ``*_PAGES``, ``OBJECTION_POSTS``),
  one row per page and method, a status per role (``inside / outside`` where the matrix tries
  an object inside and outside the role's scope), and the signed-out answer where it is tried;
- the API: ``MATRIX``, one row per endpoint and method.

Each table goes between its markers (``<!-- roles:pages -->`` … ``<!-- /roles:pages -->``,
``<!-- roles:api -->`` … ``<!-- /roles:api -->``); the prose around them is the document's.

    .venv/bin/python scripts/roles_doc.py           # rewrite the tables in docs/roles.md
    .venv/bin/python scripts/roles_doc.py --check   # exit 1 when the document differs

tests/test_roles_doc.py runs the check."""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "roles.md"
ROLE_HEADS = ("admin", "bureau", "district", "liaison", "110 office")
MARKERS = {"pages": ("<!-- roles:pages -->", "<!-- /roles:pages -->"),
           "api": ("<!-- roles:api -->", "<!-- /roles:api -->")}  # fmt: skip


def _setup():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _routes() -> dict[str, str]:
    """URL name (with its namespaces) → its route, from the root URL conf, without the
    language prefix: ``feedback:votes`` → ``staff/service/votes/``."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.resolvers import LocalePrefixPattern

    found = {}

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(filter(None, (namespace, p.namespace)))
                part = "" if isinstance(p.pattern, LocalePrefixPattern) else str(p.pattern)
                walk(p.url_patterns, prefix + part, ns)
            elif isinstance(p, URLPattern) and p.name:
                name = ":".join(filter(None, (namespace, p.name)))
                found.setdefault(name, prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "", "")
    return found


def _path(route: str) -> str:
    route = re.sub(r"<(?:\w+:)?pk>", "{id}", route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    return "/" + route.lstrip("^").rstrip("$")


def _cell(status) -> str:
    if status is None:
        return ""
    if isinstance(status, tuple):
        return " / ".join(str(s) for s in dict.fromkeys(status))  # one where all agree
    return str(status)


def _page_tables(matrix):
    names = sorted(n for n in vars(matrix) if n == "PAGES" or n.endswith("_PAGES"))
    return [getattr(matrix, n) for n in [*names, "OBJECTION_POSTS"]]


def pages_table() -> str:
    from tests.security import test_access_matrix as matrix

    routes = _routes()
    rows = {}
    for table in _page_tables(matrix):
        for key, statuses in table.items():
            name, method = key if isinstance(key, tuple) else (key, "get")
            path = _path(routes[name]) if name in routes else name
            cells = [_cell(statuses.get(role)) for role in matrix.ROLES]
            rows[(path, method)] = (name, cells, _cell(statuses.get(None)))
    lines = [
        "| page | name | " + " | ".join(ROLE_HEADS) + " | signed out |",
        "|---|---|" + "---|" * (len(ROLE_HEADS) + 1),
    ]
    for (path, method), (name, cells, anonymous) in sorted(rows.items()):
        lines.append(
            f"| `{method.upper()} {path}` | `{name}` | " + " | ".join(cells) + f" | {anonymous} |"
        )
    return "\n".join(lines)


def api_table() -> str:
    from tests.security import test_access_matrix as matrix

    routes = _routes()
    rows = []
    for (name, method), statuses in matrix.MATRIX.items():
        path = _path(routes[name]) if name in routes else name
        cells = [_cell(statuses.get(role)) for role in matrix.ROLES]
        # Industry offices answer as the 110 office but where the matrix lists otherwise.
        office = matrix.CHAIN_OFFICE_DIFFERS.get((name, method), statuses.get(matrix.OF))
        rows.append((path, method, [*cells, _cell(office)]))
    heads = [r.replace("110 office", "office110") for r in ROLE_HEADS] + ["chain_office"]
    lines = [
        "| endpoint | " + " | ".join(heads) + " |",
        "|---|" + "---|" * len(heads),
    ]
    for path, method, cells in sorted(rows):
        lines.append(f"| `{method.upper()} {path}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render(text: str) -> str:
    """`text` (the document) with its tables regenerated between their markers."""
    for key, table in (("pages", pages_table), ("api", api_table)):
        start, end = MARKERS[key]
        if start not in text or end not in text:
            raise SystemExit(f"{DOC}: the markers {start} … {end} are missing")
        before, rest = text.split(start, 1)
        _old, after = rest.split(end, 1)
        text = f"{before}{start}\n{table()}\n{end}{after}"
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/roles.md differs")
    args = parser.parse_args(argv)
    _setup()
    text = DOC.read_text()
    new = render(text)
    if args.check:
        if new != text:
            print("docs/roles.md differs from the access matrix: run scripts/roles_doc.py")
            return 1
        return 0
    DOC.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
