import pytest

from accounts.models import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_token_right_credentials_returns_token_that_authenticates(api, bureau_user):
    resp = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": PASSWORD})
    assert resp.status_code == 200
    token = resp.json()["token"]
    assert len(token) == 64
    assert resp.json()["client"] == "default"
    assert resp.json()["expiry"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["username"] == "t_bureau"


def test_a_new_sign_in_replaces_the_clients_token(api, bureau_user):
    """One token per client: signing in again hands out a new token and revokes the old one
    (issue 11: the same token was handed out every time)."""
    first = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": PASSWORD})
    second = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": PASSWORD})
    assert first.json()["token"] != second.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {first.json()['token']}")
    assert api.get("/api/v1/me/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {second.json()['token']}")
    assert api.get("/api/v1/me/").status_code == 200


def test_token_wrong_password_is_400_without_token(api, bureau_user):
    resp = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": "nope"})
    assert resp.status_code == 400
    assert "token" not in resp.json()
    assert resp.json()["non_field_errors"]


def test_token_missing_fields_name_each_field(api):
    resp = api.post("/api/v1/auth/token/", {}, format="json")
    assert resp.status_code == 400
    assert set(resp.json()) == {"username", "password"}


@pytest.mark.parametrize("header", [None, "Token not-a-real-token", "Bearer abc"])
def test_me_requires_valid_token(api, header):
    if header:
        api.credentials(HTTP_AUTHORIZATION=header)
    assert api.get("/api/v1/me/").status_code == 401


def test_api_token_lockout_after_repeated_failures(api, bureau_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": "bad"})
    resp = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": PASSWORD})
    assert resp.status_code == 429
    assert "token" not in resp.json()


def test_me_per_role(
    api_as, admin_user, bureau_user, district_user, liaison_user, office110_user, region_a, unit_a
):
    expected = {
        admin_user: ("admin", None, None),
        bureau_user: ("bureau", None, None),
        district_user: ("district", region_a.pk, None),
        liaison_user: ("liaison", None, unit_a.pk),
        office110_user: ("office110", None, None),
    }
    for user, (role, region_id, unit_id) in expected.items():
        body = api_as(user).get("/api/v1/me/").json()
        assert body["username"] == user.username
        assert body["role"] == role
        assert (body["region"] or {}).get("id") == region_id
        assert (body["liaison_unit"] or {}).get("id") == unit_id
        assert (body["unit"] or {}).get("id") == unit_id
    assert api_as(district_user).get("/api/v1/me/").json()["region"]["name_en"] == "District A"
    unit = api_as(liaison_user).get("/api/v1/me/").json()["unit"]
    assert unit == {"id": unit_a.pk, "name_zh_hans": unit_a.name_zh_hans, "name_en": unit_a.name_en}
    assert api_as(bureau_user).get("/api/v1/me/").json()["unit"] is None


def test_session_auth_works_for_api(client, bureau_user):
    client.force_login(bureau_user)
    assert client.get("/api/v1/me/").json()["role"] == Role.BUREAU


def test_district_user_requires_region_at_database_level(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        UserFactory(role=Role.DISTRICT, region=None)
