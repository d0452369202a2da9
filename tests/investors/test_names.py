import pytest

from investors.names import name_key
from investors.services import DuplicateInvestor, investor_create, investor_find_duplicates
from tests.factories import InvestorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sanwa Textile Co., Ltd.", "SANWA TEXTILE"),
        ("Baster Chemie GmbH", "baster-chemie"),
        ("Green Valley Foods Inc.", "Green Valley Foods, Incorporated"),
        ("新加坡丰源集团有限公司", "新加坡丰源"),
        ("新加坡丰源集团", "新加坡 丰源 有限公司"),
        ("丰源（中国）有限公司", "丰源"),
        ("Ｆｕｌｌｗｉｄｔｈ Ltd", "fullwidth"),
    ],
)
def test_names_differing_in_case_spaces_punctuation_and_suffix_share_a_key(a, b):
    assert name_key(a) == name_key(b) != ""


def test_different_names_keep_different_keys():
    assert name_key("Baster Chemie GmbH") != name_key("Baster Pharma GmbH")
    assert name_key("集团") == "集团"  # a name that is only a suffix stays itself


def test_duplicates_found_across_languages(region_a):
    existing = InvestorFactory(
        name_zh_hans="德国巴斯特化工", name_en="Baster Chemie GmbH", owner_region=region_a
    )
    existing.name_key_zh, existing.name_key_en = (
        name_key("德国巴斯特化工"),
        name_key("Baster Chemie GmbH"),
    )
    existing.save()
    # English name typed into the Chinese field, with another suffix.
    assert investor_find_duplicates(name_zh_hans="Baster Chemie AG") == [existing]
    assert investor_find_duplicates(name_en="德国巴斯特化工有限公司") == [existing]
    assert investor_find_duplicates(name_en="Another Company Ltd") == []


def test_create_shows_the_match_first_then_allows_confirmed_new(bureau_user, region_a):
    data = {"name_en": "Sanwa Textile Co., Ltd.", "country": "JP", "owner_region": region_a}
    first = investor_create(user=bureau_user, data=data)
    with pytest.raises(DuplicateInvestor) as exc:
        investor_create(
            user=bureau_user,
            data={"name_zh_hans": "SANWA textile", "country": "JP", "owner_region": region_a},
        )
    assert exc.value.matches == [first]
    assert exc.value.field == "name_zh_hans"
    second = investor_create(
        user=bureau_user,
        data={"name_zh_hans": "SANWA textile", "country": "JP", "owner_region": region_a},
        allow_duplicate=True,
    )
    assert second.pk != first.pk
