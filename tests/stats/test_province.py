"""The province's monthly tables: made from a published snapshot only; the xlsx read back
cell by cell equals the snapshot's figures (and its city totals the snapshot's city scope);
splits by mode and industry computed by hand; the log of what was sent."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from config.errors import DomainError
from projects import services as project_services
from stats import province, services
from stats.calculations import yoy_pct
from stats.models import ProvinceReportSend, ScopeType

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel(dt.datetime(2026, 12, 8, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def published(bureau_user, approve, arrive, region_a, region_b):
    a1 = approve(dt.date(2026, 11, 3), region=region_a, fdi="100", etype="equity_jv")  # C
    approve(dt.date(2026, 5, 10), region=region_a, fdi="50", etype="wfoe", industry="I")
    approve(dt.date(2025, 11, 15), region=region_a, fdi="40", etype="contractual_jv", industry="A")
    b1 = approve(
        dt.date(2026, 11, 20), region=region_b, fdi="30", etype="fie_joint_stock", industry="E"
    )
    arrive(a1, dt.date(2026, 11, 25), "12.5")
    arrive(b1, dt.date(2026, 11, 30), "7")
    arrive(a1, dt.date(2025, 11, 2), "10")
    dom = approve(
        dt.date(2026, 1, 5), region=region_b, source="domestic", etype="domestic", country="CN"
    )
    project_services.domestic_arrival_create(
        user=bureau_user,
        project=dom,
        date=dt.date(2026, 11, 1),
        amount_cny_10k=D("300"),
        source_province="32",
    )
    run = services.stats_run_request(user=bureau_user, year=2026, month=11)
    snapshot = services.stats_run_execute(run_id=run.pk).snapshot
    return services.stats_snapshot_publish(user=bureau_user, snapshot=snapshot)


def lines(snapshot, key=""):
    return {f.indicator: f for f in snapshot.province_figures.filter(scope_key=key)}


def test_splits_by_hand(published, region_a, region_b):
    city = lines(published)
    assert (city["projects_total"].month, city["projects_total"].ytd) == (D(2), D(3))
    assert city["projects_total"].month_last_year == D(1)
    assert city["projects_equity_jv"].month == D(1)
    assert city["projects_fie_joint_stock"].month == D(1)
    assert city["projects_contractual_jv"].ytd_last_year == D(1)
    assert city["projects_secondary"].month == D(2)  # C and E
    assert city["projects_industrial"].month == D(1)  # C only (E is not 工业)
    assert city["projects_tertiary"].ytd == D(1)
    assert city["contracted_total"].ytd == D(180)
    assert city["contracted_wfoe"].ytd == D(50)
    assert city["utilized_total"].month == D("19.5")
    assert city["utilized_total"].month_last_year == D(10)
    assert city["utilized_industrial"].month == D("12.5")
    assert city["domestic_total"].month == D(300)
    a = lines(published, str(region_a.pk))
    b = lines(published, str(region_b.pk))
    assert (a["contracted_total"].month, b["contracted_total"].month) == (D(100), D(30))
    assert b["domestic_total"].ytd == D(300)
    assert a["domestic_total"].ytd == 0
    # The city's totals are the snapshot's city scope.
    figure = published.figures.get(scope_type=ScopeType.CITY, scope_key="")
    assert city["projects_total"].month == figure.new_fie_count_month
    assert city["projects_total"].ytd == figure.new_fie_count_ytd
    assert city["contracted_total"].ytd == figure.contracted_fdi_usd_10k_ytd
    assert city["utilized_total"].ytd == figure.utilized_fdi_usd_10k_ytd
    assert city["utilized_total"].ytd_last_year == figure.utilized_fdi_usd_10k_ytd_last_year
    assert city["domestic_total"].ytd == figure.domestic_capital_cny_10k_ytd


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_xlsx_cells_equal_the_snapshot(published, lang):
    book = load_workbook(BytesIO(province.xlsx(published, lang)))
    keys = {f.scope_key for f in published.province_figures.all()}
    assert len(book.sheetnames) == len(keys)
    checked = 0
    for ws in book.worksheets:
        assert ws.merged_cells.ranges  # the title and notes are merged across
        assert ws["C4"].number_format == "#,##0"
        assert ws.cell(row=3, column=3).value  # the span headers
    for ws, table in zip(book.worksheets, province.tables(published), strict=True):
        figures = lines(published, table.scope_key)
        for n, indicator in enumerate(province.INDICATORS):
            f = figures[indicator]
            row = [ws.cell(row=4 + n, column=c).value for c in range(3, 7)]
            assert [D(str(row[0])), D(str(row[2]))] == [f.month, f.ytd], (table.title, indicator)
            for value, expected in ((row[1], yoy_pct(f.month, f.month_last_year)),
                                    (row[3], yoy_pct(f.ytd, f.ytd_last_year))):  # fmt: skip
                assert (None if value is None else D(str(value))) == expected
            checked += 1
        notes = [
            ws.cell(row=r, column=1).value
            for r in range(5 + len(province.INDICATORS), ws.max_row + 1)
        ]
        assert len([t for t in notes if t]) == 3
    assert checked == len(province.INDICATORS) * len(book.worksheets)
    city = book.worksheets[0]
    if lang == "zh-hans":
        assert city.cell(row=3, column=3).value == "本月"
        assert city.cell(row=3, column=5).value == "2026年1—11月"
    else:
        assert city.cell(row=3, column=5).value == "January–November 2026"


def test_pdf_in_both_languages(published):
    assert province.pdf(published, "zh-hans").startswith(b"%PDF")
    assert province.pdf(published, "en").startswith(b"%PDF")


def test_draft_refused_and_sending_logged(bureau_user, district_user, approve, region_a, published):
    approve(dt.date(2026, 10, 3), region=region_a, fdi="1")
    run = services.stats_run_request(user=bureau_user, year=2026, month=10)
    draft = services.stats_run_execute(run_id=run.pk).snapshot
    with pytest.raises(DomainError):
        province.tables(draft)
    with pytest.raises(DomainError):
        services.province_report_mark_sent(user=bureau_user, snapshot=draft, language="zh-hans")
    with pytest.raises(PermissionDenied):
        services.province_report_mark_sent(
            user=district_user, snapshot=published, language="zh-hans"
        )
    sent = services.province_report_mark_sent(
        user=bureau_user, snapshot=published, language="zh-hans", note="邮件报省商务厅"
    )
    row = ProvinceReportSend.objects.get()
    assert (row.snapshot, row.sent_by, row.language, row.note) == (
        published,
        bureau_user,
        "zh-hans",
        "邮件报省商务厅",
    )
    assert sent.sent_at is not None


def test_page_and_mark_sent(client, bureau_user, published):
    from django.urls import reverse

    client.force_login(bureau_user)
    page = client.get(reverse("stats:province", args=[published.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert (
        page.content.decode().count('data-testid="province-table"')
        == published.province_figures.values("scope_key").distinct().count()
    )
    resp = client.post(
        reverse("stats:province_sent", args=[published.pk]), {"language": "en", "note": "e-mail"}
    )
    assert resp.status_code == 302
    assert ProvinceReportSend.objects.get().language == "en"
    xlsx_resp = client.get(reverse("stats:province_file", args=[published.pk, "xlsx"]) + "?lang=en")
    assert xlsx_resp["Content-Disposition"].endswith('-en.xlsx"')
