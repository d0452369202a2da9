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


@pytest.mark.parametrize("fmt", ["json", None])
def test_api_body_over_the_cap_is_413(api_as, bureau_user, settings, fmt):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    payload = {"name_zh_hans": "x" * 2000}
    resp = api_as(bureau_user).post("/api/v1/projects/", payload, format=fmt)
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


def test_every_api_view_uses_the_bounded_parsers():
    """A view that sets its own parsers would bring back the 500 and the unbounded body."""
    from rest_framework.parsers import MultiPartParser

    from config import parsers

    allowed = {parsers.JSONParser, parsers.FormParser, MultiPartParser}
    views = _api_views()
    assert len(views) > 5
    for view in views:
        assert set(view.parser_classes) <= allowed, view
