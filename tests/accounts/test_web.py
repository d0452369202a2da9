import time

import pytest

from accounts.middleware import LOGIN_TIME_KEY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_root_redirects_by_accept_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").url == "/zh-hans/"
    assert client.get("/").url == "/zh-hans/"


@pytest.mark.parametrize(("lang", "html_lang"), [("zh-hans", "zh-hans"), ("en", "en")])
def test_pages_declare_their_language(client, lang, html_lang):
    for path in ("", "accounts/login/"):
        body = client.get(f"/{lang}/{path}").content.decode()
        assert f'<html lang="{html_lang}">' in body
        assert 'hreflang="en"' in body
        assert 'hreflang="zh-hans"' in body


def test_login_page_is_translated(client):
    assert "登录" in client.get("/zh-hans/accounts/login/").content.decode()
    assert "Sign in" in client.get("/en/accounts/login/").content.decode()


def test_login_redirects_to_dashboard(client, bureau_user):
    resp = client.post("/en/accounts/login/", {"username": "t_bureau", "password": PASSWORD})
    assert resp.status_code == 302
    assert resp.url == "/en/staff/"


def test_wrong_password_shows_form_error(client, bureau_user):
    resp = client.post("/en/accounts/login/", {"username": "t_bureau", "password": "x"})
    assert resp.status_code == 200
    assert "Please enter a correct username and password" in resp.content.decode()


def test_lockout_after_repeated_failed_logins(client, bureau_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "t_bureau", "password": "wrong"})
    resp = client.post("/en/accounts/login/", {"username": "t_bureau", "password": PASSWORD})
    assert resp.status_code == 429
    assert "locked" in resp.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_ip(client, bureau_user, district_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "t_bureau", "password": "wrong"})
    other = client.post("/en/accounts/login/", {"username": "t_district_a", "password": PASSWORD})
    assert other.status_code == 302


def test_dashboard_requires_login(client):
    resp = client.get("/en/staff/")
    assert resp.status_code == 302
    assert resp.url.startswith("/en/accounts/login/")


def test_dashboard_shows_district_scope(client, district_user):
    client.force_login(district_user)
    body = client.get("/en/staff/").content.decode()
    assert "District staff" in body
    assert "District A" in body


def test_absolute_session_timeout_logs_out(client, bureau_user, settings):
    client.force_login(bureau_user)
    assert client.get("/en/staff/").status_code == 200
    session = client.session
    session[LOGIN_TIME_KEY] = time.time() - settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS - 1
    session.save()
    resp = client.get("/en/staff/")
    assert resp.status_code == 302
    assert client.get("/en/staff/").status_code == 302


def test_idle_timeout_is_the_session_cookie_age(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 3600


def test_password_change_rejects_weak_password(client, bureau_user):
    client.force_login(bureau_user)
    resp = client.post(
        "/en/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert resp.status_code == 200
    bureau_user.refresh_from_db()
    assert bureau_user.check_password(PASSWORD)
    assert "too short" in resp.content.decode()


def test_password_change_accepts_strong_password(client, bureau_user):
    client.force_login(bureau_user)
    new = "Quite-L0ng-passphrase"
    resp = client.post(
        "/zh-hans/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert resp.status_code == 302
    bureau_user.refresh_from_db()
    assert bureau_user.check_password(new)


def test_api_docs_and_schema_use_local_assets(client):
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower()
    assert "/static/drf_spectacular_sidecar/" in docs
    assert client.get("/api/schema/").status_code == 200


def test_sitemap_lists_both_languages(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/zh-hans/" in body
    assert "/en/" in body


def test_public_home_shows_last_published_figures_only(client, bureau_user, region_a):
    import datetime as dt

    from projects.models import Project
    from stats import services
    from stats.models import StatsRun
    from tests.factories import ProjectFactory

    ProjectFactory(
        region=region_a,
        stage="approval",
        capital_source="foreign",
        total_investment_cny_10k=224779,
        contracted_fdi_usd_10k=15827,
        contract_date=dt.date(2026, 5, 1),
        approval_date=dt.date(2026, 5, 2),
    )
    assert Project.objects.count() == 1
    run = StatsRun.objects.create(year=2026, month=5)
    snapshot = services.stats_run_execute(run_id=run.pk).snapshot
    assert "224,779" not in client.get("/en/").content.decode()  # a draft is not public
    services.stats_snapshot_publish(user=bureau_user, snapshot=snapshot)
    body = client.get("/en/").content.decode()
    assert "224,779" in body
    assert "Published figures for May 2026" in body
    assert "224,779" in client.get("/zh-hans/").content.decode()  # grouped in Chinese too


def test_favicon_redirects_to_static(client):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 301
    assert resp.url.endswith("favicon.svg")


def test_password_change_revokes_api_token(client, api, bureau_user):
    token = api.post("/api/v1/auth/token/", {"username": "t_bureau", "password": PASSWORD}).json()[
        "token"
    ]
    client.force_login(bureau_user)
    new = "Another-L0ng-passphrase"
    client.post(
        "/en/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").status_code == 401
