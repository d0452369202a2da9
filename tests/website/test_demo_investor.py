"""The demo's investor content: 6 policies in force (and one expired) with originals and
English texts, a 6-step guide, 2 zones with 6 plots, a cost page in every category, each
industry with its figures and own contact; all marked as demo data; seeding twice adds
nothing."""

import pytest
from django.utils.translation import override

from reference.demo import seed_regions
from website import selectors
from website.demo_investor import INDUSTRY_FIGURES, seed_investor_content
from website.models import CostCategory, CostItem, GuideStep, Industry, Listing, Policy, Zone

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_kind_of_investor_content_in_both_languages(sections):
    seed_regions()
    for slug in INDUSTRY_FIGURES:
        Industry.objects.create(slug=slug, name=slug, name_zh_hans=slug, status="published")
    seed_investor_content()
    seed_investor_content()  # idempotent
    assert Policy.objects.count() == 7
    assert selectors.policies_for().count() == 6
    for policy in Policy.objects.all():
        assert policy.text_zh_hans.endswith("（示范数据：本文件为演示虚构，非真实政策。）")
        assert "Demo data" in policy.text_en
        assert policy.title_en
        assert policy.summary_en
    assert GuideStep.objects.count() == 6
    assert selectors.guide_total_days(list(selectors.guide_steps())) == 8
    assert all(s.title_en and s.office_en and s.complaints_en for s in GuideStep.objects.all())
    assert Zone.objects.count() == 2
    assert Listing.objects.count() == 6
    assert selectors.listings().count() == 6
    assert {c for c, _l in CostCategory.choices} == set(
        CostItem.objects.values_list("category", flat=True)
    )
    assert all("demo data" in c.source_en for c in CostItem.objects.all())
    contacts = list(Industry.objects.values_list("contact_name_en", flat=True))
    assert len(set(contacts)) == len(contacts) == 6
    assert all(i.enterprises_count and i.sections.exists() for i in Industry.objects.all())
    # "tax" finds the cost page in English, 税 in Chinese
    with override("en"):
        assert selectors.search("tax")["costs"]
    with override("zh-hans"):
        assert selectors.search("税")["costs"]
