"""Issue 22 item 6: the public inquiry's acknowledgement echoes nothing the sender typed (the
bureau's name must not relay spam), and acknowledgements are limited per recipient address
as well as per client; the per-client limit counts the client behind the proxy."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from investors import services
from investors.models import Inquiry

pytestmark = pytest.mark.django_db

SPAM = "Buy cheap pills at http://spam.example/now"


def _submit(n=0, **kw):
    now = timezone.now()
    base = {
        "name": f"{SPAM} Victim {n}",
        "organisation": f"{SPAM} Org",
        "country": "GB",
        "email": "victim@example.com",
        "message": SPAM,
        "interest": SPAM,
        "ip": f"203.0.113.{n + 1}",
        "started_at": now - dt.timedelta(seconds=30),
        "now": now,
        "language": "en",
    }
    base.update(kw)
    return services.inquiry_submit(**base)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_acknowledgement_echoes_nothing_submitted(django_capture_on_commit_callbacks, language):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = _submit(language=language)
    assert len(mail.outbox) == 1
    msg = mail.outbox[0]
    assert inquiry.reference in msg.body
    for text in (msg.subject, msg.body):
        assert "spam.example" not in text
        assert "Victim" not in text
        assert "pills" not in text


def test_acknowledgements_are_limited_per_recipient_address(
    django_capture_on_commit_callbacks, settings
):
    settings.INQUIRY_ACKS_PER_ADDRESS_PER_DAY = 3
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):  # from six different client addresses
            _submit(n, email="Victim@Example.com" if n % 2 else "victim@example.com")
    assert Inquiry.objects.count() == 6  # every inquiry reaches the bureau
    assert len(mail.outbox) == 3
    assert {m.to[0].lower() for m in mail.outbox} == {"victim@example.com"}


def test_the_limit_per_address_leaves_other_addresses_alone(
    django_capture_on_commit_callbacks, settings
):
    settings.INQUIRY_ACKS_PER_ADDRESS_PER_DAY = 1
    with django_capture_on_commit_callbacks(execute=True):
        _submit(0, email="one@example.com")
        _submit(1, email="one@example.com")
        _submit(2, email="two@example.com")
    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.com", "two@example.com"]


def test_the_routed_contact_is_still_told_beyond_the_limit(
    django_capture_on_commit_callbacks, settings
):
    from investors.models import InquiryRoute
    from reference.models import IndustrySection
    from tests.factories import UserFactory

    settings.INQUIRY_ACKS_PER_ADDRESS_PER_DAY = 0
    section = IndustrySection.objects.first() or IndustrySection.objects.create(
        code="C", name="Manufacturing"
    )
    contact = UserFactory(email="contact@bureau.example.org")
    InquiryRoute.objects.create(industry=section, contact=contact)
    with django_capture_on_commit_callbacks(execute=True):
        _submit(industry=section)
    assert [m.to for m in mail.outbox] == [["contact@bureau.example.org"]]


def test_the_public_form_limits_per_client_behind_the_proxy(client, settings):
    """The client's address (config.client_ip), not the proxy's, is what is counted."""
    from investors.forms import inquiry_started_token

    settings.TRUSTED_PROXY_COUNT = 1
    settings.INQUIRY_MIN_FILL_SECONDS = 0
    data = {
        "name": "A",
        "organisation": "B",
        "country": "DE",
        "email": "a@example.com",
        "message": "hello",
        "started": inquiry_started_token(),
        "homepage": "",
    }
    client.post("/en/inquiry/", data, HTTP_X_FORWARDED_FOR="198.51.100.7")
    client.post("/en/inquiry/", data, HTTP_X_FORWARDED_FOR="198.51.100.8")
    hashes = set(Inquiry.objects.values_list("ip_hash", flat=True))
    assert Inquiry.objects.count() == 2
    assert len(hashes) == 2
