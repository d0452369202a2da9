"""The unified social credit code on projects: its check character (GB 32100-2015), its
normalising, its uniqueness, and the filter that finds a project by it."""

import datetime as dt

import pytest

from config.credit_code import check_credit_code
from config.errors import DomainError
from projects import services
from projects.filters import ProjectFilter
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# Real-format codes whose check characters are right (the first is the standard's example).
VALID = ["91350100M000100Y43", "91110000600037341L"]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_pass(code):
    assert check_credit_code(code) == code


def test_spaces_dashes_and_case_are_normalised():
    assert check_credit_code(" 9135 0100-m000100y43 ") == "91350100M000100Y43"
    assert check_credit_code("") == ""
    assert check_credit_code(None) == ""


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # the check character one off
        "91350100M000100Y4",  # 17 characters
        "91350100M000100I43",  # a letter the standard leaves out
    ],
)
def test_wrong_codes_are_refused_on_the_field(code):
    with pytest.raises(DomainError) as err:
        check_credit_code(code)
    assert err.value.field == "unified_credit_code"


def test_project_keeps_one_code_per_enterprise(bureau_user, region_a):
    first = ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5))
    second = ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5))
    services.project_update(
        user=bureau_user, project=first, data={"unified_credit_code": "91350100m000100y43"}
    )
    first.refresh_from_db()
    assert first.unified_credit_code == "91350100M000100Y43"
    assert first.history.latest().unified_credit_code == "91350100M000100Y43"
    with pytest.raises(DomainError) as err:
        services.project_update(
            user=bureau_user, project=second, data={"unified_credit_code": "91350100M000100Y43"}
        )
    assert err.value.field == "unified_credit_code"
    with pytest.raises(DomainError):
        services.project_update(
            user=bureau_user, project=second, data={"unified_credit_code": "91350100M000100Y44"}
        )
    # Many projects may have none yet.
    services.project_update(user=bureau_user, project=second, data={"unified_credit_code": ""})
    found = ProjectFilter({"unified_credit_code": "9135 0100 M000 100Y43"}, Project.objects.all())
    assert list(found.qs) == [first]
