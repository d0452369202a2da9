"""Issue 22, point 3: an id in a path or a filter that is not an id answers 404 (path) or 400
naming the parameter (filter), never a server error — for every route and every filter of
the API, found from the URL conf and the schema, so a new one is covered the day it appears."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

NOT_IDS = ("null,null", "-1", "0", "1.5", "1e3", "99999999999999999999", "٣")
BAD_NUMBERS = ("-2.56e+28", "1e400", "99999999999999999999", "1.5", "x", "nan")


def _operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _id_paths():
    return sorted({(path, method) for path, method, _op in _operations() if "{id}" in path})


def _integer_filters():
    """(list path, parameter) for every integer query parameter of a GET but the page's
    (`page` past the end or not a number is a 404, `page_size` falls back to the default)."""
    found = set()
    for path, method, operation in _operations():
        if method != "get":
            continue
        for p in operation.get("parameters", []):
            if p["in"] != "query" or p["name"] in ("page", "page_size"):
                continue
            if p["schema"].get("type") == "integer":
                found.add((path, p["name"]))
    return sorted(found)


@pytest.mark.parametrize("bad", ["null,null", "99999999999999999999"])
def test_the_reported_project_writes_on_a_malformed_id_are_404(api_as, bureau_user, bad):
    client = api_as(bureau_user)
    assert client.patch(f"/api/v1/projects/{bad}/", {}, format="json").status_code == 404
    assert client.put(f"/api/v1/projects/{bad}/", {}, format="json").status_code == 404
    for action in ("drop", "reopen", "transition"):
        resp = client.post(f"/api/v1/projects/{bad}/{action}/", {}, format="json")
        assert resp.status_code == 404, action


def test_the_reported_contact_filter_overflow_is_400_naming_it(api_as, bureau_user):
    resp = api_as(bureau_user).get("/api/v1/contacts/", {"investor": "-2.56e+28"})
    assert resp.status_code == 400
    assert set(resp.json()) == {"investor"}


def test_every_path_id_that_is_not_an_id_is_404(api_as, admin_user):
    paths = _id_paths()
    assert len(paths) > 40
    client = api_as(admin_user)
    failures = []
    for path, method in paths:
        for bad in NOT_IDS:
            url = path.replace("{id}", bad)
            resp = (
                getattr(client, method)(url, {}, format="json")
                if method != "get"
                else (client.get(url))
            )
            if resp.status_code != 404:
                failures.append(f"{method.upper()} {url}: {resp.status_code}")
    assert failures == [], "\n".join(failures)


def test_a_path_id_still_finds_its_object(api_as, admin_user, region_a):
    project = ProjectFactory(region=region_a)
    assert api_as(admin_user).get(f"/api/v1/projects/{project.pk}/").status_code == 200


def test_every_integer_filter_refuses_what_is_not_a_number_in_range(api_as, admin_user):
    filters = _integer_filters()
    assert ("/api/v1/contacts/", "investor") in filters
    client = api_as(admin_user)
    failures = []
    for path, name in filters:
        for bad in BAD_NUMBERS:
            resp = client.get(path, {name: bad})
            if resp.status_code != 400 or name not in resp.json():
                failures.append(f"{path}?{name}={bad}: {resp.status_code} {resp.content[:80]}")
    assert failures == [], "\n".join(failures)
