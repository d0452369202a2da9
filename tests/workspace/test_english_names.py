"""Issue #12 item 5: English pages name users, units and regions in English."""

import pytest
from django.utils import translation

from accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_user_reads_unit_and_name_in_each_language(region_a, unit_a):
    region_a.name_en = "District A"
    region_a.save()
    bureau = User.objects.create(
        username="wm", first_name="王敏", name_en="Wang Min", role=Role.BUREAU
    )
    district = User.objects.create(
        username="lq", first_name="李强", name_en="Li Qiang", role=Role.DISTRICT, region=region_a
    )
    admin = User.objects.create(username="zt", first_name="周涛", role=Role.ADMIN)
    with translation.override("en"):
        assert str(bureau) == "Investment Promotion Bureau · Wang Min"
        assert str(district) == "District A · Li Qiang"
        # No English name given: the name as written, marked (config/names.py); the unit is
        # still English.
        assert str(admin) == "Administrator · 周涛 (no English name yet)"
    with translation.override("zh-hans"):
        assert str(bureau) == "招商局 · 王敏"
        assert str(district) == f"{region_a.name_zh_hans} · 李强"
        assert str(admin) == "管理员 · 周涛"


def test_english_topbar_and_recent_changes_show_no_chinese_unit(client, region_a):
    from tests.factories import ProjectFactory

    user = User.objects.create(
        username="wm", first_name="王敏", name_en="Wang Min", role=Role.BUREAU
    )
    client.force_login(user)
    client.post(
        "/en/staff/projects/new/",
        {
            "name_zh_hans": "石膏板项目",
            "name_en": "Gypsum board",
            "region": region_a.pk,
            "category": "resource",
            "capital_source": "foreign",
            "total_investment_cny_10k": "100",
            "contracted_fdi_usd_10k": "10",
        },
    )
    ProjectFactory(region=region_a)
    body = client.get("/en/staff/").content.decode()
    assert "Investment Promotion Bureau · Wang Min" in body
    assert "招商局" not in body
    assert "王敏" not in body


def test_tr_tag_marks_a_missing_translation_and_escapes(region_a):
    """`{% tr %}`: the active language's text, or the Chinese text marked as untranslated;
    either escaped."""
    from django.template import Context, Template

    from reference.models import Region

    template = Template('{% load portal %}{% tr r "name" %}')
    region = Region(name_zh_hans="<b>甲区</b>", name_en="<i>A</i>")
    with translation.override("en"):
        assert template.render(Context({"r": region})) == "&lt;i&gt;A&lt;/i&gt;"
        region.name_en = ""
        assert template.render(Context({"r": region})) == (
            '<span lang="zh-Hans">&lt;b&gt;甲区&lt;/b&gt;</span> '
            '<span class="missing-translation">(no English name yet)</span>'
        )
        assert template.render(Context({"r": None})) == ""
    with translation.override("zh-hans"):
        assert template.render(Context({"r": region})) == "&lt;b&gt;甲区&lt;/b&gt;"
