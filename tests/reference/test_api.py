import pytest
from django.core.management import call_command

from reference.models import IndustrySection, Region, ThreeIndustries, three_industry_of

pytestmark = pytest.mark.django_db


def test_regions_api_shape_and_pagination(api_as, district_user, region_a, region_b):
    region_b.parent = region_a
    region_b.save()
    resp = api_as(district_user).get("/api/v1/regions/")
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    by_id = {r["id"]: r for r in body["results"]}
    assert by_id[region_b.pk] == {
        "id": region_b.pk,
        "code": region_b.code,
        "name_zh_hans": "乙区",
        "name_en": "District B",
        "kind": "district",
        "parent": region_a.pk,
    }


def test_regions_api_needs_authentication(api):
    assert api.get("/api/v1/regions/").status_code == 401


def test_regions_api_filters_by_kind(api_as, bureau_user):
    call_command("seed_demo", verbosity=0)
    zones = api_as(bureau_user).get("/api/v1/regions/?kind=dev_zone").json()
    assert zones["count"] == 2


def test_gbt4754_sections_loaded_with_three_industries():
    assert IndustrySection.objects.count() == 20
    a = IndustrySection.objects.get(code="A")
    assert (a.name_zh_hans, a.name_en) == ("农、林、牧、渔业", a.name_en)
    groups = dict(IndustrySection.objects.values_list("code", "three_industry"))
    assert groups["A"] == ThreeIndustries.PRIMARY
    assert {groups[c] for c in "BCDE"} == {ThreeIndustries.SECONDARY}
    assert {groups[c] for c in "FGHIJKLMNOPQRST"} == {ThreeIndustries.TERTIARY}


@pytest.mark.parametrize(
    ("section", "division", "group"),
    [
        ("A", "05", "tertiary"),
        ("B", "11", "tertiary"),
        ("E", "43", "tertiary"),
        ("A", "01", "primary"),
        ("B", "06", "secondary"),
        ("C", None, "secondary"),
    ],
)
def test_three_industry_divisions(section, division, group):
    assert three_industry_of(section, division) == group


def test_seed_demo_is_idempotent_and_builds_the_demo_city():
    from accounts.models import User

    call_command("seed_demo", verbosity=0)
    counts = (Region.objects.count(), User.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Region.objects.count(), User.objects.count()) == counts
    kinds = list(Region.objects.values_list("kind", flat=True))
    assert kinds.count("city") == 1
    assert sum(k in {"district", "county", "county_city"} for k in kinds) == 4
    assert kinds.count("dev_zone") == 2
    district = User.objects.get(username="district")
    assert district.region.name_en == "Chengdong District"
    assert district.check_password("demo-pass-2026")


def test_seed_demo_refused_outside_demo_settings(settings):
    from django.core.management.base import CommandError

    settings.DEMO_ENABLED = False
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
