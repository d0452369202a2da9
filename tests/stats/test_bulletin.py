import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest

from stats.bulletin import bulletin_text, city_paragraph
from stats.models import ReferenceFigure, StatsFigure, StatsSnapshot

D = Decimal
pytestmark = pytest.mark.django_db

SEED_CITY = (
    "今年1—11月，全市新设立外商投资企业38家，总投资224779万元，同比增长46.9%，"
    "合同外资15827万美元，同比增长37.5%，实际使用外资11136万美元，同比增长32.8%。"
)


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


@pytest.fixture
def this_year_2026():
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 11, 25)):
        yield


def test_city_paragraph_matches_the_seed(this_year_2026):
    assert city_paragraph(figure(), 2026, 11, "zh-hans") == SEED_CITY


def test_city_paragraph_in_english(this_year_2026):
    assert city_paragraph(figure(), 2026, 11, "en") == (
        "In January–November this year, the city approved 38 new foreign-invested enterprises "
        "with total investment of 2,247.79 million yuan, up 46.9% year on year; contracted "
        "foreign capital was US$158.27 million, up 37.5% year on year; utilized foreign capital "
        "was US$111.36 million, up 32.8% year on year."
    )


def test_fall_and_missing_base(this_year_2026):
    f = figure(
        contracted_fdi_usd_10k_ytd=D(900),
        contracted_fdi_usd_10k_ytd_last_year=D(1000),
        utilized_fdi_usd_10k_ytd_last_year=D(0),
    )
    zh = city_paragraph(f, 2026, 11, "zh-hans")
    assert "合同外资900万美元，同比下降10.0%，" in zh
    assert zh.endswith("实际使用外资11136万美元。")  # no base: no growth clause
    en = city_paragraph(f, 2026, 11, "en")
    assert "US$9.00 million, down 10.0% year on year" in en
    assert en.endswith("utilized foreign capital was US$111.36 million.")


def test_january_and_other_year(this_year_2026):
    assert city_paragraph(figure(), 2026, 1, "zh-hans").startswith("今年1月，")
    assert city_paragraph(figure(), 2025, 11, "zh-hans").startswith("2025年1—11月，")
    assert city_paragraph(figure(), 2025, 1, "en").startswith("In January 2025,")


def test_bulletin_with_reference_figures(this_year_2026):
    snapshot = StatsSnapshot.objects.create(
        year=2026, month=11, computed_at=dt.datetime.now(dt.UTC)
    )
    f = figure()
    f.snapshot = snapshot
    f.save()
    ReferenceFigure.objects.create(
        scope="province",
        year=2026,
        month=10,
        new_fie_count=486,
        new_fie_count_yoy_pct=D("18.25"),
        contracted_fdi_usd_10k=D(183282),
        contracted_fdi_yoy_pct=D("76.14"),
        utilized_fdi_usd_10k=D(104534),
        utilized_fdi_yoy_pct=D("29.35"),
    )
    ReferenceFigure.objects.create(
        scope="nation",
        year=2026,
        month=10,
        new_fie_count=35202,
        new_fie_count_yoy_pct=D("7.66"),
        contracted_fdi_usd_10k=D(11899900),
        contracted_fdi_yoy_pct=D("34.19"),
        utilized_fdi_usd_10k=D(5378100),
        utilized_fdi_yoy_pct=D("23.47"),
        cumulative_as_of=dt.date(2024, 10, 31),
        cumulative_fie_count=500479,
        cumulative_contracted_fdi_usd_10k=D(106212900),
        cumulative_utilized_fdi_usd_10k=D(55525100),
    )
    zh = bulletin_text(snapshot, "zh-hans").split("\n")
    assert zh == [
        SEED_CITY,
        "全省今年1—10月，新设立外商投资企业486家，同比增长18.25%，合同外资183282万美元，"
        "同比增长76.14%，实际使用外资104534万美元，同比增长29.35%。"
        "（以上为2026年1—10月数据，早于本期2026年1—11月。）",
        "全国今年1—10月，新设立外商投资企业35202家，同比增长7.66%，合同外资1189.99亿美元，"
        "同比增长34.19%，实际使用外资537.81亿美元，同比增长23.47%。截至2024年10月底，全国累计"
        "批准设立外商投资企业500479个，合同外资金额10621.29亿美元，实际使用外资金额5552.51亿美元。"
        "（以上为2026年1—10月数据，早于本期2026年1—11月。）",
    ]
    en = bulletin_text(snapshot, "en").split("\n")
    assert en[1].startswith("In January–October this year, the province approved 486 new")
    assert "US$118.999 billion, up 34.19% year on year" in en[2]
    assert "By the end of October 2024, 500,479 foreign-invested enterprises" in en[2]
    assert en[1].endswith(
        "(These figures are for January–October 2026, earlier than this bulletin's "
        "January–November 2026.)"
    )
