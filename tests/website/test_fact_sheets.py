"""Fact sheets (issue 21 point 7): a PDF per industry page and per development zone, from the
live data, in the page's language, linked from the pages."""

import datetime as dt

import pytest
import time_machine

from reference.models import IndustrySection, RegionKind
from tests.factories import RegionFactory
from website.models import Opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    """ "Today" is Monday 16 November 2026 in Shanghai."""
    with time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


def sheet_text(report) -> str:
    """Every paragraph and table cell of a report, as text (the PDF's fonts are subset and
    compressed, so the words are checked before they are drawn)."""
    out = []
    for flow in report.story:
        if hasattr(flow, "getPlainText"):
            out.append(flow.getPlainText())
        for row in getattr(flow, "_cellvalues", []):
            out += [c.getPlainText() if hasattr(c, "getPlainText") else str(c) for c in row]
    return "\n".join(out)


@pytest.fixture
def zone(db):
    return RegionFactory(name_zh_hans="高新区", name_en="High-tech Zone", kind=RegionKind.DEV_ZONE)


@pytest.fixture
def offer(sections, industry, zone):
    return Opportunity.objects.create(
        name="面料厂", name_zh_hans="面料厂", name_en="Fabric mill",
        sector=IndustrySection.objects.get(code="C"), industry_page=industry, zone=zone,
        investment_cny_10k=45000, valid_until=dt.date(2027, 6, 30), status="published",
    )  # fmt: skip


@pytest.mark.parametrize(("lang", "title", "name"), [("en", "Fact sheet", "Fabric mill"),
                                                     ("zh-hans", "概况", "面料厂")])  # fmt: skip
def test_industry_fact_sheet_in_both_languages(client, industry, offer, lang, title, name):
    from django.utils import translation

    from website.factsheets import industry_sheet

    resp = client.get(f"/{lang}/downloads/industry-{industry.slug}.pdf")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    with translation.override(lang):
        text = sheet_text(industry_sheet(industry))
    assert name in text
    assert title in text
    page = client.get(f"/{lang}/industries/{industry.slug}/").content.decode()
    assert f"/{lang}/downloads/industry-{industry.slug}.pdf" in page


def test_zone_fact_sheet_from_live_data(client, zone, offer):
    from django.utils import translation

    from website.factsheets import zone_sheet

    assert client.get(f"/en/downloads/zone-{zone.pk}.pdf").content.startswith(b"%PDF")
    with translation.override("en"):
        text = sheet_text(zone_sheet(zone))
        assert "High-tech Zone" in text
        assert "Fabric mill" in text
        offer.status = "draft"
        offer.save()
        assert "Fabric mill" not in sheet_text(zone_sheet(zone))


def test_downloads_page_and_unknown_sheets(client, industry, zone, region_a):
    body = client.get("/en/downloads/").content.decode()
    assert f"/en/downloads/zone-{zone.pk}.pdf" in body
    assert f"/en/downloads/industry-{industry.slug}.pdf" in body
    assert client.get(f"/en/downloads/zone-{region_a.pk}.pdf").status_code == 404
    assert client.get("/en/downloads/industry-nope.pdf").status_code == 404
