"""Finding 5: password spraying from one address is blocked; nobody locks a named account from
another address; the API and its token endpoint are throttled; behind a proxy the client's
address (not a forged header) is used."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    """Lockout tests make many attempts; the throttle is tested on its own below."""
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], auth_token="1000/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def _post(api, username, password, ip="10.0.0.1", **extra):
    return api.post(
        TOKEN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def test_spraying_from_one_address_is_blocked(api, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_IP_FAILURE_LIMIT = 12
    users = [UserFactory(username=f"spray{i}") for i in range(4)]
    for user in users[:3]:
        for _ in range(4):  # under the per-user limit
            assert _post(api, user.username, "wrong-guess").status_code == 400
    # 12 failures from this address: even the right password of a fourth account is refused.
    resp = _post(api, users[3].username, PASSWORD)
    assert resp.status_code == 429
    assert "token" not in resp.json()
    # Another address is not affected.
    assert _post(api, users[3].username, PASSWORD, ip="10.0.0.2").status_code == 200


def test_a_named_account_is_not_locked_from_another_address(api, bureau_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(api, "t_bureau", "bad", ip="10.0.0.66")
    assert _post(api, "t_bureau", PASSWORD, ip="10.0.0.66").status_code == 429
    assert _post(api, "t_bureau", PASSWORD, ip="10.0.0.7").status_code == 200


def test_forged_forwarded_header_is_ignored_without_proxy(api, bureau_user, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for i in range(settings.AXES_FAILURE_LIMIT):
        _post(api, "t_bureau", "bad", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    assert _post(api, "t_bureau", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_a_proxy_the_client_address_is_used(api, bureau_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # The client forged the first entry; the proxy appended the real address.
        _post(api, "t_bureau", "bad", ip="10.9.9.9", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    locked = _post(api, "t_bureau", PASSWORD, ip="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert locked.status_code == 429
    # Another client behind the same proxy signs in.
    other = _post(api, "t_bureau", PASSWORD, ip="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 200


def test_browser_sign_in_is_blocked_for_a_spraying_address(client, settings):
    settings.AXES_IP_FAILURE_LIMIT = 3
    victim = UserFactory(username="victim")
    for name in ("a1", "a2", "a3"):
        client.post("/en/accounts/login/", {"username": name, "password": "x"})
    resp = client.post("/en/accounts/login/", {"username": victim.username, "password": PASSWORD})
    assert resp.status_code == 429


def test_token_endpoint_is_throttled_per_address(api, bureau_user, settings):
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], auth_token="3/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    codes = [_post(api, "t_bureau", PASSWORD).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert _post(api, "t_bureau", PASSWORD, ip="10.0.0.99").status_code == 200


def test_api_is_throttled_per_user(api_as, bureau_user, settings):
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], user="2/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    api = api_as(bureau_user)
    assert [api.get("/api/v1/me/").status_code for _ in range(3)] == [200, 200, 429]
