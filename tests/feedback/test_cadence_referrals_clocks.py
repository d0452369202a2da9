"""Visit cadence (the flag after time passes, computed from dates), referrals between units
(outstanding → accepted → completed, both units told, history kept, scope) and the service
clocks per unit and month."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Role
from config.errors import DomainError
from feedback import selectors, services
from feedback.models import Case, Referral, ReferralStatus, ServiceRequest, ServiceVisit
from liaison.models import LiaisonAssignment
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db
START = dt.date(2026, 2, 1)


@pytest.fixture
def bureau_mail(bureau_user):
    bureau_user.email = "bureau@example.org"
    bureau_user.save()
    return bureau_user


def _visit(project, unit, user, date):
    return ServiceVisit.objects.create(
        project=project, unit=unit, date=date, purpose="走访", created_by=user
    )


# --- cadence ----------------------------------------------------------------------------------


def test_cadence_flags_after_the_days_pass_and_clears_after_a_visit(
    assigned, unit_a, liaison_user, bureau_mail
):
    liaison_user.email = "unit@example.org"
    liaison_user.save()
    assignment = LiaisonAssignment.objects.get(project=assigned)
    _visit(assigned, unit_a, liaison_user, dt.date(2026, 3, 1))
    # Due 90 days after the last visit: 2026-05-30.
    assert selectors.visits_due(today=dt.date(2026, 5, 30)) == []
    due = selectors.visits_due(today=dt.date(2026, 6, 1))
    assert [(a.pk, a.last_visit, a.visit_due_on, a.days_overdue) for a in due] == [
        (assignment.pk, dt.date(2026, 3, 1), dt.date(2026, 5, 30), 2)
    ]
    with services_on_commit():
        assert services.visits_flag_due(today=dt.date(2026, 6, 1)) == 1
    assignment.refresh_from_db()
    assert assignment.visit_flagged_on == dt.date(2026, 6, 1)
    assert {tuple(m.to) for m in mail.outbox} == {("bureau@example.org", "unit@example.org")}
    # Flagged once: the next day tells nobody again.
    with services_on_commit():
        assert services.visits_flag_due(today=dt.date(2026, 6, 2)) == 0
    assert len(mail.outbox) == 1
    # A visit clears the flag on the next run.
    _visit(assigned, unit_a, liaison_user, dt.date(2026, 6, 2))
    services.visits_flag_due(today=dt.date(2026, 6, 3))
    assignment.refresh_from_db()
    assert assignment.visit_flagged_on is None


def test_cadence_counts_from_the_start_and_only_the_units_own_visits(
    assigned, unit_a, unit_b, liaison_user, bureau_user
):
    assignment = LiaisonAssignment.objects.get(project=assigned)
    assignment.visit_cadence_days = 30
    assignment.save()
    # Another unit's visit does not count for unit A.
    _visit(assigned, unit_b, bureau_user, dt.date(2026, 2, 20))
    due = selectors.visits_due(today=dt.date(2026, 3, 5))
    assert [(a.last_visit, a.visit_due_on) for a in due] == [(None, dt.date(2026, 3, 3))]


def test_visits_due_scope_and_pages(
    assigned, liaison_user, client, bureau_user, district_user_b, office110_user, monkeypatch
):
    today = timezone.localdate()
    LiaisonAssignment.objects.filter(project=assigned).update(start_date=today - dt.timedelta(100))
    assert len(selectors.visits_due_for(liaison_user)) == 1
    assert selectors.visits_due_for(district_user_b) == []
    other = UserFactory(username="t_liaison_x", role=Role.LIAISON, liaison_unit=_other_unit())
    assert selectors.visits_due_for(other) == []
    client.force_login(liaison_user)
    page = client.get("/en/staff/service/")
    assert [a.project for a in page.context["visits_due"]] == [assigned]
    assert page.context["enterprises"][0].days_overdue == 10
    client.force_login(bureau_user)
    page = client.get("/en/staff/")
    assert page.context["visits_due_total"] == 1


def _other_unit():
    from tests.factories import LiaisonUnitFactory

    return LiaisonUnitFactory()


def test_cadence_page_edits_for_the_unit_only(
    assigned, client, liaison_user, district_user, unit_b
):
    client.force_login(liaison_user)
    resp = client.post(
        f"/en/staff/projects/{assigned.pk}/liaison/cadence/", {"visit_cadence_days": 60}
    )
    assert resp.status_code == 302
    assert LiaisonAssignment.objects.get(project=assigned).visit_cadence_days == 60
    resp = client.post(
        f"/en/staff/projects/{assigned.pk}/liaison/cadence/", {"visit_cadence_days": 1}
    )
    assert resp.status_code == 200
    assert resp.context["form"].errors
    other = UserFactory(username="t_liaison_b2", role=Role.LIAISON, liaison_unit=unit_b)
    client.force_login(other)
    assert client.get(f"/en/staff/projects/{assigned.pk}/liaison/cadence/").status_code == 404
    client.force_login(district_user)
    assert client.get(f"/en/staff/projects/{assigned.pk}/liaison/cadence/").status_code == 403


# --- referrals --------------------------------------------------------------------------------


class services_on_commit:
    """Run the on-commit callbacks (the e-mails) inside a test transaction."""

    def __enter__(self):
        from django.test import TestCase

        self._ctx = TestCase.captureOnCommitCallbacks(execute=True)
        return self._ctx.__enter__()

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


@pytest.fixture
def problem(visit, liaison_user, unit_a):
    return services.service_request_create(
        user=liaison_user,
        project=visit.project,
        owner_unit=unit_a,
        description="供电接入迟缓",
        deadline=timezone.localdate() + dt.timedelta(days=10),
        visit=visit,
    )


def test_referral_flow_notifies_both_units_and_keeps_history(
    problem, liaison_user, liaison_user_b, unit_a, unit_b
):
    liaison_user.email, liaison_user_b.email = "a@example.org", "b@example.org"
    liaison_user.save()
    liaison_user_b.save()
    with services_on_commit():
        referral = services.referral_create(
            user=liaison_user, request=problem, to_unit=unit_b, note="请协调供电公司"
        )
    assert (referral.from_unit, referral.to_unit, referral.status) == (
        unit_a,
        unit_b,
        ReferralStatus.OUTSTANDING,
    )
    assert sorted(mail.outbox[-1].to) == ["a@example.org", "b@example.org"]
    # The referring unit cannot accept its own referral.
    with pytest.raises(PermissionDenied):
        services.referral_act(user=liaison_user, referral=referral, action="accept")
    with pytest.raises(DomainError) as err:
        services.referral_act(
            user=liaison_user_b, referral=referral, action="complete", outcome="x"
        )
    assert err.value.field == "action"
    with services_on_commit():
        services.referral_act(user=liaison_user_b, referral=referral, action="accept")
    with pytest.raises(DomainError) as err:
        services.referral_act(user=liaison_user_b, referral=referral, action="complete")
    assert err.value.field == "outcome"
    with services_on_commit():
        done = services.referral_act(
            user=liaison_user_b, referral=referral, action="complete", outcome="已接通"
        )
    assert done.status == ReferralStatus.COMPLETED
    assert done.completed_at
    assert done.accepted_at
    assert len(mail.outbox) == 3
    history = list(done.history.order_by("history_date").values_list("status", "history_user"))
    assert history == [
        ("outstanding", liaison_user.pk),
        ("accepted", liaison_user_b.pk),
        ("completed", liaison_user_b.pk),
    ]


def test_referral_refusals(problem, liaison_user, liaison_user_b, unit_a, unit_b):
    with pytest.raises(DomainError) as err:
        services.referral_create(user=liaison_user, request=problem, to_unit=unit_a, note="x")
    assert err.value.field == "to_unit"
    with pytest.raises(PermissionDenied):
        services.referral_create(user=liaison_user_b, request=problem, to_unit=unit_b, note="x")
    services.referral_create(user=liaison_user, request=problem, to_unit=unit_b, note="x")
    with pytest.raises(DomainError) as err:
        services.referral_create(user=liaison_user, request=problem, to_unit=unit_b, note="x")
    assert err.value.field == "to_unit"
    assert Referral.objects.count() == 1


def test_referral_pages_for_both_units_and_scope(
    client, problem, liaison_user, liaison_user_b, unit_a, unit_b, district_user
):
    client.force_login(liaison_user)
    resp = client.post(
        f"/en/staff/service/requests/{problem.pk}/refer/", {"to_unit": unit_b.pk, "note": "请协调"}
    )
    referral = Referral.objects.get()
    assert resp.status_code == 302
    assert resp.url.endswith(f"/referrals/{referral.pk}/")
    page = client.get("/en/staff/service/referrals/")
    assert list(page.context["made"]) == [referral]
    assert not page.context["received"]
    # The referring unit reads it but cannot act on it.
    assert (
        client.post(f"/en/staff/service/referrals/{referral.pk}/", {"action": "accept"}).status_code
        == 403
    )
    client.force_login(liaison_user_b)
    page = client.get("/en/staff/service/referrals/")
    assert list(page.context["received"]) == [referral]
    resp = client.post(f"/en/staff/service/referrals/{referral.pk}/", {"action": "accept"})
    assert resp.status_code == 302
    resp = client.post(f"/en/staff/service/referrals/{referral.pk}/", {"action": "complete"})
    assert resp.status_code == 200
    assert "outcome" in resp.context["form"].errors
    client.post(
        f"/en/staff/service/referrals/{referral.pk}/", {"action": "complete", "outcome": "好了"}
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    # A third unit and district staff see nothing.
    third = UserFactory(username="t_liaison_c", role=Role.LIAISON, liaison_unit=_other_unit())
    client.force_login(third)
    assert client.get(f"/en/staff/service/referrals/{referral.pk}/").status_code == 404
    assert client.get(f"/en/staff/service/requests/{problem.pk}/refer/").status_code == 404
    client.force_login(district_user)
    assert client.get("/en/staff/service/referrals/").status_code == 404


# --- service clocks ---------------------------------------------------------------------------


def test_service_clocks_per_unit_and_month(
    bureau_user, liaison_user, liaison_user_b, unit_a, unit_b, region_a, client, district_user
):
    p1 = ProjectFactory(region=region_a, stage="contract", contract_date=dt.date(2026, 3, 1))
    p2 = ProjectFactory(region=region_a, stage="contract", contract_date=dt.date(2026, 3, 10))
    for project, unit, person, start, end in (
        (p1, unit_a, liaison_user, dt.date(2026, 3, 5), dt.date(2026, 3, 31)),  # 4 days
        (p2, unit_a, liaison_user, dt.date(2026, 3, 20), None),  # 10 days
    ):
        LiaisonAssignment.objects.create(
            project=project, unit=unit, person=person, start_date=start, end_date=end
        )
    # A later assignment (a handover) is not the first: it does not count.
    LiaisonAssignment.objects.create(
        project=p1, unit=unit_b, person=liaison_user_b, start_date=dt.date(2026, 4, 1)
    )
    for raised, resolved in (
        (dt.date(2026, 4, 1), dt.date(2026, 4, 3)),
        (dt.date(2026, 4, 2), dt.date(2026, 4, 10)),
        (dt.date(2026, 4, 5), None),
    ):
        ServiceRequest.objects.create(
            project=p1,
            owner_unit=unit_a,
            description="x",
            raised_on=raised,
            deadline=raised,
            resolved_on=resolved,
            status="resolved" if resolved else "open",
            created_by=bureau_user,
        )
    Case.objects.create(
        source="bad_review",
        unit=unit_b,
        subject="x",
        received_on=dt.date(2026, 4, 1),
        due_date=dt.date(2026, 4, 8),
        rectification="immediate",
        responded_on=dt.date(2026, 4, 4),
        callback_on=dt.date(2026, 5, 4),
        status="closed",
    )
    rows = selectors.service_clocks()
    table = {(r["unit"], r["month"]): r["clocks"] for r in rows}
    assert table[(unit_a, "2026-03")]["assign"] == {"median_days": 7.0, "count": 2}
    assert table[(unit_a, "2026-04")]["resolve"] == {"median_days": 5.0, "count": 2}
    assert table[(unit_b, "2026-04")]["rectify"] == {"median_days": 3.0, "count": 1}
    assert table[(unit_b, "2026-05")]["callback"] == {"median_days": 30.0, "count": 1}
    assert (unit_b, "2026-04") not in {k for k, v in table.items() if v["assign"]["count"]}
    # A unit sees its own rows only; the office all; district staff nothing.
    client.force_login(liaison_user)
    page = client.get("/en/staff/service/clocks/")
    assert {r["unit"] for r in page.context["rows"]} == {unit_a}
    assert {
        r["unit"] for r in client.get("/en/staff/service/clocks/?year=2025").context["rows"]
    } == set()
    client.force_login(bureau_user)
    assert {r["unit"] for r in client.get("/en/staff/service/clocks/").context["rows"]} == {
        unit_a,
        unit_b,
    }
    client.force_login(district_user)
    assert client.get("/en/staff/service/clocks/").status_code == 404


# --- the office's queue and the unit's on the dashboard; satisfaction trend per unit ----------


def test_dashboard_case_queue_for_the_office_and_the_unit(
    client, visit, link, liaison_user, liaison_user_b, office110_user, bureau_user
):
    from tests.feedback.conftest import BAD

    review = services.feedback_submit(token=link[1], **BAD, comment="供电问题没有解决")
    client.force_login(office110_user)
    page = client.get("/en/staff/")
    assert [c.pk for c in page.context["case_queue"]] == [review.case.pk]
    assert page.context["case_open_total"] == 1
    client.force_login(liaison_user)
    assert client.get("/en/staff/").context["case_open_total"] == 1
    client.force_login(liaison_user_b)
    assert client.get("/en/staff/").context["case_queue"] == []
    client.force_login(bureau_user)
    assert "case_queue" not in client.get("/en/staff/").context


@pytest.fixture
def december_2026():
    """The visits are of November 2026; the trend covers the months before today."""
    when = dt.datetime(2026, 12, 7, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=False):
        yield


def test_satisfaction_trend_per_unit(
    december_2026, client, visit, link, unit_a, unit_b, office110_user
):
    from tests.feedback.conftest import BAD

    services.feedback_submit(token=link[1], **BAD, comment="供电问题没有解决")
    client.force_login(office110_user)
    page = client.get(f"/en/staff/service/satisfaction/?unit={unit_a.pk}")
    assert page.context["unit"] == unit_a
    assert [(r["month"], r["reviews"], r["bad_rate"]) for r in page.context["trend"]] == [
        ("2026-11", 1, 100.0)
    ]
    assert client.get(f"/en/staff/service/satisfaction/?unit={unit_b.pk}").context["trend"] == []
    assert client.get("/en/staff/service/satisfaction/?unit=x").status_code == 404


def test_referral_api_flow_and_scope(api_as, problem, liaison_user, liaison_user_b, unit_b):
    resp = api_as(liaison_user).post(
        "/api/v1/referrals/",
        {"request": problem.pk, "to_unit": unit_b.pk, "note": "请协调"},
        format="json",
    )
    assert resp.status_code == 201, resp.json()
    pk = resp.json()["id"]
    assert resp.json()["status"] == "outstanding"
    # The referring unit may not accept it; the receiving unit accepts, then completes.
    act = f"/api/v1/referrals/{pk}/act/"
    assert api_as(liaison_user).post(act, {"action": "accept"}, format="json").status_code == 403
    assert api_as(liaison_user_b).post(act, {"action": "accept"}, format="json").status_code == 200
    resp = api_as(liaison_user_b).post(act, {"action": "complete"}, format="json")
    assert resp.status_code == 400
    assert "outcome" in resp.json()
    resp = api_as(liaison_user_b).post(
        act, {"action": "complete", "outcome": "已接通"}, format="json"
    )
    assert resp.json()["status"] == "completed"
    assert [h["status"] for h in resp.json()["history"]] == ["outstanding", "accepted", "completed"]
    # Another unit's request cannot be referred by this one: 404.
    resp = api_as(liaison_user_b).post(
        "/api/v1/referrals/",
        {"request": problem.pk, "to_unit": unit_b.pk, "note": "x"},
        format="json",
    )
    assert resp.status_code == 404
