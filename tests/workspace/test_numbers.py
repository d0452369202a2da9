"""Issue #12 item 2: one number format on every page and in every xlsx."""

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from config.numbers import fmt_num, fmt_pct, xlsx_format
from projects.models import CapitalArrival, RegionTarget
from tests.factories import ProjectFactory


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
@pytest.mark.parametrize(
    ("value", "text"),
    [
        (209945, "209,945"),
        (Decimal("224779.00"), "224,779"),
        (Decimal("1500.00"), "1,500"),
        (Decimal("12.50"), "12.5"),
        (Decimal("1234.25"), "1,234.25"),
        (0, "0"),
        (None, "—"),
    ],
)
def test_num_groups_thousands_in_both_languages_and_drops_needless_decimals(lang, value, text):
    with translation.override(lang):
        assert fmt_num(value) == text


def test_pct_has_one_decimal():
    with translation.override("zh-hans"):
        assert fmt_pct(Decimal("78.947")) == "78.9%"
        assert fmt_pct(100) == "100.0%"
        assert fmt_pct(Decimal("12"), signed=True) == "+12.0%"
        assert fmt_pct(None) == "—"


def test_xlsx_formats_have_no_trailing_dot_and_show_the_decimals_the_value_has():
    assert xlsx_format(5) == "#,##0"
    # An amount of a decimal_places=2 field keeps its two places even when whole (issue #27):
    # '#,##0' hid them, and a money column read 224,779 next to 1,234.50.
    assert xlsx_format(Decimal("5.00")) == "#,##0.00"
    assert xlsx_format(Decimal("5.5")) == "#,##0.0"
    assert xlsx_format(Decimal("5.50")) == "#,##0.00"
    assert xlsx_format(Decimal("7.123456")) == "#,##0.000000"  # a rate's six places
    assert xlsx_format(Decimal(1) / Decimal(3)) == "#,##0.000000"  # a computed ratio: capped
    assert xlsx_format(Decimal("12.50000000000000000000000")) == "#,##0.0"
    assert xlsx_format(Decimal("5")) == "#,##0"
    assert xlsx_format(0.125) == "#,##0.000"
    assert xlsx_format(2.5) == "#,##0.00"
    assert xlsx_format(3.0) == "#,##0"
    assert xlsx_format("5") is None
    assert xlsx_format(True) is None


@pytest.fixture
def big_projects(region_a):
    ProjectFactory(
        region=region_a,
        name_zh_hans="大项目",
        name_en="Big project",
        total_investment_cny_10k=Decimal("224779.00"),
        contracted_fdi_usd_10k=Decimal("1234.50"),
    )
    ProjectFactory(region=region_a, name_zh_hans="只有中文的项目", name_en="")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_project_list_prints_grouped_numbers_in_both_languages(
    client, bureau_user, big_projects, lang
):
    client.force_login(bureau_user)
    body = client.get(f"/{lang}/staff/projects/").content.decode()
    assert "224,779<" in body
    assert "224779" not in body
    assert "224,779.00" not in body
    assert "1,234.5<" in body


@pytest.mark.django_db
def test_targets_show_percentage_over_achievement_and_city_total(client, bureau_user, region_a):
    year = timezone.localdate().year
    p = ProjectFactory(region=region_a, name_en="P")
    CapitalArrival.objects.create(
        project=p,
        date=dt.date(year, 1, 5),
        amount=Decimal("1897"),
        currency="USD",
        usd_rate=Decimal("1"),
        amount_usd_10k=Decimal("1897"),
        recorded_by=bureau_user,
    )
    RegionTarget.objects.create(
        region=region_a,
        year=year,
        negotiated=4,
        approved=2,
        started=1,
        utilized_fdi_usd_10k=Decimal("1500.00"),
    )
    client.force_login(bureau_user)
    body = client.get(f"/en/staff/projects/targets/?year={year}").content.decode()
    assert "1,897 / 1,500 · " in body
    assert "126.5%" in body
    assert 'data-testid="over-target"' in body
    assert "1,500.00" not in body


@pytest.mark.django_db
def test_project_export_has_real_numbers_with_formats_and_clean_names(
    client, bureau_user, big_projects
):
    client.force_login(bureau_user)
    ws = load_workbook(BytesIO(client.get("/en/staff/projects/export.xlsx").content)).active
    rows = list(ws.iter_rows(min_row=2))
    header = [c.value for c in ws[1]]
    by_name = {r[1].value: r for r in rows}
    big = by_name["Big project"]
    total = big[header.index("Total investment (10k CNY)")]
    contracted = big[header.index("Contracted foreign capital (10k USD)")]
    assert total.value == 224779
    assert total.number_format == "#,##0.00"  # the field's two places, shown even when whole
    assert contracted.value == 1234.5
    assert contracted.number_format == "#,##0.00"
    assert big[0].number_format == "0"  # the ID is not grouped
    money = [header.index("Total investment (10k CNY)"), contracted.column - 1]
    for r in rows:  # one money column, one format, whole or not
        for i in money:
            if r[i].value is not None:
                assert r[i].number_format == "#,##0.00", (r[1].value, r[i].number_format)
    # The Chinese name stands as written; the missing English is named in its own column.
    untranslated = by_name["只有中文的项目"]
    assert untranslated[header.index("No English text yet")].value == "Name"
    assert not any("no English text yet" in str(c.value) for r in rows for c in r[:5])
    for r in rows:
        for c in r:
            if isinstance(c.value, int | float):
                assert not c.number_format.endswith((".", ".##")), c.number_format


@pytest.mark.django_db
def test_dashboard_funnel_labels_its_ratio_and_shows_one_decimal(client, bureau_user, region_a):
    today = timezone.localdate()
    start = dt.date(today.year, 1, 1)
    ProjectFactory(region=region_a, intent_date=start, contract_date=start, stage="contract")
    for _ in range(2):
        ProjectFactory(region=region_a, intent_date=start)
    client.force_login(bureau_user)
    body = client.get("/en/staff/").content.decode()
    funnel = body[body.index('data-testid="funnel"') :]
    funnel = funnel[: funnel.index("</section>")] if "</section>" in funnel else funnel
    assert "% of stage before" in funnel
    assert "33.3%" in funnel  # 1 of 3 reached the contract
    assert "0.0%" in funnel
    assert not any(float(v) > 100 for v in re.findall(r"([\d.]+)%", funnel))
