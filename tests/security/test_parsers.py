"""Finding 3: deeply nested JSON answers 400, not 500; API bodies are capped (413).
Finding 4: the token endpoint bounds the username before it reaches the lockout table."""

import pytest
from axes.models import AccessAttempt

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NESTED = "[" * 2000 + "]" * 2000


def test_nested_json_to_anonymous_token_endpoint_is_400(api):
    resp = api.post(
        "/api/v1/auth/token/", NESTED, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert resp.status_code == 400
    assert "nested" in resp.json()["detail"]


def test_nested_json_to_authenticated_endpoint_is_400(api_as, bureau_user):
    resp = api_as(bureau_user).post(
        "/api/v1/projects/", NESTED, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert resp.status_code == 400
    assert "nested" in resp.json()["detail"]


def test_moderately_nested_json_over_the_limit_is_400(api, settings):
    body = "[" * (settings.API_JSON_MAX_DEPTH + 1) + "]" * (settings.API_JSON_MAX_DEPTH + 1)
    resp = api.post(
        "/api/v1/auth/token/", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert resp.status_code == 400
    assert "nested" in resp.json()["detail"]


def test_plain_json_still_signs_in(api, bureau_user):
    resp = api.post(
        "/api/v1/auth/token/",
        {"username": "t_bureau", "password": PASSWORD},
        format="json",
    )
    assert resp.status_code == 200
    assert resp.json()["token"]


def test_api_body_over_the_cap_is_413(api_as, bureau_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    payload = {"name_zh_hans": "x" * 2000}
    resp = api_as(bureau_user).post("/api/v1/projects/", payload, format="json")
    assert resp.status_code == 413


def test_multipart_fields_over_the_cap_are_413(api_as, bureau_user, region_a, settings):
    from tests.factories import ProjectFactory

    project = ProjectFactory(region=region_a)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    resp = api_as(bureau_user).post(
        f"/api/v1/projects/{project.pk}/transition/",
        {"to": "contract", "note": "x" * 2000},
        format="multipart",
    )
    assert resp.status_code == 413


def test_overlong_username_is_400_naming_the_field_and_not_stored(api):
    resp = api.post(
        "/api/v1/auth/token/", {"username": "u" * 100_000, "password": "x"}, format="json"
    )
    assert resp.status_code == 400
    assert "username" in resp.json()
    assert not AccessAttempt.objects.exists()


def _api_views():
    from django.urls import get_resolver
    from rest_framework.views import APIView

    def walk(patterns):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns)
            else:
                cls = getattr(p.callback, "cls", None)
                if cls is not None and issubclass(cls, APIView):
                    yield cls

    return set(walk(get_resolver().url_patterns))


def _api_routes():
    """(route, view class, parsers) for every API route; a viewset action's own parsers
    (`@action(parser_classes=…)`) are in the route's initkwargs."""
    from django.urls import get_resolver
    from rest_framework.views import APIView

    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                cls = getattr(p.callback, "cls", None)
                if cls is not None and issubclass(cls, APIView):
                    initkwargs = getattr(p.callback, "initkwargs", {})
                    parsers = initkwargs.get("parser_classes", cls.parser_classes)
                    yield prefix + str(p.pattern), cls, list(parsers)

    return list(walk(get_resolver().url_patterns))


def test_every_api_view_reads_json_and_only_the_upload_reads_multipart():
    """Issue 22, point 12: one media type per body (two where a file goes), so that the
    schema documents each body once and a generated client's calls are typed; and a view
    that set its own parsers would bring back the 500 and the unbounded body."""
    from config import parsers

    routes = _api_routes()
    assert len(routes) > 40
    multipart = sorted(route for route, _cls, found in routes if found != [parsers.JSONParser])
    # The bodies that may carry a file: a stage move's and an objection's evidence, an
    # official list of arrivals to reconcile, the opening figures and a spreadsheet to import.
    assert multipart == [
        "api/v1/appraisals/<id:pk>/objections/",
        "api/v1/imports/",
        "api/v1/projects/<id:pk>/transition/",
        "api/v1/stats/opening-figures/import/",
        "api/v1/stats/reconciliations/import/",
    ]
    for _route, _cls, found in routes:
        assert found in ([parsers.JSONParser], parsers.UPLOAD_PARSERS)


def test_a_form_encoded_body_is_415(api_as, bureau_user):
    resp = api_as(bureau_user).post(
        "/api/v1/projects/",
        "name_zh_hans=x&region=1",
        content_type="application/x-www-form-urlencoded",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert resp.status_code == 415


def test_multipart_where_no_file_goes_is_415(api_as, bureau_user):
    resp = api_as(bureau_user).post("/api/v1/projects/", {"name_zh_hans": "x"}, format="multipart")
    assert resp.status_code == 415


def test_the_token_endpoint_reads_json(api, bureau_user):
    form = api.post(
        "/api/v1/auth/token/",
        f"username=t_bureau&password={PASSWORD}",
        content_type="application/x-www-form-urlencoded",
    )
    assert form.status_code == 415
    resp = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": PASSWORD})
    assert resp.status_code == 200
