"""Zones and the plots and premises finder: a zone's page, filters, a listing past its review
date hidden, CSV and JSON downloads that hold the page's rows, bad filters a 400 naming the
field."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine

from tests.website.investor_content import chinese_outside_zh, make_listing, make_zone

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 6, 1, 2, 0, tzinfo=dt.UTC)
TODAY = dt.date(2027, 6, 1)


@pytest.fixture
def plots(sections):
    with time_machine.travel(NOW, tick=False):
        etdz = make_zone(TODAY)
        hitech = make_zone(TODAY, slug="hitech", name_en="High-tech zone")
        rows = {
            "E-L1": make_listing(TODAY, etdz, "E-L1", area="66700", price="384"),
            "E-F2": make_listing(TODAY, etdz, "E-F2", kind="factory", area="12000", price="14.5"),
            "E-W3": make_listing(
                TODAY, etdz, "E-W3", kind="warehouse", area="8000", price="12",
                zoning="logistics", utilities=["power"],
                available_from=TODAY + dt.timedelta(days=90),
            ),
            "H-L1": make_listing(TODAY, hitech, "H-L1", area="33350", price="420"),
            "H-O3": make_listing(TODAY, hitech, "H-O3", kind="office", area="1200", price="35",
                                 zoning="research"),
        }  # fmt: skip
    return {"etdz": etdz, "hitech": hitech, **rows}


def page_refs(html: str) -> list[str]:
    return re.findall(r'data-testid="listing" data-ref="([^"]+)"', html)


@time_machine.travel(NOW, tick=False)
def test_a_listing_past_its_review_date_is_hidden(client, plots):
    stale = plots["E-F2"]
    stale.next_review_on = TODAY - dt.timedelta(days=1)
    stale.save()
    html = client.get("/en/land/").content.decode()
    assert "E-F2" not in page_refs(html)
    assert "E-L1" in page_refs(html)
    assert "E-F2" not in client.get("/en/zones/demo-etdz/").content.decode()
    assert "E-F2" not in client.get("/en/land/plots.csv").content.decode()
    # Due today is still shown: hidden from the day after
    stale.next_review_on = TODAY
    stale.save()
    assert "E-F2" in page_refs(client.get("/en/land/").content.decode())


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["E-F2", "E-L1", "E-W3", "H-L1", "H-O3"]),
        ("zone=hitech", ["H-L1", "H-O3"]),
        ("kind=land", ["E-L1", "H-L1"]),
        ("zoning=logistics", ["E-W3"]),
        ("utility=water", ["E-F2", "E-L1", "H-L1", "H-O3"]),
        ("min_area=10000&max_area=40000", ["E-F2", "H-L1"]),
        ("max_price=20", ["E-F2", "E-W3"]),
        ("available_by=2027-06-30", ["E-F2", "E-L1", "H-L1", "H-O3"]),
        ("zone=demo-etdz&kind=factory", ["E-F2"]),
    ],
)
def test_the_finder_filters(client, plots, query, expected):
    resp = client.get(f"/en/land/?{query}")
    assert resp.status_code == 200
    assert page_refs(resp.content.decode()) == expected


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "query", ["", "zone=demo-etdz", "kind=land&min_area=20000", "max_price=20"]
)
def test_csv_and_json_downloads_hold_the_rows_of_the_page(client, plots, query):
    html = client.get(f"/en/land/?{query}").content.decode()
    refs = page_refs(html)
    suffix = f"?{query}" if query else ""
    assert f'href="/en/land/plots.csv{suffix.replace("&", "&amp;")}"' in html
    data = client.get(f"/en/land/plots.json{suffix}").json()
    assert [r["reference"] for r in data["results"]] == refs
    assert data["count"] == len(refs)
    resp = client.get(f"/en/land/plots.csv{suffix}")
    assert resp["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reference", "Development zone", "Kind"]
    assert [r[0] for r in rows[1:]] == refs
    # The same values in both downloads
    for rec, row in zip(data["results"], rows[1:], strict=True):
        assert [rec["zone"], rec["name"], rec["area_m2"], rec["price_cny"]] == [
            row[1], row[3], row[4], row[5]
        ]  # fmt: skip


@time_machine.travel(NOW, tick=False)
def test_bad_filters_are_a_400_naming_the_field(client, plots):
    resp = client.get("/en/land/?min_area=lots")
    assert resp.status_code == 400
    assert 'class="field-error"' in resp.content.decode()
    assert client.get("/en/land/plots.json?min_area=lots").json() == {
        "min_area": ["Enter a number."]
    }
    assert client.get("/en/land/plots.csv?kind=castle").status_code == 400
    assert "kind" in client.get("/en/land/plots.json?kind=castle").json()
    resp = client.get("/en/land/plots.json?min_area=500&max_area=100")
    assert resp.status_code == 400
    assert "max_area" in resp.json()
    assert client.get("/en/land/plots.json?available_by=2027-13-45").status_code == 400


@time_machine.travel(NOW, tick=False)
def test_a_zone_page_shows_figures_industries_plots_and_contact(client, plots):
    from reference.models import IndustrySection

    plots["etdz"].sections.set(IndustrySection.objects.filter(code__in=["C", "G"]))
    html = client.get("/en/zones/demo-etdz/").content.decode()
    for text in ("Demo ETDZ", "32.5", "486", "612.4", "Zhou Jianhua", "demo-etdz@example.cn",
                 "E-L1", "E-W3"):  # fmt: skip
        assert text in html, text
    assert "H-L1" not in html
    assert chinese_outside_zh(html) == []
    assert client.get("/en/zones/").status_code == 200
    plots["hitech"].status = "draft"
    plots["hitech"].save()
    assert client.get("/en/zones/hitech/").status_code == 404
    assert "H-L1" not in page_refs(client.get("/en/land/").content.decode())


@time_machine.travel(NOW, tick=False)
def test_the_finder_in_english_has_no_chinese_outside_marked_elements(client, plots):
    plots["E-L1"].name_en = ""
    plots["E-L1"].save()
    html = client.get("/en/land/").content.decode()
    assert "no English name yet" in html
    assert chinese_outside_zh(html) == []
    records = client.get("/en/land/plots.json?zone=demo-etdz").json()["results"]
    assert {r["reference"]: r["missing_english"] for r in records}["E-L1"] is True
