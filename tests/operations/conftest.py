import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """These tests commit (a dump sees only committed rows; the replica another connection's),
    and the test database is flushed after each: put back the rows the migrations load (the
    GB/T 4754 sections, the working-day calendar) that later tests read."""
    yield
    marker = item.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
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
