"""Issue 22 item 10: case numbers on public pages are not sequential (a random reference like
an inquiry's); links to forms a role cannot use are not shown; forms check the role before
they validate input (403, not a form error)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from config.spam import started_token
from feedback import services
from feedback.models import Case
from tests.feedback.conftest import assigned, project_a, visit  # noqa: F401

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"CMP-[A-HJ-NP-Z2-9]{8}")


def _complain(client, n=0):
    return client.post(
        "/en/complaint/",
        {
            "subject": f"Slow permit {n}",
            "description": "A month",
            "complainant_email": "a@b.org",
            "started": started_token(timezone.now() - dt.timedelta(minutes=2)),
        },
        REMOTE_ADDR=f"198.51.100.{n + 1}",
    )


def test_the_public_complaint_answer_names_a_random_reference(client):
    pages = [_complain(client, n).content.decode() for n in range(2)]
    refs = [REFERENCE.search(page).group(0) for page in pages]
    cases = list(Case.objects.order_by("pk"))
    assert [c.reference for c in cases] == refs
    for page, case in zip(pages, cases, strict=True):
        assert not re.search(r"case number is \d", page)
        assert f"#{case.pk}" not in page


def test_every_case_gets_a_unique_reference():
    made = [
        services.complaint_submit(
            started_at=timezone.now() - dt.timedelta(minutes=2),
            subject=f"s{n}",
            description="d",
            complainant_email="x@example.org",
            ip=f"192.0.2.{n}",
        )
        for n in range(5)
    ]
    refs = {c.reference for c in made}
    assert len(refs) == 5
    assert all(REFERENCE.fullmatch(r) for r in refs)


@pytest.fixture
def problem(visit, liaison_user, unit_a):  # noqa: F811
    return services.service_request_create(
        user=liaison_user,
        project=visit.project,
        owner_unit=unit_a,
        description="供电接入迟缓",
        deadline=timezone.localdate() + dt.timedelta(days=10),
        visit=visit,
    )


def _links(client, problem):
    page = client.get("/en/staff/service/").content.decode()
    assert "供电接入迟缓" in page
    return (
        f"/requests/{problem.pk}/resolve/" in page,
        f"/requests/{problem.pk}/refer/" in page,
    )


def test_the_office_is_not_shown_resolve_or_refer(client, problem, office110_user):
    client.force_login(office110_user)
    assert _links(client, problem) == (False, False)


def test_the_owner_unit_and_the_bureau_are_shown_both(client, problem, liaison_user, bureau_user):
    for user in (liaison_user, bureau_user):
        client.force_login(user)
        assert _links(client, problem) == (True, True)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("action", ["resolve", "refer"])
def test_a_role_that_may_not_act_gets_403_before_its_input_is_read(
    client, problem, office110_user, method, action
):
    client.force_login(office110_user)
    url = f"/en/staff/service/requests/{problem.pk}/{action}/"
    resp = getattr(client, method)(url, {"resolution": "", "to_unit": "not-an-id"})
    assert resp.status_code == 403


def test_a_request_on_a_visit_is_refused_before_validation(client, visit):  # noqa: F811
    """The 110 office reads every visit but adds no requests: bad input from it is a
    refusal, not a list of form errors."""
    from accounts.models import Role
    from tests.factories import UserFactory

    office = UserFactory(username="o110", role=Role.OFFICE110)
    client.force_login(office)
    resp = client.post(
        f"/en/staff/service/visits/{visit.pk}/requests/", {"description": "", "deadline": "x"}
    )
    assert resp.status_code in (403, 404)


def test_a_case_action_by_a_role_with_none_is_403_before_validation(client, bureau_user):
    case = services.complaint_submit(
        started_at=timezone.now() - dt.timedelta(minutes=2),
        subject="s",
        description="d",
        complainant_email="x@example.org",
    )
    client.force_login(bureau_user)
    page = client.get(f"/en/staff/service/cases/{case.pk}/")
    assert page.status_code == 200
    assert 'name="action"' not in page.content.decode()
    resp = client.post(f"/en/staff/service/cases/{case.pk}/", {"action": "nonsense"})
    assert resp.status_code == 403
