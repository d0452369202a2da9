"""The setup guide (eRegulations form) and the cost-of-doing-business page: every step's
office, documents, fees, time limit, legal basis and recourse in both languages; cost figures
with source and date by category; the site search finds them ("tax" finds the cost page)."""

import datetime as dt

import pytest
import time_machine

from tests.website.investor_content import chinese_outside_zh, make_cost, make_step

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 6, 1, 2, 0, tzinfo=dt.UTC)
TODAY = dt.date(2027, 6, 1)


@time_machine.travel(NOW, tick=False)
def test_the_setup_guide_shows_every_step_in_both_languages(client):
    make_step(TODAY, 2, "Company seals")
    make_step(TODAY, 1, "Incorporation")
    resp = client.get("/en/setup-guide/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert html.index("Incorporation") < html.index("Company seals")
    for text in (
        "Administration for Market Regulation",
        "1 Renmin Road",
        "Working days 9:00–17:30",
        "<li>Articles of association</li>",
        "Free",
        "3 working days",
        "Foreign Investment Law",
        "The 12345 hotline",
        "6 working days",  # the time limits together
        "Last reviewed May 22, 2027",
    ):
        assert text in html, text
    assert chinese_outside_zh(html) == []
    zh = client.get("/zh-hans/setup-guide/").content.decode()
    assert "市场监督管理局" in zh
    assert "12345热线" in zh


@time_machine.travel(NOW, tick=False)
def test_a_step_without_english_is_marked_not_passed_off(client):
    step = make_step(TODAY, 1, "Incorporation")
    step.title_en = ""
    step.documents_en = ""
    step.save()
    html = client.get("/en/setup-guide/").content.decode()
    assert "no English text yet" in html
    assert chinese_outside_zh(html) == []


@time_machine.travel(NOW, tick=False)
def test_the_cost_page_groups_figures_with_source_and_date(client):
    make_cost(TODAY, "electricity", "Large industrial users", "0.6235", "CNY per kWh")
    make_cost(TODAY, "tax", "Corporate income tax", "25", "%")
    make_cost(TODAY, "wages", "Engineer", "9800", "CNY per month")
    make_cost(TODAY, "social", "Pension insurance (employer)", "16", "%", status="draft")
    html = client.get("/en/costs/").content.decode()
    for text in ("Electricity", "0.6235", "Taxes", "Corporate income tax", "9,800", "Wages",
                 "Demo data (invented), 2025-12-31"):  # fmt: skip
        assert text in html, text
    assert "Pension insurance" not in html
    assert "Social insurance" not in html
    assert html.index("Wages") < html.index("Electricity") < html.index("Taxes")
    assert chinese_outside_zh(html) == []


@time_machine.travel(NOW, tick=False)
def test_search_finds_the_cost_page_policies_guide_and_plots(client, sections):
    from tests.website.investor_content import make_listing, make_policy, make_zone

    make_cost(TODAY, "tax", "Corporate income tax", "25", "%")
    make_cost(TODAY, "social", "Pension insurance (employer)", "16", "%")
    html = client.get("/en/search/?q=tax").content.decode()
    assert "Corporate income tax" in html
    assert "/en/costs/#tax" in html
    # A category's name finds its figures: "social insurance" finds the pension rate
    assert "Pension insurance" in client.get("/en/search/?q=social insurance").content.decode()
    make_policy(TODAY, number=5, title_en="Talent housing")
    make_step(TODAY, 1, "Incorporation")
    make_listing(TODAY, make_zone(TODAY), "ETDZ-L01")
    assert "Talent housing" in client.get("/en/search/?q=talent").content.decode()
    assert "Incorporation" in client.get("/en/search/?q=incorporation").content.decode()
    assert "Plot ETDZ-L01" in client.get("/en/search/?q=ETDZ-L01").content.decode()
    assert "Demo ETDZ" in client.get("/en/search/?q=demo etdz").content.decode()
