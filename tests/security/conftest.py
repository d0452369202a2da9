"""Fixtures of the security tests: a token for every role, and objects inside and outside
each role's scope (the fuzz runs and the generated client)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.services import api_token_issue
from liaison.services import liaison_assign
from tests.factories import ProjectFactory
from tests.security.objects import feedback_and_investor_objects
from tests.stats.conftest import approve, sections  # noqa: F401

TOKEN_ROLES = ("admin", "bureau", "district", "liaison", "office110")


@pytest.fixture
def tokens(request):
    users = {role: request.getfixturevalue(f"{role}_user") for role in TOKEN_ROLES}
    return {role: api_token_issue(user=u, client="fuzz").token for role, u in users.items()}


@pytest.fixture
def objects(request, region_a, region_b, unit_a, unit_b, bureau_user, district_user):
    request.getfixturevalue("sections")  # the industries the objects refer to
    projects = (ProjectFactory(region=region_a), ProjectFactory(region=region_b))
    liaison_assign(
        user=bureau_user,
        project=projects[0],
        unit=unit_a,
        person=request.getfixturevalue("liaison_user"),
        start_date=timezone.localdate() - dt.timedelta(days=2),
    )
    found = feedback_and_investor_objects(
        bureau_user=bureau_user,
        district_user=district_user,
        liaison_user=request.getfixturevalue("liaison_user"),
        unit_a=unit_a,
        unit_b=unit_b,
        region_a=region_a,
        region_b=region_b,
        projects=projects,
    )
    found["project"] = tuple(p.pk for p in projects)
    found["region"] = (region_a.pk, region_b.pk)
    return found


@pytest.fixture
def migration_data(transactional_db):
    """The rows the migrations load (the GB/T 4754 sections, the working-day calendar), there
    even when an earlier transactional test flushed the database (the live-server tests)."""
    from reference.industries import sync_sections
    from reference.models import IndustrySection, WorkCalendarDay
    from reference.services import work_calendar_load_library

    if not IndustrySection.objects.exists():
        sync_sections()
    if not WorkCalendarDay.objects.exists():
        work_calendar_load_library()
