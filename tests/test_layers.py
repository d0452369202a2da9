"""Imports run one way, top to bottom (docs/architecture.md):

    staff -> website, appraisal, forecast, imports -> stats, feedback, liaison -> chains
    -> projects -> investors -> accounts -> reference, outbox

An app may import its own layer's apps only where the design says so (feedback reads liaison).
`staff` (the workspace shell: navigation, dashboard, and the `seed_demo` command that calls each
app's seeder in order) sits on top. `config/` is shared plumbing that every app may use; only its
URL confs wire the apps together. Demo modules follow the same rule as the rest.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LAYER = {
    "reference": 0,
    "outbox": 0,
    "accounts": 1,
    "investors": 2,
    "projects": 3,
    "chains": 4,
    "stats": 5,
    "feedback": 5,
    "liaison": 5,
    "website": 6,
    "appraisal": 6,
    "forecast": 6,
    "imports": 6,
    "staff": 7,
}
# Same-layer imports the design allows: (importer, imported).
ALLOWED_SIDEWAYS = {("feedback", "liaison")}
# The URL confs and Celery wiring sit above everything.
GLUE = {"config/urls.py", "config/api_urls.py"}


def _imported_apps(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LAYER:
                yield top, node.lineno


def _violations(root=ROOT):
    found = []
    for app, layer in LAYER.items():
        for path in sorted((root / app).rglob("*.py")) if (root / app).is_dir() else []:
            for imported, line in _imported_apps(path):
                if imported == app:
                    continue
                sideways = LAYER[imported] == layer and (app, imported) not in ALLOWED_SIDEWAYS
                if LAYER[imported] > layer or sideways:
                    found.append(f"{path.relative_to(root)}:{line} imports {imported}")
    for path in sorted((root / "config").rglob("*.py")):
        rel = str(path.relative_to(root))
        if rel in GLUE or rel.startswith("config/settings/"):
            continue
        for imported, line in _imported_apps(path):
            found.append(f"{rel}:{line} imports {imported} (config is shared plumbing)")
    return found


def test_imports_run_one_way():
    assert _violations() == []


def test_the_check_catches_upward_and_sideways_imports(tmp_path):
    """The scanner itself, on a made-up tree: upward and unplanned sideways imports are
    reported; downward ones and feedback reading liaison are not."""
    files = {
        "projects/demo.py": "from liaison.demo import seed_assignments\n",
        "liaison/selectors.py": "import feedback.selectors\nfrom projects.models import Project\n",
        "feedback/services.py": "from liaison.models import Assignment\n",
        "reference/models.py": "from django.db import models\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert _violations(tmp_path) == [
        "projects/demo.py:1 imports liaison",
        "liaison/selectors.py:1 imports feedback",
    ]
