"""The public inquiry form on the site (the investor database's form and service): opened
from a project or an industry page, in both languages; spam defences store nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from investors.forms import inquiry_started_token
from investors.models import Inquiry


def data(**extra):
    return {
        "name": "James Carter",
        "organisation": "Brightwater Fabrics Ltd",
        "country": "GB",
        "email": "james@brightwater.example",
        "industry": "",
        "interest": "Textiles",
        "message": "We are looking for a site for a weaving plant.",
        "homepage": "",
        "started": inquiry_started_token(timezone.now() - dt.timedelta(seconds=30)),
        **extra,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_inquiry_form_renders_in_both_languages(client, lang):
    resp = client.get(f"/{lang}/inquiry/")
    assert resp.status_code == 200
    body = resp.content.decode()
    assert f'<html lang="{lang}">' in body
    assert 'name="homepage"' in body  # the honeypot, hidden from people
    assert 'class="hp" aria-hidden="true"' in body


@pytest.mark.django_db
def test_inquiry_about_a_published_project_names_it(client, public_project, hidden_project):
    body = client.get(f"/en/inquiry/?project={public_project.pk}").content.decode()
    assert 'data-testid="inquiry-about"' in body
    assert "High-end textile fabrics" in body
    assert 'value="Project: High-end textile fabrics"' in body
    hidden = client.get(f"/en/inquiry/?project={hidden_project.pk}").content.decode()
    assert "Internal pipeline project" not in hidden
    assert 'data-testid="inquiry-about"' not in hidden
    assert client.get("/en/inquiry/?project=abc&industry=%00").status_code == 200


@pytest.mark.django_db
def test_english_inquiry_is_stored_with_a_reference(client, sections):
    resp = client.post("/en/inquiry/", data())
    assert resp.status_code == 302
    assert resp.url == "/en/inquiry/sent/"
    inquiry = Inquiry.objects.get()
    assert inquiry.language == "en"
    assert inquiry.organisation == "Brightwater Fabrics Ltd"
    sent = client.get(resp.url).content.decode()
    assert inquiry.reference in sent


@pytest.mark.django_db
@pytest.mark.parametrize(
    "extra",
    [
        {"homepage": "http://spam.example"},
        {"started": inquiry_started_token()},  # sent at once: too fast
        {"email": "not-an-email"},
        {"message": ""},
        {"country": "XX"},
    ],
)
def test_refused_inquiries_store_nothing_and_keep_the_text(client, extra):
    if extra.get("started"):
        extra = {"started": inquiry_started_token(timezone.now())}
    resp = client.post("/en/inquiry/", data(**extra))
    assert resp.status_code == 200
    assert Inquiry.objects.count() == 0
    body = resp.content.decode()
    assert "Brightwater Fabrics Ltd" in body


@pytest.mark.django_db
def test_sent_page_without_an_inquiry_goes_back_to_the_form(client):
    resp = client.get("/en/inquiry/sent/")
    assert resp.status_code == 302
    assert resp.url == "/en/inquiry/"
