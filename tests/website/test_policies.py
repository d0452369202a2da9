"""The policy library: expired policies leave the list but stay reachable (marked), filters by
industry and incentive, `policies_for`, sector pages with their policies, figures and own
contact, and the Chinese original kept inside lang="zh-Hans" on English pages."""

import datetime as dt

import pytest
import time_machine

from tests.website.investor_content import chinese_outside_zh, make_policy
from website import selectors

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 6, 1, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai, 1 June 2027
TODAY = dt.date(2027, 6, 1)


@time_machine.travel(NOW, tick=False)
def test_an_expired_policy_leaves_the_list_but_stays_reachable(client, sections):
    live = make_policy(TODAY, number=1, title_en="Live policy", expires=TODAY)
    gone = make_policy(TODAY, number=2, title_en="Old relief policy", expires=dt.date(2027, 5, 31))
    body = client.get("/en/policies/").content.decode()
    assert "Live policy" in body  # in force to the end of its last day
    assert "Old relief policy" not in body
    page = client.get(f"/en/policies/{gone.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="expired"' in html
    assert "2027-05-31" in html
    assert 'name="robots" content="noindex"' in html
    assert 'data-testid="expired"' not in client.get(f"/en/policies/{live.pk}/").content.decode()
    assert gone not in selectors.policies_for()


@time_machine.travel(NOW, tick=False)
def test_the_policy_page_shows_the_original_beside_the_reviewed_english(client, sections):
    policy = make_policy(TODAY, number=7, title_en="Manufacturing support", codes=["C"])
    html = client.get(f"/en/policies/{policy.pk}/").content.decode()
    for text in (
        "Demo City People&#x27;s Government",
        "示政发〔2025〕7号",
        "2025-01-01",
        "Article 1. Reviewed text of Manufacturing support",
        "Summary of Manufacturing support",
        '<div class="prose original" lang="zh-Hans"><p>第一条　原文7</p></div>',
    ):
        assert text in html, text
    assert chinese_outside_zh(html) == []
    zh = client.get(f"/zh-hans/policies/{policy.pk}/").content.decode()
    assert "第一条　原文7" in zh
    assert "Reviewed text" not in zh


@time_machine.travel(NOW, tick=False)
def test_policy_filters_by_industry_and_incentive(client, sections):
    make_policy(TODAY, number=1, title_en="Manufacturing tax", codes=["C"], incentives=["tax"])
    make_policy(TODAY, number=2, title_en="General land", incentives=["land"])
    make_policy(TODAY, number=3, title_en="Building grant", codes=["E"], incentives=["grant"])

    def titles(query):
        resp = client.get(f"/en/policies/?{query}")
        assert resp.status_code == 200, query
        body = resp.content.decode()
        return {t for t in ("Manufacturing tax", "General land", "Building grant") if t in body}

    assert titles("") == {"Manufacturing tax", "General land", "Building grant"}
    assert titles("industry=C") == {"Manufacturing tax", "General land"}
    assert titles("incentive=tax") == {"Manufacturing tax"}
    assert titles("industry=C&incentive=land") == {"General land"}
    assert titles("industry=E&incentive=tax") == set()


@time_machine.travel(NOW, tick=False)
def test_an_unknown_filter_value_is_a_400_naming_the_field(client, sections):
    make_policy(TODAY, number=1, title_en="Manufacturing tax", codes=["C"], incentives=["tax"])
    resp = client.get("/en/policies/?incentive=bribes")
    assert resp.status_code == 400
    body = resp.content.decode()
    assert 'class="field-error"' in body
    assert "Manufacturing tax" not in body


@time_machine.travel(NOW, tick=False)
def test_policies_for_takes_a_section_a_letter_or_several(sections):
    from reference.models import IndustrySection

    c = make_policy(TODAY, number=1, title_en="C", codes=["C"], incentives=["tax"])
    general = make_policy(TODAY, number=2, title_en="all", incentives=["land"])
    draft = make_policy(TODAY, number=3, title_en="draft", codes=["C"], status="draft")
    section_c = IndustrySection.objects.get(code="C")
    assert set(selectors.policies_for(section=section_c)) == {c, general}
    assert set(selectors.policies_for(section="c")) == {c, general}
    assert set(selectors.policies_for(section=["F", "C"])) == {c, general}
    assert set(selectors.policies_for(section="F")) == {general}
    assert set(selectors.policies_for(incentive="tax")) == {c}
    assert set(selectors.policies_for(section="C", incentive="land")) == {general}
    assert draft not in selectors.policies_for()


@time_machine.travel(NOW, tick=False)
def test_a_sector_page_lists_its_policies_figures_and_own_contact(client, sections, industry):
    from reference.models import IndustrySection

    industry.sections.set([IndustrySection.objects.get(code="C")])
    industry.enterprises_count, industry.workforce, industry.figures_year = 214, 41200, 2025
    industry.output_cny_100m = 268.3
    industry.contact_name_zh_hans, industry.contact_name_en = "陈刚", "Chen Gang"
    industry.figures_source_zh_hans = "示范数据（虚构）"
    industry.figures_source_en = "Demo data (invented)"
    industry.save()
    make_policy(TODAY, number=1, title_en="Manufacturing tax", codes=["C"])
    make_policy(TODAY, number=2, title_en="Pearl farming", codes=["A"])
    make_policy(
        TODAY,
        number=3,
        title_en="Expired relief",
        codes=["C"],
        expires=TODAY.replace(day=1) - dt.timedelta(days=1),
    )
    html = client.get(f"/en/industries/{industry.slug}/").content.decode()
    assert "Manufacturing tax" in html
    assert "Pearl farming" not in html
    assert "Expired relief" not in html
    for text in ("214", "41,200", "268.3", "Chen Gang", "Demo data (invented)", "Figures for 2025"):
        assert text in html, text
    assert chinese_outside_zh(html) == []
