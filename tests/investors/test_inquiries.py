import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from config.errors import DomainError
from investors import services
from investors.forms import InquiryForm, inquiry_started_token
from investors.models import Inquiry, InquiryRoute, Investor
from reference.models import IndustrySection
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # a Friday, 10:00 in Shanghai


def _submit(**kw):
    base = {
        "name": "Jane Doe",
        "organisation": "Acme Foods Ltd",
        "country": "GB",
        "email": "jane@example.com",
        "message": "We are looking at food processing.",
        "interest": "Food",
        "ip": "203.0.113.5",
        "started_at": NOW - dt.timedelta(seconds=30),
        "now": NOW,
        "language": "en",
    }
    base.update(kw)
    return services.inquiry_submit(**base)


def test_submit_stores_acknowledges_and_sets_due_in_two_working_days(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = _submit()
    assert inquiry.reference.startswith("INQ-")
    assert inquiry.response_due == dt.date(2026, 11, 24)  # Friday + 2 working days = Tuesday
    assert len(mail.outbox) == 1
    assert inquiry.reference in mail.outbox[0].body
    assert mail.outbox[0].to == ["jane@example.com"]
    inquiry.refresh_from_db()
    assert inquiry.acknowledged_at is not None
    # The task is safe to run twice.
    from investors.tasks import send_inquiry_acknowledgement

    send_inquiry_acknowledgement(inquiry.pk)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "kw",
    [
        {"homepage": "http://spam.example"},
        {"started_at": NOW - dt.timedelta(seconds=1)},
        {"started_at": None},
    ],
)
def test_spam_defences_store_nothing(kw):
    with pytest.raises(services.InquiryRefused):
        _submit(**kw)
    assert not Inquiry.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_address(settings):
    settings.INQUIRY_RATE_LIMIT_PER_HOUR = 2
    _submit()
    _submit()
    with pytest.raises(services.InquiryRefused):
        _submit()
    assert Inquiry.objects.count() == 2
    _submit(ip="198.51.100.9")  # another sender is not limited
    assert Inquiry.objects.count() == 3


def test_bad_fields_named():
    with pytest.raises(DomainError) as exc:
        _submit(email="nope")
    assert exc.value.field == "email"
    with pytest.raises(DomainError) as exc:
        _submit(country="ZZ")
    assert exc.value.field == "country"
    assert not Inquiry.objects.exists()


def test_routed_to_the_industrys_contact():
    section = IndustrySection.objects.get(code="C")
    contact = UserFactory(username="food_desk", email="desk@example.com")
    InquiryRoute.objects.create(industry=section, contact=contact)
    inquiry = _submit(industry=section)
    assert inquiry.assigned_to == contact


def test_public_form_round_trip():
    form = InquiryForm()
    token = form.initial["started"]
    data = {
        "name": "A",
        "organisation": "B",
        "country": "DE",
        "email": "a@example.com",
        "message": "hello",
        "started": token,
        "homepage": "",
    }
    bound = InquiryForm(data)
    assert bound.is_valid(), bound.errors
    sub = bound.submission()
    assert sub["started_at"] is not None
    assert "started" not in sub
    tampered = InquiryForm({**data, "started": "garbage"})
    assert tampered.is_valid()
    assert tampered.submission()["started_at"] is None
    assert inquiry_started_token()


def test_convert_makes_investor_contact_interaction_and_follow_up(bureau_user, region_a):
    inquiry = _submit()
    follow = timezone.localdate() + dt.timedelta(days=7)
    investor = services.inquiry_convert(
        user=bureau_user, inquiry=inquiry, owner_region=region_a, follow_up=follow
    )
    assert investor.name_en == "Acme Foods Ltd"
    assert investor.channel == "website"
    assert investor.country.code == "GB"
    assert investor.contacts.get().email == "jane@example.com"
    interaction = investor.interactions.get()
    assert inquiry.reference in interaction.summary
    assert investor.follow_ups.get().due_date == follow
    inquiry.refresh_from_db()
    assert inquiry.status == "converted"
    assert inquiry.first_response_at is not None
    with pytest.raises(DomainError):
        services.inquiry_convert(user=bureau_user, inquiry=inquiry, owner_region=region_a)


def test_inquiry_scope(client, bureau_user, district_user, region_a):
    inquiry = _submit()
    client.force_login(district_user)
    assert client.get(f"/en/staff/investors/inquiries/{inquiry.pk}/").status_code == 404
    assert inquiry.reference not in client.get("/en/staff/investors/inquiries/").content.decode()
    client.force_login(bureau_user)
    assert client.get(f"/en/staff/investors/inquiries/{inquiry.pk}/").status_code == 200
    client.post(f"/en/staff/investors/inquiries/{inquiry.pk}/", {"action": "spam"})
    inquiry.refresh_from_db()
    assert inquiry.status == "spam"
    assert not Investor.objects.exists()


def test_median_first_response(bureau_user):
    from investors.selectors import median_first_response_hours

    now = timezone.now()
    for hours in (2, 4, 30):
        q = _submit(ip=f"10.0.0.{hours}", now=now, started_at=now - dt.timedelta(minutes=1))
        Inquiry.objects.filter(pk=q.pk).update(
            received_at=now - dt.timedelta(days=1),
            first_response_at=now - dt.timedelta(days=1) + dt.timedelta(hours=hours),
        )
    assert median_first_response_hours(now=now) == 4.0
