"""The district user creates a project and moves it to groundbreaking, in both languages."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from liaison.models import LiaisonAssignment
from projects.models import Project

from .conftest import go_to

pytestmark = pytest.mark.browser

TEXT = {
    "en": {
        "new": "New project",
        "save": "Save",
        "move": "Change stage",
        "groundbreaking": "Groundbreaking",
        "future": "The date cannot be in the future.",
    },
    "zh-hans": {
        "new": "新建项目",
        "save": "保存",
        "move": "变更阶段",
        "groundbreaking": "开工",
        "future": "日期不能晚于今天。",
    },
}


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_district_creates_project_and_moves_it_to_groundbreaking(demo, login, lang):
    t = TEXT[lang]
    page = login("district", lang)
    go_to(page, "projects")
    page.get_by_role("link", name=t["new"]).click()
    name = f"浏览器测试项目-{lang}"
    page.fill("#id_name_zh_hans", name)
    page.fill("#id_name_en", f"Browser test project {lang}")
    page.select_option("#id_region", index=1)
    page.select_option("#id_investor", index=1)
    page.select_option("#id_industry", index=3)
    page.select_option("#id_capital_source", "foreign")
    page.select_option("#id_enterprise_type", "wfoe")
    page.fill("#id_total_investment_cny_10k", "12000")
    page.fill("#id_contracted_fdi_usd_10k", "800")
    page.fill("#id_intent_date", "2026-01-10")
    page.get_by_role("button", name=t["save"]).click()
    page.wait_for_url("**/staff/projects/*/")
    assert page.locator("h1").inner_text() == (
        name if lang == "zh-hans" else f"Browser test project {lang}"
    )

    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    page.get_by_test_id("move").click()
    page.fill("#id_date", future)
    page.get_by_role("button", name=t["save"]).click()
    assert page.get_by_text(t["future"]).is_visible()

    for date in ("2026-02-01", "2026-03-01"):
        page.get_by_test_id("move").click() if "/move/" not in page.url else None
        page.fill("#id_date", date)
        page.get_by_role("button", name=t["save"]).click()
        page.wait_for_url("**/staff/projects/*/")
    # Groundbreaking needs a liaison assignment in force: refused until the bureau assigns.
    page.get_by_test_id("move").click()
    page.fill("#id_date", "2026-04-01")
    page.get_by_role("button", name=t["save"]).click()
    assert "/move/" in page.url
    assert Project.objects.get(name_zh_hans=name).stage == "approval"
    liaison = User.objects.get(username="liaison")
    LiaisonAssignment.objects.create(
        project=Project.objects.get(name_zh_hans=name),
        unit=liaison.liaison_unit,
        person=liaison,
        start_date=dt.date(2026, 2, 1),
    )
    page.fill("#id_date", "2026-04-01")
    page.get_by_role("button", name=t["save"]).click()
    page.wait_for_url("**/staff/projects/*/")
    assert page.locator(".badge-groundbreaking").first.inner_text() == t["groundbreaking"]
    project = Project.objects.get(name_zh_hans=name)
    assert project.stage == "groundbreaking"
    assert project.groundbreaking_date == dt.date(2026, 4, 1)
    assert project.moves.count() == 3
    assert page.get_by_test_id("history").locator("tr").count() > 4
