import contextlib
import datetime as dt
import os

import pytest
import time_machine
from rest_framework.test import APIClient

from accounts.models import Role

from .factories import LiaisonUnitFactory, RegionFactory, UserFactory


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`make test`: `--dist loadgroup`) each test file is one group, so its
    module fixtures are built once, and the browser tests are one group: one process runs them
    all, in file order, as one session would (they share the demo's copy and the clock of the
    1st of the month, and a page computed right after the demo is seeded reads it as fresh)."""
    for item in items:
        group = "browser" if item.get_closest_marker("browser") else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (committing writes, a live server, a real worker) leaves the test
    database flushed: put back the rows the migrations load (the GB/T 4754 sections, the
    working-day calendar) that later tests read. Under pytest-xdist a file's transactional tests
    may run before another file's ordinary ones in the same process, so this is done for every
    such test, wherever it lives."""
    yield
    if nextitem is None:
        return  # the session's last test: the test database is gone already
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    if not (
        (marker and marker.kwargs.get("transaction"))
        or fixtures & {"transactional_db", "live_server", "django_db_serialized_rollback"}
    ):
        return
    from pytest_django.plugin import blocking_manager_key

    from reference.industries import sync_sections
    from reference.models import IndustrySection, WorkCalendarDay
    from reference.services import work_calendar_load_library

    with item.config.stash[blocking_manager_key].unblock():
        if not IndustrySection.objects.exists():
            sync_sections()
        if not WorkCalendarDay.objects.exists():
            work_calendar_load_library()


@pytest.fixture(scope="session", autouse=True)
def _moved_clock():
    """`PORTAL_TEST_NOW=2028-02-29T20:30:00+00:00` runs the whole session with the clock moved
    there (and ticking): CI runs the suite a second time so, on a day when UTC and Shanghai
    disagree on the date, at a month's and a leap year's turn. Tests that depend on "today"
    fix it themselves with time_machine; the rest must hold on any date."""
    when = os.environ.get("PORTAL_TEST_NOW", "").strip()
    if not when:
        yield None
        return
    moved = dt.datetime.fromisoformat(when)
    with time_machine.travel(moved, tick=True):
        yield moved


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters (in the cache) start empty in every test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _flush_test_redis():
    """Tests own one Redis database number; leave it empty for the next run."""
    yield
    import redis
    from django.conf import settings

    with contextlib.suppress(redis.RedisError):
        redis.Redis.from_url(settings.REDIS_URL).flushdb()


@pytest.fixture
def region_a(db):
    return RegionFactory(name_zh_hans="甲区", name_en="District A")


@pytest.fixture
def region_b(db):
    return RegionFactory(name_zh_hans="乙区", name_en="District B")


@pytest.fixture
def unit_a(db):
    return LiaisonUnitFactory()


@pytest.fixture
def unit_b(db):
    return LiaisonUnitFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="t_admin", role=Role.ADMIN, is_superuser=True, is_staff=True)


@pytest.fixture
def bureau_user(db):
    return UserFactory(username="t_bureau", role=Role.BUREAU)


@pytest.fixture
def district_user(region_a):
    return UserFactory(username="t_district_a", role=Role.DISTRICT, region=region_a)


@pytest.fixture
def district_user_b(region_b):
    return UserFactory(username="t_district_b", role=Role.DISTRICT, region=region_b)


@pytest.fixture
def liaison_user(unit_a):
    return UserFactory(username="t_liaison", role=Role.LIAISON, liaison_unit=unit_a)


@pytest.fixture
def office110_user(db):
    return UserFactory(username="t_office110", role=Role.OFFICE110)


@pytest.fixture
def chain_office(db):
    from .factories import ChainOfficeFactory

    return ChainOfficeFactory()


@pytest.fixture
def chain_office_user(chain_office):
    return UserFactory(username="t_chain_office", role=Role.CHAIN_OFFICE, chain_office=chain_office)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as(api):
    def _as(user):
        api.force_authenticate(user)
        return api

    return _as


@pytest.fixture(scope="module")
def browser():
    """One headless Debian Chromium per test module: closed with its module, so that the
    Playwright event loop does not outlive the browser tests in a pytest-xdist process (an
    async loop left in the thread makes later synchronous code refuse to run)."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    p = ctx.new_page()
    p.set_default_timeout(15000)
    yield p
    ctx.close()
