"""manage.py setup_city (issue 24, item 1): the city and its divisions from GB/T 2260 with
Chinese and English names; refusals; development zones added by the bureau."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation

from config.errors import DomainError
from reference.divisions import english_name
from reference.models import Region, RegionKind, ZoneKind
from reference.services import city_setup, dev_zone_save

pytestmark = pytest.mark.django_db


def _tree():
    return {
        r.code: (r.name_zh_hans, r.name_en, r.kind, r.parent.code if r.parent else None)
        for r in Region.objects.select_related("parent")
    }


def test_changde_by_code_with_districts_counties_and_a_county_level_city():
    call_command("setup_city", "430700", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _tree() == {
        "430700": ("常德市", "Changde City", "city", None),
        "430702": ("武陵区", "Wuling District", "district", "430700"),
        "430703": ("鼎城区", "Dingcheng District", "district", "430700"),
        "430721": ("安乡县", "Anxiang County", "county", "430700"),
        "430722": ("汉寿县", "Hanshou County", "county", "430700"),
        "430723": ("澧县", "Lixian County", "county", "430700"),
        "430724": ("临澧县", "Linli County", "county", "430700"),
        "430725": ("桃源县", "Taoyuan County", "county", "430700"),
        "430726": ("石门县", "Shimen County", "county", "430700"),
        "430781": ("津市市", "Jinshi City", "county_city", "430700"),
    }
    # Sorted after the city in code order; the Chinese name is the untranslated name too.
    assert [r.code for r in Region.objects.all()][:3] == ["430700", "430702", "430703"]
    with translation.override("zh-hans"):
        assert Region.objects.get(code="430723").name == "澧县"


def test_suzhou_by_name_has_five_county_level_cities():
    city, regions = city_setup(query="苏州市")
    assert (city.code, city.name_en) == ("320500", "Suzhou City")
    kinds = [r.kind for r in regions]
    assert kinds.count(RegionKind.COUNTY_CITY) == 4
    assert kinds.count(RegionKind.DISTRICT) == 5
    assert {r.name_en for r in regions if r.kind == RegionKind.COUNTY_CITY} == {
        "Changshu City",
        "Zhangjiagang City",
        "Kunshan City",
        "Taicang City",
    }


def test_shenzhen_has_municipal_districts_only():
    city, regions = city_setup(query="深圳")
    assert city.name_zh_hans == "深圳市"
    assert {r.kind for r in regions} == {RegionKind.DISTRICT}
    assert len(regions) == 9
    assert Region.objects.get(code="440306").name_en == "Bao'an District"  # apostrophe


def test_a_city_without_districts_is_the_city_alone():
    city, regions = city_setup(query="441900")
    assert (city.name_zh_hans, city.name_en, regions) == ("东莞市", "Dongguan City", [])


def test_a_municipality_is_set_up_with_its_districts():
    city, regions = city_setup(query="110000")
    assert (city.name_en, len(regions)) == ("Beijing", 16)
    assert Region.objects.get(code="110105").name_en == "Chaoyang District"


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("430000", "province"),
        ("430781", "430700"),  # a county-level city: names its city
        ("999999", "not a code"),
        ("不存在市", "No division"),
        ("", "No division"),
    ],
)
def test_refuses_what_is_not_a_prefecture_level_city(query, words):
    with translation.override("en"), pytest.raises(DomainError, match=words):
        city_setup(query=query)
    assert not Region.objects.exists()


def test_refuses_a_second_city_and_leaves_the_first():
    city_setup(query="430700")
    with pytest.raises(CommandError, match="430700 常德市"):
        call_command("setup_city", "深圳市")
    assert Region.objects.filter(kind=RegionKind.CITY).count() == 1
    assert not Region.objects.filter(code__startswith="4403").exists()


def test_refuses_on_the_demo_city():
    from reference.demo import seed_regions

    seed_regions()
    with pytest.raises(DomainError, match="示范市"):
        city_setup(query="430700")


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("长阳土家族自治县", "Changyang Tujia Autonomous County"),
        ("湘西土家族苗族自治州", "Xiangxi Tujia and Miao Autonomous Prefecture"),
        ("六安市", "Lu'an City"),
        ("滨海新区", "Binhai New Area"),
        ("神农架林区", "Shennongjia Forestry District"),
        ("赵县", "Zhaoxian County"),
    ],
)
def test_english_names_follow_the_place_name_convention(zh, en):
    assert english_name(zh) == en


def test_bureau_adds_a_development_zone_under_a_division(bureau_user, district_user):
    city, regions = city_setup(query="430700")
    wuling = next(r for r in regions if r.code == "430702")
    zone = dev_zone_save(
        user=bureau_user,
        name_zh_hans="常德经济技术开发区",
        name_en="Changde Economic and Technological Development Zone",
        zone_kind=ZoneKind.NATIONAL_ETDZ,
        parent=wuling,
    )
    assert (zone.kind, zone.code, zone.parent, zone.zone_kind) == (
        RegionKind.DEV_ZONE,
        "",
        wuling,
        "national_etdz",
    )
    with pytest.raises(DomainError) as err:  # the same name again
        dev_zone_save(
            user=bureau_user,
            name_zh_hans="常德经济技术开发区",
            name_en="Other",
            zone_kind=ZoneKind.OTHER,
            parent=city,
        )
    assert err.value.field == "name_zh_hans"
    with pytest.raises(DomainError) as err:  # a zone inside a zone
        dev_zone_save(
            user=bureau_user, name_zh_hans="园中园", name_en="Park", zone_kind="other", parent=zone
        )
    assert err.value.field == "parent"
    with pytest.raises(PermissionDenied):
        dev_zone_save(
            user=district_user, name_zh_hans="甲", name_en="A", zone_kind="other", parent=city
        )


def test_zone_page_saves_and_shows_the_kind(client, bureau_user):
    from django.urls import reverse

    city, _regions = city_setup(query="441900")
    client.force_login(bureau_user)
    resp = client.post(
        reverse("staff:dev_zone_create"),
        {
            "name_zh_hans": "松山湖高新技术产业开发区",
            "name_en": "Songshan Lake High-tech Industrial Development Zone",
            "zone_kind": "national_high_tech",
            "parent": city.pk,
        },
    )
    assert resp.status_code == 302
    with translation.override("en"):
        page = client.get(reverse("staff:regions")).content.decode()
    assert "National high-tech industrial development zone" in page
    bad = client.post(reverse("staff:dev_zone_create"), {"name_zh_hans": "x", "zone_kind": "?"})
    assert bad.status_code == 400


def test_the_city_names_the_site_and_the_staff_pages(client, bureau_user):
    from django.urls import reverse

    city_setup(query="430700")
    client.force_login(bureau_user)
    en = client.get("/en/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    zh = client.get("/zh-hans/").content.decode()
    assert "Invest in Changde City" in en
    assert "Changde City Investment Promotion Bureau" in en
    assert "Demo City" not in en
    assert "投资常德市" in zh
    assert "常德市招商局" in zh
    staff = client.get(reverse("staff:regions")).content.decode()
    assert "常德市" in staff.split("</title>")[0]
