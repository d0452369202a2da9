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


@pytest.mark.django_db
def test_country_list_is_in_the_page_language_and_nothing_is_preselected(client):
    """Issue 21, item 10: the English list is English, the Chinese list Chinese; the first
    option is empty and none is selected; no country is a required choice."""
    import re

    en = client.get("/en/inquiry/").content.decode()
    select = re.search(r'<select name="country"[^>]*>(.*?)</select>', en, re.S)
    assert select, "no country select"
    assert "required" in select.group(0).split(">")[0]
    options = re.findall(r'<option value="([^"]*)"([^>]*)>([^<]*)</option>', select.group(1))
    assert options[0][0] == ""
    assert not any("selected" in attrs for v, attrs, _t in options if v)
    names = {v: t for v, _a, t in options}
    assert names["AF"] == "Afghanistan"
    assert names["DE"] == "Germany"
    assert not re.search(r"[\u3400-\u9fff]", select.group(1))
    zh = client.get("/zh-hans/inquiry/").content.decode()
    assert ">德国</option>" in zh
    assert "selected>阿富汗" not in zh


@pytest.mark.django_db
def test_inquiry_without_a_country_is_a_form_error_keeping_the_input(client, sections):
    resp = client.post("/en/inquiry/", data(country=""))
    assert resp.status_code == 200
    assert resp.context["form"].errors["country"]
    assert "Brightwater Fabrics Ltd" in resp.content.decode()
    assert not Inquiry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["name", "organisation"])
@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u202a", "\u2069"])
def test_bidi_controls_are_refused_in_names(client, sections, field, char):
    resp = client.post("/en/inquiry/", data(**{field: f"Bright{char}water"}))
    assert resp.status_code == 200
    assert "text-direction" in resp.context["form"].errors[field][0]
    assert not Inquiry.objects.exists()


def test_inquiry_submit_refuses_bidi_controls_too():
    from config.errors import DomainError
    from config.text import check_no_bidi

    check_no_bidi("name", "Zoë O’Brien 王")
    with pytest.raises(DomainError) as exc:
        check_no_bidi("name", "x\u2067y")
    assert exc.value.field == "name"
