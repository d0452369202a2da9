"""The 110 office's cases read in each reader's language (issue 27.1, 28.5), and the
enterprise's side of a visit (27.5): system texts worded when shown, not stored in the
submitter's language; staff mails in each recipient's language; the enterprise is the
investor; the feedback link e-mailed to the contact; the case reference after a bad review;
a reason required with a rating of 1 or 2; overdue stated in working days."""

import datetime as dt
import importlib
import re
from unittest import mock

import pytest
from django.apps import apps
from django.core import mail
from django.utils import translation

from config.errors import DomainError
from feedback import services
from feedback.models import Case, CaseEvent, Review
from tests.feedback.conftest import BAD

pytestmark = pytest.mark.django_db

REASON = "三次上门都没解决供电问题"


def _after_commit():
    return mock.patch("django.db.transaction.on_commit", side_effect=lambda f: f())


def _bad_review_in_chinese(link):
    with translation.override("zh-hans"):
        review = services.feedback_submit(token=link[1], language="zh-hans", comment=REASON, **BAD)
    return Case.objects.get(review=review)


def test_a_case_opened_in_chinese_reads_in_english(link, office110_user, client):
    case = _bad_review_in_chinese(link)
    client.force_login(office110_user)
    page = client.get(f"/en/staff/service/cases/{case.pk}/").content.decode()
    history = page.split('data-testid="case-events"')[1]
    assert "Bad review of the visit on Nov. 20, 2026" in page
    assert "Case received" in history
    assert "Opened by the enterprise&#x27;s review." in history
    assert "Received → Assigned to the unit" in history
    assert str(case.unit.name_en) in history
    for chinese in ("走访收到差评", "由企业评价生成", "已受理", case.unit.name_zh_hans):
        assert chinese not in page
    assert not re.search(r"\b(received|assign)\b \(", history)  # no raw codes
    # The enterprise is the project's investor, in the reader's language, not the project.
    enterprise = page.split('data-testid="case-enterprise">')[1].split("<")[0]
    assert enterprise == case.project.investor.name_en

    zh = client.get(f"/zh-hans/staff/service/cases/{case.pk}/").content.decode()
    assert "2026年11月20日走访收到差评" in zh
    assert "由企业评价生成。" in zh
    assert "已受理 → 已交办单位" in zh
    assert case.project.investor.name_zh_hans in zh


def test_the_api_words_the_case_in_the_request_language(link, office110_user, api_as):
    case = _bad_review_in_chinese(link)
    data = (
        api_as(office110_user)
        .get(f"/api/v1/complaints/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    assert data["reference"] == case.reference
    assert data["subject"] == "Bad review of the visit on Nov. 20, 2026"
    assert data["history"][0]["action"] == "received"
    assert data["history"][0]["note"] == "Opened by the enterprise's review."
    assert data["history"][1]["to_label"] == "Assigned to the unit"


def test_mails_go_in_each_recipients_language(link, liaison_user, office110_user):
    liaison_user.email, liaison_user.preferred_language = "unit@example.org", "en"
    liaison_user.save()
    office110_user.email, office110_user.preferred_language = "office@example.org", "zh-hans"
    office110_user.save()
    mail.outbox.clear()
    with _after_commit():
        _bad_review_in_chinese(link)
    by_address = {m.to[0]: m for m in mail.outbox}
    unit_mail, office_mail = by_address["unit@example.org"], by_address["office@example.org"]
    assert unit_mail.subject == "New case for your unit"
    assert "Bad review of the visit on Nov. 20, 2026" in unit_mail.body
    assert "Due" in unit_mail.body
    assert "期限" not in unit_mail.body
    assert office_mail.subject == "本单位有新交办案件"
    assert "走访收到差评" in office_mail.body


def test_a_rating_of_1_or_2_needs_a_reason(link):
    with pytest.raises(DomainError) as err:
        services.feedback_submit(token=link[1], **BAD)
    assert err.value.field == "comment"
    ratings = {"overall": 4, "efficiency": 1, "quality": 4, "attitude": 4}
    with pytest.raises(DomainError):
        services.feedback_submit(token=link[1], comment="  ", **ratings)
    assert not Review.objects.exists()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("lang", "error"),
    [("en", "a rating of 1 or 2 needs a reason"), ("zh-hans", "评价为1分或2分时须填写理由")],
)
def test_the_public_form_refuses_a_bad_review_without_a_reason(link, client, lang, error):
    page = client.post(
        f"/{lang}/feedback/{link[1]}/",
        {"overall": 2, "efficiency": 2, "quality": 3, "attitude": 2, "comment": ""},
    )
    assert page.status_code == 200
    assert error in page.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize(("lang", "text"), [("en", "quote this number"), ("zh-hans", "案件编号")])
def test_the_thank_you_page_gives_the_case_reference(link, client, lang, text):
    page = client.post(f"/{lang}/feedback/{link[1]}/", {**BAD, "comment": REASON})
    case = Case.objects.get()
    body = page.content.decode()
    assert case.reference in body
    assert text in body


def test_a_good_review_has_no_case_reference(link, client):
    page = client.post(
        f"/en/feedback/{link[1]}/", {"overall": 5, "efficiency": 5, "quality": 5, "attitude": 5}
    )
    assert b"case-reference" not in page.content


@pytest.mark.parametrize(
    ("lang", "subject"),
    [
        ("en", "Please rate our service visit of Nov. 20, 2026"),
        ("zh-hans", "请对2026年11月20日的上门服务"),
    ],
)
def test_the_feedback_link_is_emailed_to_the_contact(visit, liaison_user, client, lang, subject):
    visit.contact_name, visit.contact_email = "Ms Li", "li@enterprise.example"
    visit.contact_language = lang
    visit.save()
    client.force_login(liaison_user)
    mail.outbox.clear()
    with _after_commit():
        page = client.post(f"/en/staff/service/visits/{visit.pk}/link/")
    shown = re.search(r'data-testid="feedback-url"[^>]*>([^<]+)<', page.content.decode())[1]
    sent = [m for m in mail.outbox if m.to == ["li@enterprise.example"]]
    assert len(sent) == 1
    assert sent[0].subject.startswith(subject)
    assert shown in sent[0].body  # the same link as on the page (and its QR code)
    # …in the contact's language, whatever the page's: the form opens in it.
    assert f"/{lang}/feedback/" in shown or f"/{lang}/" in shown.split("//", 1)[1][:40]
    assert b"li@enterprise.example" in page.content  # the page says it was e-mailed


def test_no_mail_without_a_contact_address(visit, liaison_user):
    mail.outbox.clear()
    with _after_commit():
        services.feedback_link_issue(user=liaison_user, visit=visit, url_for=lambda t: t)
    assert mail.outbox == []


def test_the_visit_api_gives_the_case_reference(link, liaison_user, api_as):
    case = _bad_review_in_chinese(link)
    data = api_as(liaison_user).get(f"/api/v1/service-visits/{case.review.visit_id}/").json()
    assert data["case_reference"] == case.reference


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "3 working days overdue"), ("zh-hans", "已超期3个工作日")]
)
def test_overdue_is_stated_in_working_days(link, office110_user, client, lang, text):
    case = _bad_review_in_chinese(link)
    Case.objects.filter(pk=case.pk).update(due_date=dt.date(2026, 12, 3))  # a Thursday
    client.force_login(office110_user)
    # Tuesday 8 December: Friday 4, Monday 7 and Tuesday 8 are working days past the due date.
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 12, 8)):
        page = client.get(f"/{lang}/staff/service/cases/{case.pk}/").content.decode()
        cases = client.get(f"/{lang}/staff/service/cases/?status=open").content.decode()
    assert text in page
    assert text in cases


def test_the_unit_appeals_and_the_office_decides_with_distinct_words(
    link, liaison_user, office110_user, client
):
    case = _bad_review_in_chinese(link)
    client.force_login(liaison_user)
    unit_page = client.get(f"/zh-hans/staff/service/cases/{case.pk}/").content.decode()
    assert "提出申诉" in unit_page
    services.case_act(user=liaison_user, case=case, action="appeal", note="企业误评")
    client.force_login(office110_user)
    office_page = client.get(f"/zh-hans/staff/service/cases/{case.pk}/").content.decode()
    assert "复核结论" in office_page
    for page in (unit_page, office_page):
        assert "申诉复核" not in page
        assert "复核申诉" not in page
    en = client.get(f"/en/staff/service/cases/{case.pk}/").content.decode()
    assert "Review decision" in en


def test_month_columns_are_headed_month(office110_user, client):
    client.force_login(office110_user)
    page = client.get("/zh-hans/staff/service/satisfaction/").content.decode()
    assert '<th scope="col">月份</th>' in page
    assert "本月" not in page


def test_existing_system_texts_are_migrated(link, unit_a):
    """Rows written before the codes: the stored Chinese texts are recognised."""
    case = _bad_review_in_chinese(link)
    Case.objects.filter(pk=case.pk).update(
        subject="2026-11-20走访收到差评", subject_code="", subject_params={}
    )
    CaseEvent.objects.filter(case=case, action="received").update(
        note="由企业评价生成。", note_code=""
    )
    CaseEvent.objects.filter(case=case, action="assign").update(
        note=unit_a.name_zh_hans, note_code="", note_params={}
    )
    migration = importlib.import_module(
        "feedback.migrations.0006_case_texts_by_code_contact_language"
    )
    migration.texts_to_codes(apps, None)
    case.refresh_from_db()
    assert (case.subject_code, case.subject_params) == ("bad_review", {"date": "2026-11-20"})
    received = CaseEvent.objects.get(case=case, action="received")
    assert (received.note_code, received.note) == ("review", "")
    assigned = CaseEvent.objects.get(case=case, action="assign")
    assert (assigned.note_code, assigned.note_params) == ("unit", {"unit": unit_a.pk})
    with translation.override("en"):
        assert case.subject_text == "Bad review of the visit on Nov. 20, 2026"
        assert assigned.note_text == unit_a.name_en


def test_the_visit_api_takes_the_contacts_language(assigned, unit_a, api_as, liaison_user):
    api = api_as(liaison_user)
    data = {"project": assigned.pk, "unit": unit_a.pk, "date": "2026-11-20", "purpose": "走访"}
    refused = api.post("/api/v1/service-visits/", {**data, "contact_language": "fr"}, format="json")
    assert refused.status_code == 400
    assert "contact_language" in refused.json()
    made = api.post("/api/v1/service-visits/", {**data, "contact_language": "en"}, format="json")
    assert made.status_code == 201
    from feedback.models import ServiceVisit

    assert ServiceVisit.objects.get(pk=made.json()["id"]).contact_language == "en"


def test_a_user_sets_the_language_of_their_mails(liaison_user, client):
    client.force_login(liaison_user)
    page = client.get("/en/accounts/settings/")
    assert page.status_code == 200
    assert b"Language for e-mails" in page.content
    refused = client.post("/en/accounts/settings/", {"preferred_language": "fr"})
    assert refused.status_code == 200
    liaison_user.refresh_from_db()
    assert liaison_user.preferred_language == "zh-hans"
    done = client.post("/en/accounts/settings/", {"preferred_language": "en"})
    assert done.status_code == 302
    liaison_user.refresh_from_db()
    assert liaison_user.preferred_language == "en"
