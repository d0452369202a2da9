"""Issue 22, point 12: the API as an integrator meets it. The schema as served validates
(openapi-spec-validator); a client generated from it with openapi-python-client imports,
every module of it; and with it every role reads every list and detail it may, each answer
parsed into the generated models (an enum value the schema does not list, or a field of the
wrong type, raises). Against a live server on the test database (the data the migrations
load is put back first when an earlier transactional test flushed it: `migration_data`)."""

import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from openapi_spec_validator import validate

ROLES = ("admin", "bureau", "district", "liaison", "office110")
PACKAGE = "portal_client"
# Answers that are not JSON (the export's xlsx file), so the client has no model for them.
NOT_JSON = {"v1_exports_download_retrieve"}


def _generate(schema_path: Path, into: Path) -> None:
    config = into / "config.yml"
    config.write_text("post_hooks: []\n")  # no formatter run on the generated code
    generator = Path(sys.executable).with_name("openapi-python-client")
    subprocess.run(  # noqa: S603 (our own venv's generator, fixed arguments)
        [str(generator), "generate", "--path", str(schema_path), "--meta", "none",
         "--output-path", str(into / PACKAGE), "--config", str(config)],
        check=True, capture_output=True, text=True, timeout=180,
    )  # fmt: skip


@pytest.fixture
def client_package(live_server, tmp_path):
    """The generated client, imported; removed from sys.modules afterwards."""
    with urllib.request.urlopen(f"{live_server.url}/api/schema/?format=json") as answer:  # noqa: S310
        schema = json.load(answer)
    validate(schema)  # the schema is valid OpenAPI
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    _generate(path, tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _every_module(package):
    return {
        info.name: importlib.import_module(info.name)
        for info in pkgutil.walk_packages(package.__path__, f"{PACKAGE}.")
    }


def _reads(modules):
    """{name: module} of the GET operations: lists (`…_list`) and details (`…_retrieve`)."""
    api = f"{PACKAGE}.api.v1."
    return {
        name.removeprefix(api): module
        for name, module in modules.items()
        if name.startswith(api)
        and name.endswith(("_list", "_retrieve"))
        and name.removeprefix(api) not in NOT_JSON
    }


def _required(function) -> set[str]:
    return {
        name
        for name, p in inspect.signature(function).parameters.items()
        if p.default is inspect.Parameter.empty and name != "client"
    }


def _first_id(parsed):
    results = getattr(parsed, "results", parsed)
    if isinstance(results, list) and results and hasattr(results[0], "id"):
        return results[0].id
    return None


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_imports_and_parses_every_read_for_every_role(
    migration_data, live_server, client_package, tokens, objects
):
    modules = _every_module(client_package)
    writes = [n for n in modules if n.endswith(("_create", "_update", "_destroy"))]
    assert len(writes) > 30  # every write call imported too
    reads = _reads(modules)
    assert {"v1_projects_list", "v1_investors_list", "v1_projects_retrieve"} <= set(reads)
    authenticated = importlib.import_module(f"{PACKAGE}.client").AuthenticatedClient
    parsed_ok, statuses, failures = {}, {}, []
    for role in ROLES:
        client = authenticated(
            base_url=live_server.url,
            token=tokens[role],
            prefix="Token",
            raise_on_unexpected_status=True,  # a status the schema does not list raises
        )
        ids = {}
        # Lists first: their first row gives the id the detail reads.
        for name in sorted(reads, key=lambda n: (not n.endswith("_list"), n)):
            call = reads[name].sync_detailed
            required = _required(call)
            kwargs = {}
            if required == {"id"}:
                resource = name.removesuffix("_retrieve").removesuffix("_list")
                if resource.endswith("_history"):
                    resource = resource.removesuffix("_history")
                kwargs["id"] = ids.get(resource)
                if kwargs["id"] is None:
                    continue
            elif required:
                continue  # a read that needs a query (suggestions for a project)
            try:
                answer = call(client=client, **kwargs)
            except Exception as exc:  # each failure is collected and reported at the end
                failures.append(f"{name} as {role}: {type(exc).__name__}: {exc}"[:500])
                continue
            statuses[(role, name)] = answer.status_code
            if answer.status_code == 200:
                if answer.parsed is None or type(answer.parsed).__name__ == "ErrorAnswer":
                    failures.append(f"{name} as {role}: not parsed")
                    continue
                parsed_ok.setdefault(role, set()).add(name)
                if name.endswith("_list"):
                    ids[name.removesuffix("_list")] = _first_id(answer.parsed)
    assert failures == [], "\n".join(failures)
    for role in ROLES:
        ok = parsed_ok.get(role, set())
        assert {"v1_projects_list", "v1_investors_list", "v1_projects_retrieve"} <= ok, role
        assert "v1_investors_retrieve" in ok, role
    assert sum(len(v) for v in parsed_ok.values()) > 100, statuses
