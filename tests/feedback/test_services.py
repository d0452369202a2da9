"""The feedback loop's rules: signed single-use links, the review, the case it opens and the
case workflow, working-day deadlines, the daily jobs."""

import datetime as dt
import threading
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from config.errors import DomainError
from feedback import services
from feedback.models import (
    Case,
    CaseEvent,
    CaseStatus,
    FeedbackLink,
    Review,
)
from reference.models import WorkCalendarDay
from tests.feedback.conftest import BAD, RATINGS

pytestmark = pytest.mark.django_db


def submit(token, ratings=RATINGS, **extra):
    return services.feedback_submit(token=token, **ratings, **extra)


# --- links ---------------------------------------------------------------------------------


def test_only_a_hash_of_the_token_is_stored(link):
    row, token = link
    assert token not in row.token_hash
    assert not FeedbackLink.objects.filter(token_hash=token).exists()
    assert services.feedback_link_check(token) == row


def test_link_works_once(link):
    _row, token = link
    review = submit(token)
    assert review.overall == 5
    with pytest.raises(services.LinkInvalid) as err:
        submit(token)
    assert err.value.reason == "used"
    assert Review.objects.count() == 1


def test_tampered_link_is_refused_and_stores_nothing(link):
    _row, token = link
    body, _sep, sig = token.rpartition(":")
    forged = body + ":" + ("A" if sig[0] != "A" else "B") + sig[1:]
    for bad in (forged, token[:-3], "nonsense", token.replace(token[2], "x", 1)):
        with pytest.raises(services.LinkInvalid) as err:
            submit(bad)
        assert err.value.reason in ("tampered", "unknown")
    assert not Review.objects.exists()


def test_a_link_of_one_visit_cannot_rate_another(link, visit, liaison_user):
    # A validly signed token for another visit id, not issued by the portal, is unknown.
    from django.core import signing

    other = signing.dumps({"v": visit.pk + 1, "n": "x"}, salt="feedback.link.feedback")
    with pytest.raises(services.LinkInvalid) as err:
        submit(other)
    assert err.value.reason == "unknown"


def test_expired_link(link, settings):
    _row, token = link
    later = timezone.now() + dt.timedelta(days=settings.FEEDBACK_LINK_DAYS, seconds=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        pytest.raises(services.LinkInvalid) as err,
    ):
        submit(token)
    assert err.value.reason == "expired"
    assert not Review.objects.exists()


def test_resend_voids_the_old_link_at_most_three_times(visit, liaison_user):
    _first, token1 = services.feedback_link_issue(user=liaison_user, visit=visit)
    tokens = [token1]
    for _ in range(3):
        tokens.append(services.feedback_link_issue(user=liaison_user, visit=visit)[1])
    with pytest.raises(DomainError, match="3"):
        services.feedback_link_issue(user=liaison_user, visit=visit)
    for old in tokens[:-1]:
        with pytest.raises(services.LinkInvalid) as err:
            submit(old)
        assert err.value.reason == "replaced"
    submit(tokens[-1])


def test_another_unit_cannot_issue_a_link(visit, liaison_user_b):
    with pytest.raises(PermissionDenied):
        services.feedback_link_issue(user=liaison_user_b, visit=visit)


@pytest.mark.django_db(transaction=True)
def test_two_racing_submissions_store_exactly_one(link):
    _row, token = link
    results, barrier = [], threading.Barrier(2)

    def go():
        try:
            barrier.wait()
            submit(token)
            results.append("ok")
        except services.LinkInvalid as exc:
            results.append(exc.reason)
        finally:
            connection.close()

    threads = [threading.Thread(target=go) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "used"]
    assert Review.objects.count() == 1


def test_ratings_outside_the_scale_are_refused(link):
    _row, token = link
    with pytest.raises(DomainError) as err:
        submit(token, {**RATINGS, "quality": 6})
    assert err.value.field == "quality"
    assert not Review.objects.exists()
    submit(token)  # the link still works


# --- cases ---------------------------------------------------------------------------------


def test_working_days_skip_weekends_and_holidays():
    friday = dt.date(2026, 11, 27)
    assert services.working_days_after(friday, 5) == dt.date(2026, 12, 4)
    WorkCalendarDay.objects.create(date=dt.date(2026, 12, 1), kind="holiday", name="test")
    assert services.working_days_after(friday, 5) == dt.date(2026, 12, 7)


def test_bad_review_opens_a_case_due_in_five_working_days(link, unit_a):
    _row, token = link
    friday = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=friday):
        review = submit(token, BAD, comment="三次上门都没解决")
    case = Case.objects.get(review=review)
    assert (case.status, case.unit, case.source) == (CaseStatus.ASSIGNED, unit_a, "bad_review")
    assert case.received_on == dt.date(2026, 11, 27)
    assert case.due_date == dt.date(2026, 12, 4)  # Friday + 5 working days, over a weekend
    assert [e.action for e in case.events.all()] == ["received", "assign"]
    assert "三次上门都没解决" in case.description


def test_good_review_opens_no_case(link):
    submit(link[1])
    assert not Case.objects.exists()


@pytest.fixture
def case(link):
    return Case.objects.get(review=submit(link[1], BAD, comment="供电问题没有解决"))


def test_full_case_flow(case, liaison_user, office110_user):
    services.case_act(
        user=liaison_user,
        case=case,
        action="rectify",
        note="已协调供电局",
        rectification="immediate",
    )
    services.case_act(
        user=office110_user, case=case, action="callback", confirmed=True, note="企业确认"
    )
    done = services.case_act(user=office110_user, case=case, action="close")
    assert done.status == CaseStatus.CLOSED
    assert done.closed_on == timezone.localdate()
    assert [(e.action, e.to_status) for e in done.events.all()][-3:] == [
        ("rectify", "rectified"),
        ("callback", "callback_done"),
        ("close", "closed"),
    ]
    assert done.events.get(action="rectify").actor == liaison_user


def test_explain_and_an_unconfirmed_callback_return_to_the_unit(case, liaison_user, office110_user):
    services.case_act(user=liaison_user, case=case, action="explain", note="属政策范围外")
    back = services.case_act(
        user=office110_user, case=case, action="callback", confirmed=False, note="企业不认可"
    )
    assert back.status == CaseStatus.ASSIGNED
    assert back.callback_confirmed is False


@pytest.mark.parametrize(
    ("actor", "action", "kwargs"),
    [
        ("liaison_user", "close", {}),
        ("liaison_user", "callback", {"confirmed": True}),
        ("office110_user", "close", {}),  # not yet called back
        ("liaison_user_b", "rectify", {"note": "x", "rectification": "immediate"}),
        ("bureau_user", "rectify", {"note": "x", "rectification": "immediate"}),
        ("liaison_user", "rectify", {"note": "", "rectification": "immediate"}),
        ("liaison_user", "rectify", {"note": "x", "rectification": ""}),
        ("liaison_user", "decide_appeal", {"upheld": True, "note": "x"}),
        ("liaison_user", "nonsense", {}),
    ],
)
def test_refused_steps_change_nothing(request, case, actor, action, kwargs):
    user = request.getfixturevalue(actor)
    with pytest.raises((DomainError, PermissionDenied)):
        services.case_act(user=user, case=case, action=action, **kwargs)
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED
    assert case.events.count() == 2


def test_upheld_appeal_voids_the_review(case, liaison_user, office110_user):
    services.case_act(user=liaison_user, case=case, action="appeal", note="恶意差评：当日未上门")
    with pytest.raises(DomainError):
        services.case_act(user=liaison_user, case=case, action="appeal", note="again")
    voided = services.case_act(
        user=office110_user, case=case, action="decide_appeal", upheld=True, note="经核实属误评"
    )
    assert (voided.status, voided.appeal) == (CaseStatus.VOIDED, "upheld")
    review = voided.review
    review.refresh_from_db()
    assert review.voided_at is not None
    assert review.void_reason == "经核实属误评"


def test_rejected_appeal_keeps_the_case(case, liaison_user, office110_user):
    services.case_act(user=liaison_user, case=case, action="appeal", note="理由")
    kept = services.case_act(
        user=office110_user, case=case, action="decide_appeal", upheld=False, note="证据不足"
    )
    assert (kept.status, kept.appeal) == (CaseStatus.ASSIGNED, "rejected")
    assert kept.review.voided_at is None


def test_complaint_opens_a_received_case_the_office_assigns(unit_a, office110_user):
    case = services.complaint_submit(
        started_at=timezone.now() - dt.timedelta(minutes=2),
        subject="办证拖延",
        description="营业执照变更等了一个月",
        complainant_name="李先生",
        complainant_phone="13800000000",
    )
    assert (case.status, case.unit) == (CaseStatus.RECEIVED, None)
    assigned = services.case_act(user=office110_user, case=case, action="assign", unit=unit_a)
    assert (assigned.status, assigned.unit) == (CaseStatus.ASSIGNED, unit_a)
    with pytest.raises(DomainError) as err:
        services.complaint_submit(
            subject="x", description="y", started_at=timezone.now() - dt.timedelta(minutes=2)
        )
    assert err.value.field == "complainant_email"


def test_overdue_job_flags_once_and_notifies(case, liaison_user, office110_user):
    liaison_user.email, office110_user.email = "unit@example.org", "office@example.org"
    liaison_user.save()
    office110_user.save()
    day_after = case.due_date + dt.timedelta(days=1)
    with mock.patch("django.db.transaction.on_commit", side_effect=lambda f: f()):
        assert services.cases_flag_overdue(case.due_date) == 0
        assert services.cases_flag_overdue(day_after) == 1
        assert services.cases_flag_overdue(day_after) == 0
    case.refresh_from_db()
    assert case.overdue_since == day_after
    assert CaseEvent.objects.filter(case=case, action="overdue").count() == 1
    assert {a for m in mail.outbox for a in m.to} >= {"unit@example.org", "office@example.org"}


def test_a_rectified_case_is_not_overdue(case, liaison_user):
    services.case_act(
        user=liaison_user, case=case, action="rectify", note="x", rectification="deadline"
    )
    assert services.cases_flag_overdue(case.due_date + dt.timedelta(days=9)) == 0


def test_reminder_for_unrated_visits_once(link, liaison_user):
    liaison_user.email = "unit@example.org"
    liaison_user.save()
    now = timezone.now()
    with mock.patch("django.db.transaction.on_commit", side_effect=lambda f: f()):
        assert services.visits_remind_unrated(now + dt.timedelta(days=2)) == 0
        assert services.visits_remind_unrated(now + dt.timedelta(days=3, minutes=1)) == 1
        assert services.visits_remind_unrated(now + dt.timedelta(days=4)) == 0
    assert mail.outbox[-1].to == ["unit@example.org"]


def test_visit_rules(assigned, unit_a, unit_b, liaison_user, liaison_user_b):
    kwargs = {"project": assigned, "date": dt.date(2026, 11, 2), "purpose": "走访"}
    with pytest.raises(DomainError):  # not assigned to unit B
        services.service_visit_create(user=liaison_user_b, unit=unit_b, **kwargs)
    with pytest.raises(PermissionDenied):  # unit A's visit logged by unit B staff
        services.service_visit_create(user=liaison_user_b, unit=unit_a, **kwargs)
    with pytest.raises(DomainError) as err:
        services.service_visit_create(
            user=liaison_user, unit=unit_a, **{**kwargs, "date": dt.date(2099, 1, 1)}
        )
    assert err.value.field == "date"
    visit = services.service_visit_create(user=liaison_user, unit=unit_a, **kwargs)
    assert list(visit.staff.all()) == [liaison_user]
