"""Issue 11: a whole-schema fuzz run. The OpenAPI schema drf-spectacular generates is loaded
into schemathesis, which sends generated requests to every operation through the WSGI app,
with the token of each role (admin, bureau, district, liaison, 110 office) and without one,
against the test database with objects inside and outside each role's scope. Every answer
must be no server error (5xx) and carry a status code the schema documents for the
operation.

Bounded and deterministic: `FUZZ_MAX_EXAMPLES` examples per operation (default 12: two per
role, the role taking turns), a fixed derandomised seed, no shrinking; each request runs in a
savepoint that is rolled back, so the examples do not depend on each other. Half of the
examples aimed at one object use an object that exists (inside the role's scope or outside
it), the other half the generated id.
"""

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, seed
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "12"))
SEED = 20261127
ROLES = ("admin", "bureau", "district", "liaison", "office110", None)


@pytest.fixture
def wsgi_app():
    """The WSGI app as deployed, keeping the test's database connection: the handler would
    close it after each request (Django's test client disconnects the same signal)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def schema():
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return schemathesis.openapi.from_dict(json.loads(json.dumps(generated, default=str)))


def _existing_ids(objects, label: str):
    """The (inside, outside) ids for an operation's `{id}`, from its path's first segment."""
    resource = label.split(" ", 1)[1].removeprefix("/api/v1/").split("/")[0]
    by_resource = {
        "projects": objects["project"],
        "regions": objects["region"],
        "service-visits": objects["service-visit-detail"],
        "service-requests": objects["service-request-detail"],
        "complaints": objects["complaint-detail"],
        "investors": objects["investor-detail"],
        "contacts": objects["contact-detail"],
        "interactions": objects["interaction-detail"],
        "activities": objects["activity-detail"],
        "agents": objects["agent-detail"],
        "inquiries": objects["inquiry-detail"],
    }
    return by_resource.get(resource)


def _fuzz(operation, *, ids, wsgi_app, tokens, failures, seen):
    """Run the operation's examples; collect failures and the status codes seen."""
    checks = [not_a_server_error, status_code_conformance]
    counter = iter(range(10**6))

    @seed(SEED)
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        n = next(counter)
        role = ROLES[n % len(ROLES)]
        if ids is not None and "id" in (case.path_parameters or {}) and n % 2 == 0:
            case.path_parameters["id"] = ids[(n // 2) % 2]
        headers = {"Authorization": f"Token {tokens[role]}"} if role else {}
        sid = transaction.savepoint()
        try:
            response = case.call(app=wsgi_app, headers=headers)
        finally:
            transaction.savepoint_rollback(sid)
        seen.setdefault(operation.label, Counter())[response.status_code] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except Exception as exc:  # every failure is collected and reported at the end
            failures.append(f"{operation.label} as {role or 'anonymous'}: {exc}")

    run()


def test_every_operation_answers_documented_codes_and_never_5xx(schema, wsgi_app, tokens, objects):
    failures, seen = [], {}
    for result in schema.get_all_operations():
        operation = result.ok()
        _fuzz(
            operation,
            ids=_existing_ids(objects, operation.label),
            wsgi_app=wsgi_app,
            tokens=tokens,
            failures=failures,
            seen=seen,
        )
    assert len(seen) >= 70, sorted(seen)
    assert failures == [], "\n\n".join(failures[:20])
    # The run reached the code behind the gates: some generated writes were accepted.
    accepted = [
        label
        for label, codes in seen.items()
        if not label.startswith("GET") and (codes[200] or codes[201])
    ]
    assert accepted, seen
    print(f"{sum(sum(c.values()) for c in seen.values())} requests; writes accepted: {accepted}")


# The schemathesis command line against a live server (issue 22, points 3 and 12): the schema
# as served, the default data generation (valid and invalid input), every role and no token,
# each answer checked for a server error, a status code and a body the schema documents.
# Bounded: LIVE_MAX_EXAMPLES cases per operation and phase, no stateful phase (the schema
# declares no links), no shrinking, LIVE_TIMEOUT seconds per role at most.
LIVE_MAX_EXAMPLES = int(os.environ.get("FUZZ_LIVE_MAX_EXAMPLES", "2"))
LIVE_TIMEOUT = int(os.environ.get("FUZZ_LIVE_TIMEOUT", "150"))
LIVE_PHASES = os.environ.get("FUZZ_LIVE_PHASES", "examples,fuzzing")
LIVE_CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"


def _schemathesis_cli(url: str, headers: dict, workdir: Path) -> subprocess.CompletedProcess:
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{url}/api/schema/?format=json",
        "--url",
        url,
        "--checks",
        LIVE_CHECKS,
        "--max-examples",
        str(LIVE_MAX_EXAMPLES),
        "--phases",
        LIVE_PHASES,
        "--seed",
        str(SEED),
        "--no-shrink",
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--continue-on-failure",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(workdir / "junit.xml"),
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    return subprocess.run(  # noqa: S603 (our own venv's schemathesis, fixed arguments)
        command, capture_output=True, text=True, timeout=LIVE_TIMEOUT, check=False, cwd=workdir
    )


def _failures_of(output: str) -> str:
    """The failures' headings, what they concern and how to reproduce them, from the output
    (the rest, its warnings and the responses, is in the run's output.txt)."""
    keep = ("___", "- ", "Schema at", "curl ", "Test cases:", "Error", "Traceback", "[5")
    lines = [line.strip() for line in output.splitlines() if line.strip().startswith(keep)]
    return "\n".join(lines)[:20000] or output[-6000:]


@pytest.mark.django_db(transaction=True)
def test_schemathesis_cli_finds_no_server_error_nor_undocumented_answer(
    migration_data, live_server, tokens, objects, tmp_path
):
    failures, took = [], {}
    for role in ROLES:
        headers = {"Authorization": f"Token {tokens[role]}"} if role else {}
        cache.clear()  # throttle counters: each role starts afresh
        started = time.monotonic()
        workdir = tmp_path / (role or "anonymous")
        workdir.mkdir()
        run = _schemathesis_cli(live_server.url, headers, workdir)
        took[role or "anonymous"] = round(time.monotonic() - started)
        (workdir / "output.txt").write_text(run.stdout + run.stderr)
        if run.returncode != 0 or "Test cases:" not in run.stdout:
            failures.append(f"--- as {role or 'anonymous'} ---\n{_failures_of(run.stdout)}")
    print(f"schemathesis CLI, seconds per role: {took}, total {sum(took.values())}")
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)
