"""Issue 22, point 12: a choice left unset is null in the API, both ways — never "", which
the schema's enums do not list (a typed client generated from the schema could not read the
answer). `config.api.BlankChoiceField`."""

import json

import pytest
from drf_spectacular.generators import SchemaGenerator

from investors.models import Investor
from projects.models import Project
from tests.factories import InvestorFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _enums(node):
    if isinstance(node, dict):
        if "enum" in node:
            yield node["enum"]
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


def test_no_enum_of_the_schema_lists_the_empty_string():
    schema = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))
    enums = list(_enums(schema))
    assert len(enums) > 20
    assert [e for e in enums if "" in e] == []
    assert "BlankEnum" not in schema["components"]["schemas"]
    size = schema["components"]["schemas"]["InvestorOutput"]["properties"]["size"]
    assert {"$ref": "#/components/schemas/NullEnum"} in size["oneOf"]


def test_unset_choices_are_answered_as_null(api_as, bureau_user, region_a):
    project = ProjectFactory(region=region_a, introducer_kind="", enterprise_type="")
    Investor.objects.filter(pk=project.investor_id).update(size="")
    api = api_as(bureau_user)
    listed = api.get("/api/v1/projects/").json()["results"][0]
    assert listed["introducer_kind"] is None
    assert listed["enterprise_type"] is None
    detail = api.get(f"/api/v1/investors/{project.investor_id}/").json()
    assert detail["size"] is None
    assert api.get("/api/v1/investors/").json()["results"][0]["size"] is None


def test_a_set_choice_is_answered_as_its_value(api_as, bureau_user, region_a):
    investor = InvestorFactory(owner_region=region_a, size="large")
    assert api_as(bureau_user).get(f"/api/v1/investors/{investor.pk}/").json()["size"] == "large"


@pytest.mark.parametrize("unset", [None, ""])
def test_null_or_empty_unsets_a_choice(api_as, bureau_user, region_a, unset):
    investor = InvestorFactory(owner_region=region_a, size="large")
    resp = api_as(bureau_user).patch(f"/api/v1/investors/{investor.pk}/", {"size": unset})
    assert resp.status_code == 200, resp.json()
    assert resp.json()["size"] is None
    investor.refresh_from_db()
    assert investor.size == ""


def test_an_unknown_choice_is_still_400_naming_it(api_as, bureau_user, region_a):
    project = ProjectFactory(region=region_a)
    resp = api_as(bureau_user).patch(f"/api/v1/projects/{project.pk}/", {"introducer_kind": "x"})
    assert resp.status_code == 400
    assert set(resp.json()) == {"introducer_kind"}
    assert Project.objects.get(pk=project.pk).introducer_kind == project.introducer_kind
