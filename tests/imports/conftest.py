import pytest

from reference.models import IndustrySection


@pytest.fixture
def sections(db):
    """The GB/T 4754 sections (a transactional test elsewhere may have flushed them)."""
    from reference.industries import sync_sections

    if not IndustrySection.objects.exists():
        sync_sections()


@pytest.fixture(autouse=True)
def _today():
    """Every import test runs on 2026-06-15 (Shanghai): the dates in the files are real."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    with time_machine.travel(
        dt.datetime(2026, 6, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield
