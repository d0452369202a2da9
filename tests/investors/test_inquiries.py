import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
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


# ---- publishing the median first-response time on the public site --------------------------


def _responded_inquiries(hours_list=(2, 4, 30)):
    now = timezone.now()
    for hours in hours_list:
        q = _submit(ip=f"10.0.1.{hours}", now=now, started_at=now - dt.timedelta(minutes=1))
        Inquiry.objects.filter(pk=q.pk).update(
            received_at=now - dt.timedelta(days=2),
            first_response_at=now - dt.timedelta(days=2) + dt.timedelta(hours=hours),
        )


def test_median_is_not_public_until_the_bureau_switches_it_on(client, bureau_user):
    from investors.models import InquirySettings

    _responded_inquiries()
    page = client.get("/en/inquiry/")
    assert page.status_code == 200
    assert b'data-testid="median-response"' not in page.content

    client.force_login(bureau_user)
    staff_page = client.get("/en/staff/investors/inquiries/")
    assert b'data-testid="inquiry-settings"' in staff_page.content
    resp = client.post("/en/staff/investors/inquiries/settings/", {"publish_median_response": "on"})
    assert resp.status_code == 302
    saved = InquirySettings.objects.get()
    assert saved.publish_median_response is True
    assert saved.updated_by == bureau_user
    client.logout()

    en = client.get("/en/inquiry/").content.decode()
    assert "our median time to a first answer was 4.0 hours" in en
    zh = client.get("/zh-hans/inquiry/").content.decode()
    assert 'data-testid="median-response"' in zh
    assert "4.0" in zh
    assert "中位" in zh

    # Switched off again: gone from both languages.
    client.force_login(bureau_user)
    client.post("/en/staff/investors/inquiries/settings/", {})
    client.logout()
    assert InquirySettings.objects.get().publish_median_response is False
    assert b'data-testid="median-response"' not in client.get("/en/inquiry/").content
    assert b'data-testid="median-response"' not in client.get("/zh-hans/inquiry/").content


def test_switched_on_without_responses_shows_nothing(client, bureau_user):
    services.inquiry_settings_set(user=bureau_user, publish_median_response=True)
    assert b'data-testid="median-response"' not in client.get("/en/inquiry/").content


def test_spam_does_not_count_in_the_public_median(client, bureau_user):
    from investors.models import InquiryStatus

    services.inquiry_settings_set(user=bureau_user, publish_median_response=True)
    _responded_inquiries((2, 4, 30))
    first = Inquiry.objects.order_by("pk").first()  # the one answered after 2 hours
    Inquiry.objects.filter(pk=first.pk).update(status=InquiryStatus.SPAM)
    # 4 and 30 hours remain: the median is 17.0.
    assert "was 17.0 hours" in client.get("/en/inquiry/").content.decode()


@pytest.mark.parametrize("role_user", ["district_user", "liaison_user", "office110_user"])
def test_only_bureau_and_admin_change_the_switch(client, request, role_user, admin_user):
    from investors.models import InquirySettings

    user = request.getfixturevalue(role_user)
    client.force_login(user)
    assert (
        b'data-testid="inquiry-settings"'
        not in client.get("/en/staff/investors/inquiries/").content
    )
    resp = client.post("/en/staff/investors/inquiries/settings/", {"publish_median_response": "on"})
    assert resp.status_code == 403
    assert not InquirySettings.objects.exists()
    with pytest.raises(PermissionDenied):
        services.inquiry_settings_set(user=user, publish_median_response=True)
    services.inquiry_settings_set(user=admin_user, publish_median_response=True)
    assert InquirySettings.objects.get().publish_median_response is True


def test_the_switch_needs_post_and_sign_in(client):
    assert client.get("/en/staff/investors/inquiries/settings/").status_code in (302, 405)
    resp = client.post("/en/staff/investors/inquiries/settings/", {"publish_median_response": "on"})
    assert resp.status_code == 302
    assert "/accounts/login/" in resp["Location"]
