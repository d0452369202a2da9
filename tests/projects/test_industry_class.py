"""The GB/T 4754 industry class of a project: 2 to 4 digits of a division that exists, in the
project's section; set through the form, the API and the import alike."""

import pytest
from django.urls import reverse

from config.errors import DomainError
from projects import services
from projects.models import Project
from reference.industries import class_digits, section_of_class
from reference.models import IndustrySection
from tests.factories import ProjectFactory
from tests.imports.helpers import apply, check, errors_of
from tests.stats.conftest import sections  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sections")]


def test_section_of_a_class_code():
    assert [section_of_class(c) for c in ("2710", "271", "27", "06", "97", "44")] == [
        "C", "C", "C", "B", "T", "D",
    ]  # fmt: skip
    assert [section_of_class(c) for c in ("", "2", "98", "00", "27100", "2a", "２７")] == [None] * 7
    assert [class_digits(c) for c in ("C27", "c2710", "C", "", "X99")] == ["27", "2710", "", "", ""]


@pytest.mark.parametrize(
    ("code", "section", "stored", "error_field"),
    [
        ("2710", "C", "2710", None),
        ("C271", "C", "271", None),
        (" 27 ", "C", "27", None),
        ("", None, "", None),
        ("5110", "C", None, "industry_class"),  # wholesale, not manufacturing
        ("B2710", "C", None, "industry_class"),  # the letter says another section
        ("98", "C", None, "industry_class"),  # no such division
        ("27x", "C", None, "industry_class"),
        ("2710", None, None, "industry"),  # the section must be given with it
    ],
)
def test_class_is_checked_against_the_section(
    bureau_user, region_a, code, section, stored, error_field
):
    industry = IndustrySection.objects.get(code=section) if section else None
    data = {"name_zh_hans": "甲", "region": region_a, "industry": industry, "industry_class": code}
    if error_field:
        with pytest.raises(DomainError) as exc:
            services.project_create(user=bureau_user, data=data)
        assert exc.value.field == error_field
        assert not Project.objects.exists()
    else:
        assert services.project_create(user=bureau_user, data=data).industry_class == stored


def test_changing_the_section_away_from_the_class_is_refused(bureau_user):
    project = ProjectFactory(industry=IndustrySection.objects.get(code="C"), industry_class="2710")
    with pytest.raises(DomainError) as exc:
        services.project_update(
            user=bureau_user,
            project=project,
            data={"industry": IndustrySection.objects.get(code="F")},
        )
    assert exc.value.field == "industry_class"


def test_api_writes_and_reads_the_class(api_as, bureau_user, region_a):
    api = api_as(bureau_user)
    body = {"name_zh_hans": "甲", "region": region_a.pk, "industry": "C", "industry_class": "2710"}
    r = api.post(reverse("project-list"), body, format="json")
    assert r.status_code == 201
    assert r.json()["industry_class"] == "2710"
    r = api.post(reverse("project-list"), {**body, "industry_class": "5110"}, format="json")
    assert r.status_code == 400
    assert "industry_class" in r.json()


def test_form_edits_the_class(client, bureau_user, region_a):
    client.force_login(bureau_user)
    page = client.get(reverse("projects:create")).content.decode()
    assert 'name="industry_class"' in page
    section = IndustrySection.objects.get(code="C")
    data = {"name_zh_hans": "甲", "region": region_a.pk, "industry": section.pk,
            "industry_class": "5110", "category": "other", "capital_source": "foreign",
            "total_investment_cny_10k": "100", "contracted_fdi_usd_10k": "10"}  # fmt: skip
    r = client.post(reverse("projects:create"), data)
    assert "industry_class" in r.context["form"].errors
    assert not Project.objects.exists()


def test_import_reads_the_class(bureau_user, region_a, django_capture_on_commit_callbacks):
    rows = [
        {"code": "A1", "name_zh_hans": "甲", "region": region_a.code, "industry": "C",
         "industry_class": "2710", "intent_date": "2025-01-10"},
        {"code": "A2", "name_zh_hans": "乙", "region": region_a.code, "industry": "C",
         "industry_class": "5110", "intent_date": "2025-01-10"},
    ]  # fmt: skip
    job = check(bureau_user, "projects", rows)
    errors = errors_of(job)
    assert errors[2] == []
    assert errors[3][0][0] == "Industry class (GB/T 4754)"
    apply(bureau_user, job, django_capture_on_commit_callbacks)
    assert Project.objects.get(name_zh_hans="甲").industry_class == "2710"
