"""The demo's inquiry service: three inquiries of the last weeks answered from the portal
(after 5, 30 and 70 hours) and two new ones, with the service levels published, so the public
inquiry page states them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from investors.models import Inquiry

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_demo_states_its_service_levels(client):
    call_command("seed_demo", verbosity=0)
    answered = Inquiry.objects.filter(first_response_at__isnull=False)
    assert answered.count() == 3
    assert all(i.answers.exists() for i in answered)
    page = client.get("/en/inquiry/").content.decode()
    assert 'data-testid="median-response"' in page
    assert "our median time to a first answer was 30.0 hours" in page
