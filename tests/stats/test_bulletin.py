"""The bulletin as an official document (issue 28): title, body in one set of terms, the
province and nation of the same period with the comparison in percentage points, the issuer
and the date at the foot, in both languages; stale reference figures left out and flagged."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from reference.models import Region, RegionKind
from stats.bulletin import build_bulletin, bulletin_text, city_paragraph, stale_references
from stats.models import ReferenceFigure, StatsFigure, StatsSnapshot

D = Decimal
pytestmark = pytest.mark.django_db
# 8 December 2026, 10:00 in Shanghai: the day the November bulletin is written.
TODAY = dt.datetime(2026, 12, 8, 2, 0, tzinfo=dt.UTC)

SEED_CITY = (
    "2026年1—11月，全市新设立外商投资企业38家，总投资224779万元，同比增长46.9%；"
    "合同外资15827万美元，同比增长37.5%；实际使用外资11136万美元，同比增长32.8%。"
)

# The bulletin for November 2026, written by hand as the bureau's office would write it.
EXPECTED_ZH = [
    "示范市2026年1—11月利用外资情况通报",
    "",
    SEED_CITY,
    "同期，全省新设立外商投资企业486家，同比增长18.3%；合同外资183282万美元，同比增长76.1%；"
    "实际使用外资104534万美元，同比增长29.4%。",
    "全国新设立外商投资企业35202家，同比增长7.7%；合同外资1189.99亿美元，同比增长34.2%；"
    "实际使用外资537.81亿美元，同比增长23.5%。截至2026年11月底，全国累计设立外商投资企业"
    "500479家，累计合同外资10621.29亿美元，累计实际使用外资5552.51亿美元。",
    "我市合同外资同比增长37.5%，低于全省平均水平38.6个百分点，高于全国平均水平3.3个百分点；"
    "实际使用外资同比增长32.8%，高于全省平均水平3.4个百分点，高于全国平均水平9.3个百分点。",
    "",
    "示范市招商局",
    "2026年12月8日",
]
EXPECTED_EN = [
    "Utilization of Foreign Investment in Demo City, January–November 2026",
    "",
    "In January–November 2026, 38 new foreign-invested enterprises were established in the "
    "city, with total investment of 2,247.79 million yuan, up 46.9% year on year; contracted "
    "foreign capital was US$158.27 million, up 37.5% year on year; utilized foreign capital was "
    "US$111.36 million, up 32.8% year on year.",
    "In the same period, 486 new foreign-invested enterprises were established in the province, "
    "up 18.3% year on year; contracted foreign capital was US$1,832.82 million, up 76.1% year "
    "on year; utilized foreign capital was US$1,045.34 million, up 29.4% year on year.",
    "Nationwide, 35,202 new foreign-invested enterprises were established, up 7.7% year on "
    "year; contracted foreign capital was US$118.999 billion, up 34.2% year on year; utilized "
    "foreign capital was US$53.781 billion, up 23.5% year on year. By the end of November 2026, "
    "500,479 foreign-invested enterprises had been established nationwide in total, with "
    "contracted foreign capital of US$1,062.129 billion and utilized foreign capital of "
    "US$555.251 billion.",
    "The city's contracted foreign capital grew 37.5% year on year, 38.6 percentage points "
    "below the provincial average and 3.3 percentage points above the national average; its "
    "utilized foreign capital grew 32.8% year on year, 3.4 percentage points above the "
    "provincial average and 9.3 percentage points above the national average.",
    "",
    "Demo City Investment Promotion Bureau",
    "8 December 2026",
]


def figure(**kw):
    values = {
        "scope_type": "city",
        "scope_key": "",
        "new_fie_count_ytd": 38,
        "new_fie_count_ytd_last_year": 31,
        "total_investment_cny_10k_ytd": D(224779),
        "total_investment_cny_10k_ytd_last_year": D(153015),
        "contracted_fdi_usd_10k_ytd": D(15827),
        "contracted_fdi_usd_10k_ytd_last_year": D(11510),
        "utilized_fdi_usd_10k_ytd": D(11136),
        "utilized_fdi_usd_10k_ytd_last_year": D(8385),
    } | kw
    return StatsFigure(**values)


def province(month=11, **kw):
    return ReferenceFigure.objects.create(
        **{
            "scope": "province",
            "year": 2026,
            "month": month,
            "new_fie_count": 486,
            "new_fie_count_yoy_pct": D("18.25"),
            "contracted_fdi_usd_10k": D(183282),
            "contracted_fdi_yoy_pct": D("76.14"),
            "utilized_fdi_usd_10k": D(104534),
            "utilized_fdi_yoy_pct": D("29.35"),
        }
        | kw
    )


def nation(month=11, as_of=dt.date(2026, 11, 30), **kw):
    return ReferenceFigure.objects.create(
        **{
            "scope": "nation",
            "year": 2026,
            "month": month,
            "new_fie_count": 35202,
            "new_fie_count_yoy_pct": D("7.66"),
            "contracted_fdi_usd_10k": D(11899900),
            "contracted_fdi_yoy_pct": D("34.19"),
            "utilized_fdi_usd_10k": D(5378100),
            "utilized_fdi_yoy_pct": D("23.47"),
            "cumulative_as_of": as_of,
            "cumulative_fie_count": 500479,
            "cumulative_contracted_fdi_usd_10k": D(106212900),
            "cumulative_utilized_fdi_usd_10k": D(55525100),
        }
        | kw
    )


@pytest.fixture
def city():
    return Region.objects.create(
        code="430700",
        name="示范市",
        name_zh_hans="示范市",
        name_en="Demo City",
        kind=RegionKind.CITY,
    )


@pytest.fixture
def november(city):
    """The November draft with the seed's city figures."""
    with time_machine.travel(TODAY, tick=False):
        snapshot = StatsSnapshot.objects.create(year=2026, month=11, computed_at=TODAY)
        f = figure()
        f.snapshot = snapshot
        f.save()
        yield snapshot


@pytest.mark.parametrize(("lang", "expected"), [("zh-hans", EXPECTED_ZH), ("en", EXPECTED_EN)])
def test_the_bulletin_sentence_by_sentence(november, lang, expected):
    province()
    nation()
    lines = build_bulletin(november, lang).text.split("\n")
    for n, (got, want) in enumerate(zip(lines, expected, strict=False)):
        assert got == want, f"line {n}"
    assert len(lines) == len(expected)


def test_january_title_and_span(city):
    with time_machine.travel(dt.datetime(2026, 2, 3, 2, tzinfo=dt.UTC), tick=False):
        snapshot = StatsSnapshot.objects.create(year=2026, month=1, computed_at=TODAY)
        assert build_bulletin(snapshot, "zh-hans").title == "示范市2026年1月利用外资情况通报"
        assert build_bulletin(snapshot, "en").title == (
            "Utilization of Foreign Investment in Demo City, January 2026"
        )
        assert city_paragraph(figure(), 2026, 1, "zh-hans").startswith("2026年1月，全市")


def test_a_published_bulletin_is_dated_the_day_it_was_published(november, settings):
    november.status = "published"
    november.published_at = dt.datetime(2026, 12, 3, 17, tzinfo=dt.UTC)  # 4 Dec in Shanghai
    november.save()
    settings.BUREAU_NAME_ZH_HANS = "示范市商务局"
    settings.BUREAU_NAME_EN = "Demo City Bureau of Commerce"
    zh, en = build_bulletin(november, "zh-hans"), build_bulletin(november, "en")
    assert (zh.issuer, zh.date_text) == ("示范市商务局", "2026年12月4日")
    assert (en.issuer, en.date_text) == ("Demo City Bureau of Commerce", "4 December 2026")


def test_stale_reference_figures_are_left_out_and_flagged(november, client, bureau_user):
    """October's province figures and a national stock as of 2024 under a November bulletin:
    neither is printed, no comparison with the province, and the bulletin page lists both
    with their dates before the period is published."""
    province(month=10)
    nation(as_of=dt.date(2024, 10, 31))
    zh = build_bulletin(november, "zh-hans")
    assert zh.paragraphs[0] == SEED_CITY
    assert zh.paragraphs[1].startswith("同期，全国新设立外商投资企业35202家")
    assert "全省" not in zh.text
    assert "截至" not in zh.text
    assert "2024" not in zh.text
    assert zh.paragraphs[2] == (
        "我市合同外资同比增长37.5%，高于全国平均水平3.3个百分点；"
        "实际使用外资同比增长32.8%，高于全国平均水平9.3个百分点。"
    )
    en = build_bulletin(november, "en")
    assert "province" not in en.text
    assert "2024" not in en.text
    stale = stale_references(november)
    assert [(s.scope, s.cumulative, s.year, s.month, s.as_of) for s in stale] == [
        ("province", False, 2026, 10, None),
        ("nation", True, 2026, 11, dt.date(2024, 10, 31)),
    ]
    client.force_login(bureau_user)
    with time_machine.travel(TODAY, tick=False):
        page = client.get("/zh-hans/staff/stats/bulletin/?period=2026-11")
        warnings = page.context["stale"]
        assert warnings == [
            "全省数据为2026年1—10月，早于本期（2026年1—11月），未写入通报及比较。"
            "请在发布前录入2026年1—11月的数据。",
            "全国累计数截至2024年10月31日，不是本期（2026年1—11月）末的数据，未写入通报。",
        ]
        html = page.content.decode()
        assert 'data-testid="bulletin-stale"' in html
        assert "（以上为" not in html
        assert "早于本期2026年" not in html
        en_page = client.get("/en/staff/stats/bulletin/?period=2026-11").content.decode()
        assert "Province figures are for January–October 2026" in en_page


def test_no_warning_when_the_references_are_current(november, client, bureau_user):
    province()
    nation()
    assert stale_references(november) == []
    client.force_login(bureau_user)
    page = client.get("/en/staff/stats/bulletin/?period=2026-11").content.decode()
    assert 'data-testid="bulletin-stale"' not in page


def test_fall_and_missing_base(november):
    province(contracted_fdi_yoy_pct=D("-2.04"), utilized_fdi_yoy_pct=None)
    f = figure(
        contracted_fdi_usd_10k_ytd=D(900),
        contracted_fdi_usd_10k_ytd_last_year=D(1000),
        utilized_fdi_usd_10k_ytd_last_year=D(0),
    )
    zh = city_paragraph(f, 2026, 11, "zh-hans")
    assert "合同外资900万美元，同比下降10.0%；" in zh
    assert zh.endswith("实际使用外资11136万美元。")  # no base: no growth clause
    en = city_paragraph(f, 2026, 11, "en")
    assert "US$9.00 million, down 10.0% year on year" in en
    assert en.endswith("utilized foreign capital was US$111.36 million.")
    StatsFigure.objects.filter(snapshot=november).update(
        contracted_fdi_usd_10k_ytd=D(900), contracted_fdi_usd_10k_ytd_last_year=D(1000)
    )
    zh = build_bulletin(november, "zh-hans").paragraphs
    # Down 10.0% against the province's 2.0% fall: 8.0 points below; utilized: no province
    # growth stated, so no comparison for it.
    assert zh[-1] == "我市合同外资同比下降10.0%，低于全省平均水平8.0个百分点。"
    assert build_bulletin(november, "en").paragraphs[-1] == (
        "The city's contracted foreign capital fell 10.0% year on year, 8.0 percentage points "
        "below the provincial average."
    )


def test_bulletin_text_is_the_body(november):
    province()
    assert bulletin_text(november, "zh-hans").split("\n")[0] == SEED_CITY


def _pdf_text(body: bytes, tmp_path) -> str:
    import shutil
    import subprocess

    tool = shutil.which("pdftotext")
    assert tool, "pdftotext missing: install Debian's poppler-utils"
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(body)
    out = subprocess.run(  # noqa: S603 (poppler, on a file the test wrote)
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(("lang", "expected"), [("zh-hans", EXPECTED_ZH), ("en", EXPECTED_EN)])
def test_the_pdf_opens_and_reads_as_the_bulletin(
    november, client, bureau_user, tmp_path, lang, expected
):
    """The page's PDF link: a PDF whose text (pdftotext) is the bulletin's, with the CJK and
    Latin fonts embedded."""
    province()
    nation()
    client.force_login(bureau_user)
    with time_machine.travel(TODAY, tick=False):
        resp = client.get(f"/en/staff/stats/bulletin.pdf?period=2026-11&lang={lang}")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert "bulletin-2026-11-v1-" in resp["Content-Disposition"]
    text = _squeeze(_pdf_text(resp.content, tmp_path))
    for line in filter(None, expected):
        assert _squeeze(line) in text, line
    assert b"/FontFile2" in resp.content  # TrueType faces embedded


@pytest.mark.parametrize(("lang", "expected"), [("zh-hans", EXPECTED_ZH), ("en", EXPECTED_EN)])
def test_the_xlsx_reads_back(november, client, bureau_user, lang, expected):
    from io import BytesIO

    from openpyxl import load_workbook

    province(month=10)  # stale: not in the text, not in the figures
    nation()
    client.force_login(bureau_user)
    with time_machine.travel(TODAY, tick=False):
        resp = client.get(f"/zh-hans/staff/stats/bulletin.xlsx?period=2026-11&lang={lang}")
    book = load_workbook(BytesIO(resp.content))
    text_sheet, figures = book.worksheets
    cells = [row[0] for row in text_sheet.iter_rows(values_only=True) if row[0]]
    assert cells[0] == expected[0]
    assert cells[1].startswith(("草稿", "Draft"))
    assert cells[2] == expected[2]  # the city
    assert cells[-2:] == expected[-2:]  # issuer and date
    assert not any(("1—10" in c or "October" in c) for c in cells)
    rows = list(figures.iter_rows(min_row=3, values_only=True))
    utilized = rows[3]
    assert utilized[1:] == (11136, 32.8, None, None, 5378100, 23.47)
    assert figures.cell(row=6, column=3).number_format == "0.0"


def test_an_unknown_file_kind_is_a_404_and_another_districts_draft_too(
    november, client, district_user
):
    client.force_login(district_user)
    assert client.get("/en/staff/stats/bulletin.pdf?period=2026-11").status_code == 404
    assert client.get("/en/staff/stats/bulletin.doc?period=2026-11").status_code == 404


def test_the_api_serves_the_bulletin_and_its_files(november, api_as, bureau_user, tmp_path):
    province(month=10)
    nation()
    api = api_as(bureau_user)
    with time_machine.travel(TODAY, tick=False):
        body = api.get("/api/v1/stats/bulletin/?period=2026-11&lang=en").json()
        assert body["title"] == EXPECTED_EN[0]
        assert body["paragraphs"][0] == EXPECTED_EN[2]
        assert (body["issuer"], body["date"], body["date_text"]) == (
            "Demo City Investment Promotion Bureau",
            "2026-12-08",
            "8 December 2026",
        )
        assert body["stale"] == [
            "Province figures are for January–October 2026, older than this bulletin's period "
            "(January–November 2026): left out of the bulletin and its comparison. Enter the "
            "figures for January–November 2026 before publishing."
        ]
        assert "province" not in body["text"]
        pdf = api.get(body["files"]["pdf"])
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        assert "Demo City" in _pdf_text(pdf.content, tmp_path)
        xlsx = api.get("/api/v1/stats/bulletin/file/?period=2026-11&lang=zh-hans&file=xlsx")
        assert xlsx.status_code == 200
        refused = api.get("/api/v1/stats/bulletin/file/?period=2026-11&file=doc")
        assert refused.status_code == 400
        assert "file" in refused.json()


def test_before_the_city_is_set_up_the_title_and_issuer_name_no_city():
    with time_machine.travel(TODAY, tick=False):
        snapshot = StatsSnapshot.objects.create(year=2026, month=11, computed_at=TODAY)
        zh, en = build_bulletin(snapshot, "zh-hans"), build_bulletin(snapshot, "en")
    assert (zh.title, zh.issuer) == ("2026年1—11月利用外资情况通报", "招商局")
    assert (en.title, en.issuer) == (
        "Utilization of Foreign Investment, January–November 2026",
        "Investment Promotion Bureau",
    )
    assert zh.paragraphs == []  # no figures, no sentence (and no error)
