"""Project rows are written a batch at a time (projects.services.project_create_batch): the
same records, stage moves, history and derived fields as the services one by one, in a few
statements; and the dry run of a file of any size reports the services' refusals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports import services as import_services
from imports.models import ImportedRecord
from projects.models import Project, StageMove
from tests.factories import InvestorFactory

from .helpers import apply, check, errors_of

pytestmark = pytest.mark.django_db

# The fields that differ between two imports of the same rows by construction.
VOLATILE = {"id", "created_at", "updated_at", "history_id", "history_date", "project_id"}


def _rows(prefix, region, investor, introducer):
    return [
        {"code": f"{prefix}-1", "name_zh_hans": "意向项目", "name_en": "Intent only",
         "region": region.code, "category": "", "intent_date": "2025-01-10"},
        {"code": f"{prefix}-2", "name_zh_hans": "签约项目", "region": region.code,
         "industry": "C", "investor": investor.name_en, "total_investment_cny_10k": "5000",
         "contracted_fdi_usd_10k": "300", "intent_date": "2025-01-10",
         "contract_date": "2025-03-01", "introducer_kind": "staff",
         "introducer": introducer.username},
        {"code": f"{prefix}-3", "name_zh_hans": "审批项目", "region": region.name_en,
         "industry": "C", "investor": investor.name_en, "total_investment_cny_10k": "800",
         "contracted_fdi_usd_10k": "100", "enterprise_type": "wfoe",
         "intent_date": "2025-01-01", "contract_date": "2025-02-01",
         "approval_date": "2025-03-01"},
        {"code": f"{prefix}-4", "name_zh_hans": "内资项目", "region": region.code,
         "capital_source": "Domestic", "enterprise_type": "domestic",
         "intent_date": "2025-02-01"},
    ]  # fmt: skip


def _written(job) -> list[dict]:
    """What the job wrote, row by row: the project's fields, its moves and its history, with
    the fields that differ by construction (ids, timestamps) left out and the job's own
    reason replaced by a marker."""
    out = []
    for record in ImportedRecord.objects.filter(job=job).order_by("row"):
        project = Project.objects.get(pk=record.object_id)
        fields = {
            f.attname: getattr(project, f.attname)
            for f in Project._meta.concrete_fields
            if f.attname not in VOLATILE
        }
        moves = [
            (m.kind, m.from_stage, m.to_stage, m.date, m.note == job.reason, m.moved_by_id)
            for m in StageMove.objects.filter(project=project).order_by("id")
        ]
        history = [
            {
                **{k: v for k, v in h.items() if k not in VOLATILE},
                "history_change_reason": h["history_change_reason"] == job.reason,
            }
            for h in project.history.order_by("history_date", "history_id").values()
        ]
        out.append({"row": record.row, "project": fields, "moves": moves, "history": history})
    return out


def test_batch_writes_what_the_services_write_one_by_one(
    bureau_user, region_a, sections, django_capture_on_commit_callbacks, monkeypatch
):
    investor = InvestorFactory(name_en="Acme GmbH", country="DE", owner_region=region_a)

    batched = check(bureau_user, "projects", _rows("A", region_a, investor, bureau_user))
    assert (batched.valid, batched.invalid) == (4, 0), errors_of(batched)
    with CaptureQueriesContext(connection) as queries:
        batched = apply(bureau_user, batched, django_capture_on_commit_callbacks)
    assert (batched.written, batched.failed) == (4, 0)

    # The same rows (other codes) through the services one by one.
    monkeypatch.setattr(import_services, "project_batch_row", lambda values, lookups: None)
    one_by_one = check(bureau_user, "projects", _rows("B", region_a, investor, bureau_user))
    with CaptureQueriesContext(connection) as queries_one_by_one:
        one_by_one = apply(bureau_user, one_by_one, django_capture_on_commit_callbacks)
    assert (one_by_one.written, one_by_one.failed) == (4, 0)
    # A few statements for the whole file (the job, the lookups, one insert per table), not
    # some 17 a row: the same count for 4 rows as for 500.
    assert len(queries) < 40 < 2 * 40 < len(queries_one_by_one)

    a, b = _written(batched), _written(one_by_one)
    assert a == b
    # What the comparison covers: the derived fields and the history of each stage.
    approval = a[2]
    assert approval["project"]["stage"] == "approval"
    assert str(approval["project"]["last_activity_on"]) == "2025-03-01"
    assert [h["history_type"] for h in approval["history"]] == ["+", "~", "~"]
    assert [h["stage"] for h in approval["history"]] == ["intent", "contract", "approval"]
    assert all(h["history_change_reason"] for h in approval["history"])
    assert {h["history_user_id"] for h in approval["history"]} == {bureau_user.pk}
    assert [m[2] for m in approval["moves"]] == ["contract", "approval"]
    assert a[1]["project"]["introducer_user_id"] == bureau_user.pk


def test_a_refusal_in_a_batch_leaves_the_others_written(
    bureau_user, region_a, sections, django_capture_on_commit_callbacks
):
    investor = InvestorFactory(name_en="Acme GmbH", country="DE", owner_region=region_a)
    rows = _rows("C", region_a, investor, bureau_user)
    rows[1]["capital_source"] = "Domestic"  # with contracted foreign capital: refused
    job = check(bureau_user, "projects", rows)
    assert errors_of(job)[3][0][0] == "Contracted foreign capital (10k USD)"
    # As if the rule had come between the dry run and the apply: the row is tried again.
    job.rows[1].update(state="new", errors=[])
    job.invalid, job.valid = 0, 4
    job.save()
    job = apply(bureau_user, job, django_capture_on_commit_callbacks)
    assert (job.written, job.failed) == (3, 1)
    failed = {r["row"]: r["errors"] for r in job.rows if r["state"] == "failed"}
    assert failed == {
        3: [
            {
                "field": "contracted_fdi_usd_10k",
                "column": "Contracted foreign capital (10k USD)",
                "message": "A domestic project has no contracted foreign capital.",
            }
        ]
    }
    assert Project.objects.count() == 3
    assert ImportedRecord.objects.filter(job=job).count() == 3
    assert not StageMove.objects.filter(project__name_zh_hans="签约项目").exists()


def test_another_import_of_the_same_code_meanwhile(
    bureau_user, region_a, sections, django_capture_on_commit_callbacks, monkeypatch
):
    """The register's unique key: when another import wrote a code between the dry run and
    the batch, the chunk is written row by row and that row is left as there."""
    investor = InvestorFactory(name_en="Acme GmbH", country="DE", owner_region=region_a)
    first = check(bureau_user, "projects", _rows("D", region_a, investor, bureau_user)[:1])
    first = apply(bureau_user, first, django_capture_on_commit_callbacks)
    monkeypatch.setattr("imports.kinds.Lookups.imported_keys", lambda self, kind: set())
    job = check(bureau_user, "projects", _rows("D", region_a, investor, bureau_user))
    assert job.valid == 4  # the register is not read: as if the other import came later
    job = apply(bureau_user, job, django_capture_on_commit_callbacks)
    assert (job.written, job.failed) == (3, 0)
    assert [r["state"] for r in job.rows] == ["exists", "written", "written", "written"]
    assert Project.objects.count() == 4


def test_the_dry_run_of_a_large_file_reports_the_services_refusals(
    bureau_user, region_a, sections, settings
):
    """More rows than IMPORT_TRIAL_ROWS: the project rows are still checked as the services
    would (here _validate: a domestic project has no contracted foreign capital, which the
    row rules do not check)."""
    settings.IMPORT_TRIAL_ROWS = 2
    rows = [
        {"code": f"L-{i}", "name_zh_hans": f"项目{i}", "region": region_a.code,
         "intent_date": "2025-01-10"}
        for i in range(3)
    ]  # fmt: skip
    rows.append(
        {"code": "L-9", "name_zh_hans": "内资项目", "region": region_a.code,
         "capital_source": "Domestic", "contracted_fdi_usd_10k": "100",
         "intent_date": "2025-01-10"}
    )  # fmt: skip
    job = check(bureau_user, "projects", rows)
    assert (job.valid, job.invalid, job.services_checked) == (3, 1, True)
    assert errors_of(job)[5] == [
        (
            "Contracted foreign capital (10k USD)",
            "A domestic project has no contracted foreign capital.",
        )
    ]
    assert not Project.objects.exists()


def test_the_page_says_when_the_services_check_at_the_apply(
    client, bureau_user, region_a, settings
):
    """Another kind (written one by one) in a file over IMPORT_TRIAL_ROWS rows: the dry run
    does not try them through the services, and the page says so."""
    settings.IMPORT_TRIAL_ROWS = 1
    rows = [
        {"year": "2026", "region": region_a.code, "negotiated": "10"},
        {"year": "2027", "region": region_a.code, "negotiated": "12"},
    ]
    job = check(bureau_user, "targets", rows)
    assert (job.valid, job.services_checked) == (2, False)
    client.force_login(bureau_user)
    page = client.get(f"/en/staff/imports/{job.pk}/")
    assert page.status_code == 200
    assert b'data-testid="services-at-apply"' in page.content

    small = check(bureau_user, "targets", rows[:1])
    assert small.services_checked
    assert b"services-at-apply" not in client.get(f"/en/staff/imports/{small.pk}/").content
