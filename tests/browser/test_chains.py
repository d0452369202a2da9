"""An industry office in the browser: its officer opens the chain from the workspace, marks a
link as missing, adds a target company for it, records the first contact and sees the map
change (the link red, one more target company)."""

import pytest
from django.utils import timezone

from chains.models import ChainLink, TargetCompany
from investors.models import Interaction

from .conftest import go_to

pytestmark = pytest.mark.browser


def test_office_marks_a_gap_adds_a_target_and_records_the_first_contact(demo, login):
    link = ChainLink.objects.get(chain__slug="pharmaceuticals", name_en="Distribution")
    assert link.gap == "weak"
    page = login("chain_office", "en")
    go_to(page, "chain_office")
    page.get_by_role("link", name="Pharmaceuticals chain").first.click()
    card = page.get_by_test_id(f"link-{link.pk}")
    before = int(page.get_by_test_id(f"targets-{link.pk}").inner_text())
    card.get_by_role("link", name="Distribution").click()

    gap = page.get_by_test_id("gap-form")
    gap.locator("[name=gap]").select_option("missing")
    gap.locator("[name=reason]").fill("No pharmaceutical cold-chain distributor in the city.")
    today = timezone.localdate().isoformat()
    gap.locator("[name=rated_on]").fill(today)
    gap.locator("button[type=submit]").click()
    assert page.get_by_test_id("gap").inner_text() == "Missing locally"

    form = page.get_by_test_id("target-form")
    form.locator("[name=new_name_en]").fill("Alpine Pharma Logistics AG")
    form.locator("[name=new_country]").fill("CH")
    form.locator("[name=priority]").select_option("high")
    form.locator("button[type=submit]").click()
    target = TargetCompany.objects.get(link=link, investor__name_en="Alpine Pharma Logistics AG")
    assert page.get_by_test_id(f"state-{target.pk}").inner_text() == "Not contacted"

    move = page.get_by_test_id(f"move-{target.pk}")
    move.locator("[name=date]").fill(today)
    move.locator("[name=summary]").fill("First call with the logistics director.")
    move.locator("button[type=submit]").click()
    assert page.get_by_test_id(f"state-{target.pk}").inner_text() == "Contacted"
    assert Interaction.objects.filter(investor=target.investor, kind="call").count() == 1

    page.get_by_test_id("back-to-map").click()
    card = page.get_by_test_id(f"link-{link.pk}")
    assert card.get_attribute("data-gap") == "missing"
    assert int(page.get_by_test_id(f"targets-{link.pk}").inner_text()) == before + 1
