"""Answering an inquiry from the portal (issue 21, item 9) and following it on the public
site by its reference (item 8)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from config.errors import DomainError
from investors import services
from investors.models import Inquiry, InquiryAnswer, InquiryStatus, Interaction
from investors.tasks import send_inquiry_answer
from tests.factories import InvestorFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # a Friday, 10:00 in Shanghai


def _inquiry(language="en", **kw):
    base = {
        "name": "Jane Doe",
        "organisation": "Acme Foods Ltd",
        "country": "GB",
        "email": "Jane.Doe@example.com",
        "message": "We are looking at food processing.",
        "language": language,
        "response_due": dt.date(2026, 11, 17),
    }
    return Inquiry.objects.create(**(base | kw))


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("en", "Answer to your inquiry", "This is our answer to your inquiry"),
        ("zh-hans", "关于您的咨询", "我们对您的咨询"),
    ],
)
def test_answer_from_the_page_is_emailed_in_the_inquirys_language_and_stops_the_clock(
    client, bureau_user, django_capture_on_commit_callbacks, language, subject, greeting
):
    inquiry = _inquiry(language=language)
    client.force_login(bureau_user)
    page = client.get(f"/en/staff/investors/inquiries/{inquiry.pk}/").content.decode()
    assert 'data-testid="answer-form"' in page
    assert "overdue" in page  # due 17 November, nothing sent yet
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            f"/en/staff/investors/inquiries/{inquiry.pk}/",
            {"action": "answer", "a-text": "Plot A-12 is free; can we call you on Monday?"},
        )
    assert resp.status_code == 302
    answer = InquiryAnswer.objects.get()
    assert answer.sent_by == bureau_user
    assert answer.emailed_at is not None
    assert answer.interaction is None  # no investor linked
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["Jane.Doe@example.com"]
    assert subject in sent.subject
    assert inquiry.reference in sent.subject
    assert greeting in sent.body
    assert "Plot A-12 is free" in sent.body
    inquiry.refresh_from_db()
    assert inquiry.first_response_at is not None
    assert inquiry.responded_by == bureau_user
    assert inquiry.status == InquiryStatus.RESPONDED
    after = client.get(f"/en/staff/investors/inquiries/{inquiry.pk}/").content.decode()
    assert "overdue" not in after
    assert "Plot A-12 is free" in after
    # Sending again is a no-op; a second answer keeps the first response time.
    send_inquiry_answer(answer.pk)
    assert len(mail.outbox) == 1
    first = inquiry.first_response_at
    services.inquiry_answer(user=bureau_user, inquiry=inquiry, text="And a second note.")
    inquiry.refresh_from_db()
    assert inquiry.first_response_at == first
    assert inquiry.answers.count() == 2


def test_answer_is_kept_with_the_investors_interactions(bureau_user):
    investor = InvestorFactory()
    inquiry = _inquiry(investor=investor, status=InquiryStatus.CONVERTED)
    with time_machine.travel(NOW, tick=False):
        answer = services.inquiry_answer(user=bureau_user, inquiry=inquiry, text="Welcome.")
    interaction = Interaction.objects.get(investor=investor)
    assert answer.interaction == interaction
    assert interaction.kind == "email"
    assert interaction.date == dt.date(2026, 11, 20)
    assert inquiry.reference in interaction.summary
    assert "Welcome." in interaction.summary
    assert list(interaction.staff.all()) == [bureau_user]
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CONVERTED  # a converted inquiry stays converted


def test_empty_or_spam_answer_is_refused_and_the_text_kept(client, bureau_user):
    inquiry = _inquiry()
    client.force_login(bureau_user)
    resp = client.post(
        f"/en/staff/investors/inquiries/{inquiry.pk}/", {"action": "answer", "a-text": "   "}
    )
    assert resp.status_code == 200
    assert resp.context["answer_form"].errors["text"]
    Inquiry.objects.filter(pk=inquiry.pk).update(status=InquiryStatus.SPAM)
    resp = client.post(
        f"/en/staff/investors/inquiries/{inquiry.pk}/",
        {"action": "answer", "a-text": "Keep this text"},
    )
    assert resp.status_code == 200
    assert "Keep this text" in resp.content.decode()
    assert "marked as spam" in resp.content.decode()
    assert not InquiryAnswer.objects.exists()
    with pytest.raises(DomainError):
        services.inquiry_answer(user=bureau_user, inquiry=inquiry, text="x")


def test_only_staff_who_see_the_inquiry_answer_it(client, district_user):
    inquiry = _inquiry()
    client.force_login(district_user)
    resp = client.post(
        f"/en/staff/investors/inquiries/{inquiry.pk}/", {"action": "answer", "a-text": "Hi"}
    )
    assert resp.status_code == 404
    inquiry.assigned_to = district_user
    inquiry.save()
    resp = client.post(
        f"/en/staff/investors/inquiries/{inquiry.pk}/", {"action": "answer", "a-text": "Hi"}
    )
    assert resp.status_code == 302
    assert InquiryAnswer.objects.get().sent_by == district_user


# ---- following an inquiry on the public site ------------------------------------------------


def test_investor_follows_the_inquiry_by_reference_and_email(client, bureau_user):
    inquiry = _inquiry()
    resp = client.post(
        "/en/inquiry/track/", {"reference": inquiry.reference, "email": "jane.doe@example.com"}
    )
    body = resp.content.decode()
    assert resp.status_code == 200
    assert 'data-testid="track-result"' in body
    assert "we will answer by Nov. 17, 2026" in body
    assert resp["Cache-Control"].startswith("max-age=0") or "no-cache" in resp["Cache-Control"]
    services.inquiry_answer(user=bureau_user, inquiry=inquiry, text="Our answer, in full.")
    short = inquiry.reference.removeprefix("INQ-").lower()
    body = client.post("/en/inquiry/track/", {"reference": short, "email": inquiry.email})
    body = body.content.decode()
    assert "Answered on" in body
    assert "Our answer, in full." in body
    zh = client.post("/zh-hans/inquiry/track/", {"reference": short, "email": inquiry.email})
    assert "Our answer, in full." in zh.content.decode()


def test_wrong_reference_and_wrong_email_get_the_same_answer(client):
    inquiry = _inquiry()
    spam = _inquiry(email="x@example.com", status=InquiryStatus.SPAM)
    attempts = [
        {"reference": "INQ-AAAAAAAA", "email": inquiry.email},
        {"reference": inquiry.reference, "email": "someone.else@example.com"},
        {"reference": spam.reference, "email": spam.email},
    ]
    bodies = []
    for data in attempts:
        resp = client.post("/en/inquiry/track/", data)
        assert resp.status_code == 200
        body = resp.content.decode()
        assert 'data-testid="track-not-found"' in body
        assert 'data-testid="track-result"' not in body
        assert "Acme Foods" not in body
        start = body.index('data-testid="track-not-found"')
        bodies.append(body[start : body.index("</div>", start)])
    assert len(set(bodies)) == 1
    # Bad input is a form error, never a 500.
    resp = client.post("/en/inquiry/track/", {"reference": "", "email": "not-an-address"})
    assert resp.status_code == 200
    assert set(resp.context["form"].errors) == {"reference", "email"}
    assert client.get("/en/inquiry/track/").status_code == 200


def test_answered_timestamps_use_shanghai_dates(bureau_user):
    inquiry = _inquiry()
    with time_machine.travel(dt.datetime(2026, 11, 20, 17, 30, tzinfo=dt.UTC), tick=False):
        services.inquiry_answer(user=bureau_user, inquiry=inquiry, text="Late answer.")
    inquiry.refresh_from_db()
    assert timezone.localtime(inquiry.first_response_at).date() == dt.date(2026, 11, 21)
