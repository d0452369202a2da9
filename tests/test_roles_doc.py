"""docs/roles.md prints the access matrix (issue #27): its page and API tables are what
scripts/roles_doc.py generates from tests/security/test_access_matrix.py, so the document
cannot promise a page that a role is refused (it once said liaison staff see the satisfaction
page and the bureau the votes page; both answer 404)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("roles_doc", ROOT / "scripts" / "roles_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_roles_document_equals_what_the_matrix_generates():
    roles_doc = _script()
    text = (ROOT / "docs" / "roles.md").read_text()
    assert roles_doc.render(text) == text, (
        "docs/roles.md differs from the access matrix: run .venv/bin/python scripts/roles_doc.py"
    )


def test_the_document_says_what_the_pages_answer():
    text = (ROOT / "docs" / "roles.md").read_text()
    row = {
        line.split("|")[2].strip(" `"): [c.strip() for c in line.split("|")[3:8]]
        for line in text.splitlines()
        if line.startswith("| `GET /staff/service/")
    }
    # admin, bureau, district, liaison, 110 office
    assert row["feedback:satisfaction"] == ["200", "200", "404", "404", "200"]
    assert row["feedback:votes"] == ["200", "404", "404", "404", "404"]


def test_a_changed_matrix_changes_the_document(monkeypatch):
    from tests.security import test_access_matrix as matrix

    roles_doc = _script()
    text = (ROOT / "docs" / "roles.md").read_text()
    changed = dict(matrix.STAFF_PAGES)
    changed["feedback:votes"] = dict.fromkeys(matrix.ROLES, 200)
    monkeypatch.setattr(matrix, "STAFF_PAGES", changed)
    assert roles_doc.render(text) != text
