"""Finding 1: API tokens — hashed, shown once, expiring, one per client, revoked on every change
of password (whatever the path), deactivation, role or scope; users see and revoke their own."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection
from django.utils import timezone

from accounts.models import ApiToken, Role
from accounts.tasks import purge_stale_api_tokens
from tests.factories import PASSWORD, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"


def _token(api, username="t_bureau", client=None):
    data = {"username": username, "password": PASSWORD}
    if client:
        data["client"] = client
    resp = api.post(URL, data)
    assert resp.status_code == 200, resp.content
    return resp.json()


def _works(token) -> bool:
    from rest_framework.test import APIClient

    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    code = c.get("/api/v1/me/").status_code
    assert code in (200, 401)
    return code == 200


def test_only_a_hash_is_stored(api, bureau_user):
    token = _token(api)["token"]
    row = ApiToken.objects.get(user=bureau_user)
    assert row.digest != token
    assert token not in row.digest
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM accounts_apitoken")
        stored = " ".join(str(v) for r in cur.fetchall() for v in r)
    assert token not in stored
    tables = connection.introspection.table_names()
    assert "authtoken_token" not in tables


def test_no_token_list_in_the_admin(client, admin_user):
    from rest_framework.authtoken.models import TokenProxy

    registered = {m._meta.label for m in admin.site._registry}
    assert not {"accounts.ApiToken", "knox.AuthToken", TokenProxy._meta.label} & registered
    client.force_login(admin_user)
    assert client.get("/en/admin/authtoken/tokenproxy/").status_code == 404


def test_expiry_defaults_to_30_days_and_an_expired_token_fails(api, bureau_user):
    body = _token(api)
    expiry = dt.datetime.fromisoformat(body["expiry"])
    expected = timezone.now() + dt.timedelta(days=30)
    assert abs((expiry - expected).total_seconds()) < 60
    assert _works(body["token"])
    ApiToken.objects.filter(user=bureau_user).update(
        expiry=timezone.now() - dt.timedelta(seconds=1)
    )
    assert not _works(body["token"])
    assert not ApiToken.objects.exists()


def test_expiry_is_configurable(api, bureau_user, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": dt.timedelta(days=2)}
    expiry = dt.datetime.fromisoformat(_token(api)["expiry"])
    assert abs((expiry - timezone.now() - dt.timedelta(days=2)).total_seconds()) < 60


def test_one_token_per_client(api, bureau_user):
    a = _token(api, client="etl")["token"]
    b = _token(api, client="dashboard")["token"]
    assert _works(a)
    assert _works(b)
    a2 = _token(api, client="etl")["token"]
    assert not _works(a)
    assert _works(a2)
    assert _works(b)
    assert ApiToken.objects.filter(user=bureau_user).count() == 2


def test_password_reset_in_the_django_admin_revokes_tokens(api, client, admin_user, bureau_user):
    token = _token(api)["token"]
    client.force_login(admin_user)
    new = "a fresh admin-set passphrase"
    resp = client.post(
        f"/en/admin/accounts/user/{bureau_user.pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert resp.status_code == 302, resp.content
    assert not _works(token)
    assert not ApiToken.objects.filter(user=bureau_user).exists()


def test_set_password_from_anywhere_revokes_tokens(api, bureau_user):
    token = _token(api)["token"]
    bureau_user.set_password("set from a shell, say")
    bureau_user.save()
    assert not _works(token)


def test_deactivation_revokes_tokens(api, bureau_user):
    token = _token(api)["token"]
    bureau_user.is_active = False
    bureau_user.save()
    assert not _works(token)
    bureau_user.is_active = True
    bureau_user.save()
    assert not _works(token)  # deleted when it was refused, not merely suspended


def test_role_change_revokes_tokens(api, bureau_user):
    token = _token(api)["token"]
    bureau_user.role = Role.OFFICE110
    bureau_user.save()
    assert not _works(token)


def test_region_change_revokes_tokens(api, district_user):
    token = _token(api, username=district_user.username)["token"]
    district_user.region = RegionFactory()
    district_user.save()
    assert not _works(token)


def test_nightly_purge_deletes_stale_tokens(api, bureau_user, district_user):
    _token(api)
    _token(api, username=district_user.username)
    bureau_user.set_password("another long passphrase")
    bureau_user.save()
    assert purge_stale_api_tokens() == "purged 1"
    assert list(ApiToken.objects.values_list("user__username", flat=True)) == ["t_district_a"]
    assert purge_stale_api_tokens() == "purged 0"


def test_users_list_and_revoke_their_own_tokens_in_the_api(api, bureau_user, district_user):
    mine = _token(api, client="etl")["token"]
    _token(api, client="dashboard")
    theirs = _token(api, username=district_user.username)["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {mine}")
    listed = api.get("/api/v1/auth/tokens/").json()
    assert sorted(t["client"] for t in listed) == ["dashboard", "etl"]
    assert [t["current"] for t in listed if t["client"] == "etl"] == [True]
    assert all(mine not in str(t) for t in listed)
    other = ApiToken.objects.get(user=district_user)
    assert api.delete(f"/api/v1/auth/tokens/{other.public_id}/").status_code == 404
    assert _works(theirs)
    dash = next(t for t in listed if t["client"] == "dashboard")
    assert api.delete(f"/api/v1/auth/tokens/{dash['id']}/").status_code == 204
    assert [t["client"] for t in api.get("/api/v1/auth/tokens/").json()] == ["etl"]


def test_token_page_creates_shows_once_and_revokes(client, bureau_user, district_user, api):
    theirs = _token(api, username=district_user.username)["token"]
    client.force_login(bureau_user)
    page = client.get("/en/accounts/tokens/")
    assert page.status_code == 200
    assert "You have no API tokens." in page.content.decode()
    created = client.post("/en/accounts/tokens/", {"client": "etl"})
    token = created.context["issued"].token
    assert token in created.content.decode()
    assert _works(token)
    again = client.get("/en/accounts/tokens/").content.decode()
    assert token not in again
    assert "etl" in again
    assert theirs[:8] not in again
    row = ApiToken.objects.get(user=bureau_user)
    other = ApiToken.objects.get(user=district_user)
    assert client.post(f"/en/accounts/tokens/{other.public_id}/revoke/").status_code == 404
    assert client.post(f"/en/accounts/tokens/{row.public_id}/revoke/").status_code == 302
    assert not _works(token)
    assert _works(theirs)
    assert client.get("/zh-hans/accounts/tokens/").status_code == 200


def test_token_page_needs_sign_in(client):
    assert client.get("/en/accounts/tokens/").status_code == 302
