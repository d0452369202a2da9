"""The statistics page's details (issue #27, point 7): the city level (市本级) in the by-region
table, the drift causes as sentences in the reader's language and local time, and the value
axis of the monthly chart."""

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from reference.models import Region, RegionKind
from stats.charts import nice_axis, paired_months
from stats.drift import change_sentence, changes_affecting
from tests.factories import RegionFactory
from tests.stats.test_services import correct_and_reapprove, publish

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    """The city region (a data migration or the seed may have made it already)."""
    found = Region.objects.filter(kind=RegionKind.CITY).first()
    if found is None:
        found = RegionFactory(kind=RegionKind.CITY, name_zh_hans="示范市", code="990000")
    Region.objects.filter(pk=found.pk).update(name_en="Demo City", name_zh_hans="示范市")
    found.refresh_from_db()
    return found


def breakdown(client, lang):
    body = client.get(f"/{lang}/staff/stats/?period=2026-10&breakdown=region").content.decode()
    table = re.search(r'data-testid="breakdown">(.*?)</table>', body, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r'<th scope="row">(.*?)</th>', table)
    ]


def bars(client, lang):
    body = client.get(f"/{lang}/staff/stats/?period=2026-10").content.decode()
    section = re.search(r'data-testid="by-region">(.*?)</section>', body, re.S).group(1)
    return re.findall(r'class="hbar-label">(.*?)</span>', section)


def test_the_city_level_with_only_spending_has_no_row_in_the_tables_but_in_the_export(
    client, bureau_user, approve, spend, region_a, city
):
    approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    spend(dt.date(2026, 9, 1), "12", region=city)  # the bureau's own fair: no investment
    publish(bureau_user, 2026, 10)
    client.force_login(bureau_user)
    assert breakdown(client, "en") == ["District A"]
    assert bars(client, "en") == ["District A"]
    assert breakdown(client, "zh-hans") == ["甲区"]
    book = load_workbook(BytesIO(client.get("/en/staff/stats/export.xlsx?period=2026-10").content))
    scopes = {c.value for c in book["Region"]["A"][2:]}
    assert scopes == {"District A", "City level"}  # its spending is a figure of its own
    assert "Demo City" not in scopes


def test_the_city_level_with_records_is_labelled_and_listed_after_the_districts(
    client, bureau_user, approve, region_a, city
):
    approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    approve(dt.date(2026, 10, 6), region=city, total="500", fdi="50")
    publish(bureau_user, 2026, 10)
    client.force_login(bureau_user)
    assert breakdown(client, "en") == ["District A", "City level"]
    assert breakdown(client, "zh-hans") == ["甲区", "市本级"]
    body = client.get("/en/staff/stats/?period=2026-10").content.decode()
    assert "Demo City" not in re.search(r'data-testid="breakdown">(.*?)</table>', body, re.S)[1]


def test_a_drift_cause_is_a_sentence_in_the_readers_language_and_local_time(
    client, bureau_user, approve, arrive, region_a
):
    p = approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    p.name_en = "Gear works"
    p.save(update_fields=["name_en"])
    october = publish(bureau_user, 2026, 10)
    correct_and_reapprove(bureau_user, p, dt.date(2026, 11, 3))
    late = arrive(p, dt.date(2026, 10, 20), "3")
    changes = {c.kind: c for c in changes_affecting(october)}
    local = timezone.localtime(changes["arrival"].at).strftime("%Y-%m-%d %H:%M")
    with translation.override("en"):
        text = change_sentence(changes["arrival"])
        assert text == (
            f"The capital arrival of 2026-10-20 on project “Gear works” (3, 10k USD) "
            f"was entered on {local}."
        )
        changed = change_sentence(changes["project"])
        assert changed.startswith("Project “Gear works” was changed on ")
        assert "approval date" in changed
    with translation.override("zh-hans"):
        text = change_sentence(changes["arrival"])
        assert p.name_zh_hans in text
        assert local in text
        assert "录入" in text
        assert "修改" in change_sentence(changes["project"])
    client.force_login(bureau_user)
    body = client.get("/en/staff/stats/?period=2026-10").content.decode()
    causes = re.search(r'data-testid="drift-causes">(.*?)</ul>', body, re.S).group(1)
    assert "as of" not in causes
    assert "+00:00" not in causes
    assert f"{late.date} {late.amount} USD" not in causes  # the record's own __str__
    assert local in causes
    assert f"/staff/projects/{p.pk}/" in causes


def test_the_axis_has_round_ticks_from_zero_to_above_the_tallest_bar():
    assert nice_axis(D("1997")) == (D(2000), D(500))
    assert nice_axis(D("623")) == (D(800), D(200))
    assert nice_axis(D("7")) == (D(8), D(2))
    assert nice_axis(D(0)) == (D(1), D("0.25"))
    chart = paired_months([D(0)] * 11 + [D("1997")], [D("100")] * 12)
    assert [t["value"] for t in chart["ticks"]] == [0, 500, 1000, 1500, 2000]
    assert chart["ticks"][0]["y"] == 175
    assert chart["ticks"][-1]["y"] == 15
    assert chart["rows"][11]["this_y"] > 15  # the tallest bar stays under the top line


def test_the_monthly_chart_has_a_labelled_value_axis(
    client, bureau_user, approve, arrive, region_a
):
    p = approve(dt.date(2026, 10, 5), region=region_a, total="100", fdi="10")
    arrive(p, dt.date(2026, 10, 20), "1997")
    publish(bureau_user, 2026, 10)
    client.force_login(bureau_user)
    for lang, unit in (("en", "10k USD"), ("zh-hans", "万美元")):
        body = client.get(f"/{lang}/staff/stats/?period=2026-10").content.decode()
        chart = re.search(r'data-testid="months-chart"(.*?)</svg>', body, re.S).group(1)
        assert re.search(r'data-testid="months-unit">\s*' + unit + r"\s*</text>", chart)
        axis = re.search(r'data-testid="months-axis">(.*?)</g>', chart, re.S).group(1)
        assert re.findall(r'class="axis">([^<]+)</text>', axis) == [
            "0",
            "500",
            "1,000",
            "1,500",
            "2,000",
        ]
