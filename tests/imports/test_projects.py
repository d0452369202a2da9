import datetime as dt
from decimal import Decimal

import pytest

from imports.models import ImportedRecord
from imports.services import import_apply
from projects.models import Project
from tests.factories import InvestorFactory

from .helpers import check, errors_of

pytestmark = pytest.mark.django_db


def _rows(region, investor):
    return [
        {"code": "XM-001", "name_zh_hans": "甲项目", "region": region.code, "industry": "C",
         "investor": investor.name_en, "total_investment_cny_10k": "5000",
         "contracted_fdi_usd_10k": "300", "intent_date": "2025-01-10",
         "contract_date": "2025/03/01"},
        {"code": "XM-002", "name_zh_hans": "乙项目", "region": region.name_zh_hans,
         "capital_source": "Domestic", "intent_date": "2025-02-01"},
        {"code": "XM-003", "name_zh_hans": "丙项目", "region": region.code,
         "intent_date": "2025-02-30"},
        {"code": "XM-004", "name_zh_hans": "丁项目", "region": "999999",
         "intent_date": "2025-02-01"},
        {"code": "XM-001", "name_zh_hans": "甲项目", "region": region.code,
         "intent_date": "2025-01-10"},
    ]  # fmt: skip


def test_dry_run_names_the_column_then_apply_valid_only_and_reimport(
    bureau_user, region_a, sections, django_capture_on_commit_callbacks
):
    investor = InvestorFactory(name_en="Acme GmbH", country="DE", owner_region=region_a)
    rows = _rows(region_a, investor)
    job = check(bureau_user, "projects", rows)
    assert not Project.objects.exists()  # the dry run writes nothing
    assert (job.valid, job.invalid, job.unchanged) == (2, 3, 0)
    errors = errors_of(job)
    assert errors[2] == []
    assert errors[3] == []
    assert errors[4] == [("Intent date", "Enter a date as YYYY-MM-DD.")]
    assert errors[5][0][0] == "Region"
    assert "Unknown region" in errors[5][0][1]
    assert errors[6] == [("Project code", "The same record is in row 2.")]

    with django_capture_on_commit_callbacks(execute=True):
        import_apply(user=bureau_user, job=job, only_valid=True)
    job.refresh_from_db()
    assert (job.status, job.written, job.failed, job.progress) == ("done", 2, 0, 100)
    first = Project.objects.get(name_zh_hans="甲项目")
    assert (first.stage, first.contract_date) == ("contract", dt.date(2025, 3, 1))
    assert first.total_investment_cny_10k == Decimal("5000")
    assert first.investor == investor
    # History: every row of the imported project says so, by whom.
    reasons = set(first.history.values_list("history_change_reason", "history_user"))
    assert reasons == {(f"import #{job.pk}: projects.xlsx", bureau_user.pk)}
    assert ImportedRecord.objects.get(kind="projects", key="XM-001").object_id == first.pk

    again = check(bureau_user, "projects", rows[:2])
    assert (again.valid, again.invalid, again.unchanged) == (0, 0, 2)
    with django_capture_on_commit_callbacks(execute=True):
        import_apply(user=bureau_user, job=again)
    assert Project.objects.count() == 2


def test_chinese_page_chinese_errors(bureau_user, region_a, sections):
    job = check(
        bureau_user,
        "projects",
        [{"code": "X", "name_zh_hans": "甲", "region": "不存在区", "intent_date": "2025-1-1"}],
        language="zh-hans",
    )
    [(column, message)] = errors_of(job)[2]
    assert column == "地区"
    assert message.startswith("未知地区")


def test_gates_and_stage_order_are_checked_in_the_dry_run(bureau_user, region_a, sections):
    job = check(
        bureau_user,
        "projects",
        [
            # A contract without its investor and amounts.
            {"code": "A", "name_zh_hans": "甲", "region": region_a.code,
             "intent_date": "2025-01-01", "contract_date": "2025-02-01"},
            # Approval without a contract date.
            {"code": "B", "name_zh_hans": "乙", "region": region_a.code,
             "intent_date": "2025-01-01", "approval_date": "2025-02-01"},
            # A contract before the intent; a date in the future.
            {"code": "C", "name_zh_hans": "丙", "region": region_a.code,
             "intent_date": "2025-01-01", "contract_date": "2024-12-01"},
            {"code": "D", "name_zh_hans": "丁", "region": region_a.code,
             "intent_date": "2026-07-01"},
        ],
    )  # fmt: skip
    errors = errors_of(job)
    assert errors[2][0] == ("Investor", "A signed contract needs the investor.")
    assert errors[3][0][0] == "Approval date"
    assert errors[4][0][0] == "Contract date"
    assert errors[5] == [("Intent date", "The date cannot be in the future.")]


def test_introducer_and_groundbreaking_with_its_liaison_unit(
    bureau_user, region_a, unit_a, sections, django_capture_on_commit_callbacks
):
    from accounts.models import Role
    from tests.factories import UserFactory

    from .helpers import apply

    UserFactory(username="li_wei", role=Role.LIAISON, liaison_unit=unit_a)
    investor = InvestorFactory(name_en="Acme GmbH", country="DE", owner_region=region_a)
    row = {
        "code": "GB-1", "name_zh_hans": "开工项目", "region": region_a.code, "industry": "C",
        "investor": "Acme GmbH", "total_investment_cny_10k": "800",
        "contracted_fdi_usd_10k": "100", "enterprise_type": "wfoe",
        "introducer_kind": "staff", "introducer": bureau_user.username,
        "intent_date": "2025-01-01", "contract_date": "2025-02-01",
        "approval_date": "2025-03-01", "groundbreaking_date": "2025-04-01",
        "liaison_unit": unit_a.code, "liaison_person": "li_wei",
    }  # fmt: skip
    no_unit = {**row, "code": "GB-2", "liaison_unit": "", "liaison_person": ""}
    job = check(bureau_user, "projects", [row, no_unit])
    assert errors_of(job)[3] == [
        ("Liaison unit", "Groundbreaking needs a responsible liaison unit and person.")
    ]
    apply(bureau_user, job, django_capture_on_commit_callbacks)
    project = Project.objects.get()
    assert (project.stage, project.introducer_user, project.investor) == (
        "groundbreaking",
        bureau_user,
        investor,
    )
    assignment = project.liaison_assignments.get()
    assert assignment.start_date == dt.date(2025, 4, 1)
    assert assignment.history.get().history_change_reason == f"import #{job.pk}: projects.xlsx"


def test_csv_from_a_chinese_excel(bureau_user, region_a, sections):
    """A CSV as Excel saves it on a Chinese Windows (GB18030), Chinese headers from the
    template's CSV."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from imports.kinds import PROJECT
    from imports.services import import_check
    from imports.tables import template_csv

    with translation.override("zh-hans"):
        header = template_csv(PROJECT).decode("utf-8-sig").strip()
    assert header.startswith("项目编号,")
    columns = header.split(",")
    row = dict.fromkeys(columns, "")
    row.update(
        {
            "项目编号": "CSV-1",
            "名称（中文）": "甲",
            "地区": region_a.code,
            "意向日期": "2025年3月1日",
        }
    )
    text = header + "\n" + ",".join(row[c] for c in columns) + "\n"
    job = import_check(
        user=bureau_user,
        kind="projects",
        uploaded=SimpleUploadedFile("p.csv", text.encode("gb18030")),
    )
    assert (job.valid, job.invalid) == (1, 0), job.rows
