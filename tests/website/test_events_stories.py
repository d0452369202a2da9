"""Events and stories (issue 21 point 6): public promotion activities in a calendar with
registration of interest (a lead linked to the event, the inquiry form's spam defences), and
landed projects told as success stories only with the enterprise's consent recorded."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from config.errors import DomainError
from investors.forms import inquiry_started_token
from investors.models import Inquiry, PromotionActivity
from website import services
from website.models import Status, SuccessStory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    """ "Today" is Monday 16 November 2026 in Shanghai."""
    with time_machine.travel(dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


def event(region, *, days=30, public=True, name_en="Textile roadshow"):
    start = dt.date(2026, 11, 16) + dt.timedelta(days=days)
    return PromotionActivity.objects.create(
        name="纺织推介会", name_zh_hans="纺织推介会", name_en=name_en, kind="roadshow",
        start_date=start, end_date=start, organiser_region=region, is_public=public,
        description_en="Meet the city in Düsseldorf.",
    )  # fmt: skip


def form(**extra):
    return {
        "name": "Anna Müller",
        "organisation": "Rheinweber GmbH",
        "country": "DE",
        "email": "anna@rheinweber.example",
        "message": "",
        "homepage": "",
        "started": inquiry_started_token(timezone.now() - dt.timedelta(seconds=30)),
        **extra,
    }


def test_calendar_shows_public_events_upcoming_and_past(client, region_a):
    event(region_a)
    event(region_a, days=-40, name_en="Food webinar")
    event(region_a, public=False, name_en="Internal delegation")
    body = client.get("/en/events/").content.decode()
    upcoming, past = (
        body.split('data-testid="past"') if 'data-testid="past"' in body else (body, "")
    )
    assert "Textile roadshow" in upcoming
    assert "Meet the city" in upcoming
    assert "Food webinar" in past
    assert "Internal delegation" not in body


def test_registration_becomes_a_lead_linked_to_the_event(client, region_a):
    ev = event(region_a)
    resp = client.post(f"/en/events/{ev.pk}/register/", form())
    assert resp.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.activity == ev
    assert inquiry.language == "en"
    assert inquiry.interest == "Event: Textile roadshow"
    assert inquiry.message  # a default sentence, never empty


def test_registration_has_the_inquiry_forms_spam_defences(client, region_a):
    ev = event(region_a)
    resp = client.post(f"/en/events/{ev.pk}/register/", form(homepage="http://spam"))
    assert resp.status_code == 200
    assert not Inquiry.objects.exists()
    resp = client.post(
        f"/en/events/{ev.pk}/register/", form(started=inquiry_started_token(timezone.now()))
    )
    assert resp.status_code == 200
    assert not Inquiry.objects.exists()
    bad = client.post(f"/en/events/{ev.pk}/register/", form(email="not-an-email"))
    assert "email" in bad.context["form"].errors


def test_past_or_private_events_take_no_registration(client, region_a):
    past = event(region_a, days=-3)
    private = event(region_a, public=False)
    assert client.get(f"/en/events/{private.pk}/register/").status_code == 404
    resp = client.post(f"/en/events/{past.pk}/register/", form())
    assert resp.status_code == 200
    assert not Inquiry.objects.exists()
    assert "Registration for this event is closed." in resp.content.decode()


def _story(project, **extra):
    return SuccessStory.objects.create(
        project=project, title="投产", title_zh_hans="投产", title_en="In production",
        jobs=120, **extra,
    )  # fmt: skip


def test_a_story_needs_a_landed_project_and_consent(region_a, bureau_user):
    from tests.factories import ProjectFactory

    at_intent = _story(ProjectFactory(region=region_a))
    with pytest.raises(DomainError) as err:
        services.content_publish(user=bureau_user, obj=at_intent)
    assert err.value.field == "project"
    landed = ProjectFactory(
        region=region_a, stage="operation", operation_date=dt.date(2025, 9, 1),
        groundbreaking_date=dt.date(2025, 3, 1), total_investment_cny_10k=30000,
    )  # fmt: skip
    story = _story(landed)
    with pytest.raises(DomainError) as err:
        services.content_publish(user=bureau_user, obj=story)
    assert err.value.field == "consent_on"
    story.consent_on = dt.date(2026, 11, 1)
    services.content_save(user=bureau_user, obj=story)
    services.content_publish(user=bureau_user, obj=story)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert story.consent_recorded_by == bureau_user
    assert story.year == 2025


def test_stories_page_shows_the_figures(client, region_a):
    from tests.factories import ProjectFactory

    landed = ProjectFactory(
        region=region_a, stage="groundbreaking", groundbreaking_date=dt.date(2026, 4, 1),
        total_investment_cny_10k=30000,
    )  # fmt: skip
    _story(landed, consent_on=dt.date(2026, 10, 1), status=Status.PUBLISHED)
    body = client.get("/en/stories/").content.decode()
    assert "In production" in body
    assert "CNY 300 million" in body
    assert ">120<" in body
    assert ">2026<" in body


def test_registration_form_lists_countries_in_english_with_none_chosen(client, region_a):
    ev = event(region_a)
    body = client.get(f"/en/events/{ev.pk}/register/").content.decode()
    assert '<option value="" selected>Choose your country or region</option>' in body
    assert ">Germany</option>" in body
    assert "阿富汗" not in body
    zh = client.get(f"/zh-hans/events/{ev.pk}/register/").content.decode()
    assert ">德国</option>" in zh
    resp = client.post(f"/en/events/{ev.pk}/register/", form(country=""))
    assert "country" in resp.context["form"].errors
