"""Pages and API of the feedback loop, with the role matrix: unit A never sees unit B's
visits or cases; the complainant's contact details only at the office; district staff no
cases; the public form without an account in both languages."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from config.spam import started_token
from feedback import services
from feedback.models import Case, Review
from tests.feedback.conftest import BAD, RATINGS

pytestmark = pytest.mark.django_db


@pytest.fixture
def bad_case(link):
    return Case.objects.get(
        review=services.feedback_submit(token=link[1], **BAD, comment="供电问题没有解决")
    )


@pytest.fixture
def complaint():
    return services.complaint_submit(
        started_at=timezone.now() - dt.timedelta(minutes=2),
        subject="审批拖延",
        description="等了一个月",
        complainant_name="李先生",
        complainant_email="li@example.org",
    )


# who: (sees visit, sees bad case, sees complaint, sees complainant details)
MATRIX = {
    "admin_user": (True, True, True, True),
    "bureau_user": (True, True, True, False),
    "office110_user": (True, True, True, True),
    "liaison_user": (True, True, False, False),
    "liaison_user_b": (False, False, False, False),
    "district_user": (True, False, False, False),
    "district_user_b": (False, False, False, False),
}


@pytest.mark.parametrize("role", MATRIX)
def test_role_matrix_pages_and_api(request, role, visit, bad_case, complaint, client, api_as):
    user = request.getfixturevalue(role)
    sees_visit, sees_case, sees_complaint, sees_contact = MATRIX[role]
    api = api_as(user)
    code = lambda ok: 200 if ok else 404  # noqa: E731
    assert api.get(f"/api/v1/service-visits/{visit.pk}/").status_code == code(sees_visit)
    assert api.get(f"/api/v1/complaints/{bad_case.pk}/").status_code == code(sees_case)
    resp = api.get(f"/api/v1/complaints/{complaint.pk}/")
    assert resp.status_code == code(sees_complaint)
    if sees_complaint:
        assert ("complainant" in resp.json()) == sees_contact
        assert "due_date" in resp.json()
        assert resp.json()["history"][0]["action"] == "received"
    client.force_login(user)
    assert client.get(f"/en/staff/service/cases/{bad_case.pk}/").status_code == code(sees_case)
    page = client.get(f"/en/staff/service/cases/{complaint.pk}/")
    assert page.status_code == code(sees_complaint)
    if sees_complaint:
        assert (b"li@example.org" in page.content) == sees_contact
    assert client.get(f"/en/staff/service/visits/{visit.pk}/").status_code == code(sees_visit)


def test_unit_lists_only_its_own(visit, bad_case, complaint, api_as, liaison_user, liaison_user_b):
    assert api_as(liaison_user).get("/api/v1/complaints/").json()["count"] == 1
    assert api_as(liaison_user_b).get("/api/v1/complaints/").json()["count"] == 0
    assert api_as(liaison_user_b).get("/api/v1/service-visits/").json()["count"] == 0


def test_visit_and_link_through_the_api(assigned, unit_a, api_as, liaison_user, client):
    api = api_as(liaison_user)
    resp = api.post(
        "/api/v1/service-visits/",
        {
            "project": assigned.pk,
            "unit": unit_a.pk,
            "date": "2026-11-20",
            "purpose": "走访",
            "problems_raised": "用电",
        },
        format="json",
    )
    assert resp.status_code == 201, resp.json()
    link = api.post(f"/api/v1/service-visits/{resp.json()['id']}/feedback-link/")
    assert link.status_code == 201
    body = link.json()
    assert set(body) == {"url", "expires_at"}
    token = body["url"].rstrip("/").rsplit("/", 1)[-1]
    services.feedback_submit(token=token, **RATINGS)
    assert Review.objects.get().visit_id == resp.json()["id"]


def test_api_bad_input_is_400_with_the_field(assigned, unit_a, api_as, liaison_user):
    api = api_as(liaison_user)
    resp = api.post(
        "/api/v1/service-visits/",
        {"project": assigned.pk, "unit": unit_a.pk, "date": "2099-01-01", "purpose": "x"},
        format="json",
    )
    assert resp.status_code == 400
    assert "date" in resp.json()
    resp = api.post("/api/v1/service-visits/", {"project": "x"}, format="json")
    assert resp.status_code == 400


def test_case_steps_through_the_api(bad_case, api_as, liaison_user, office110_user):
    resp = api_as(liaison_user).post(
        f"/api/v1/complaints/{bad_case.pk}/act/",
        {"action": "rectify", "note": "已处理", "rectification": "immediate"},
        format="json",
    )
    assert resp.status_code == 200
    assert resp.json()["status"] == "rectified"
    refused = api_as(liaison_user).post(
        f"/api/v1/complaints/{bad_case.pk}/act/", {"action": "close"}, format="json"
    )
    assert refused.status_code in (400, 403)


@pytest.mark.parametrize(
    ("lang", "text"), [("zh-hans", "服务反馈意见表"), ("en", "Service feedback form")]
)
def test_public_form_without_an_account(link, client, lang, text):
    _row, token = link
    page = client.get(f"/{lang}/feedback/{token}/")
    assert page.status_code == 200
    assert text in page.content.decode()
    data = {"overall": 1, "efficiency": 2, "quality": 2, "attitude": 1, "comment": "差"}
    done = client.post(f"/{lang}/feedback/{token}/", data)
    assert done.status_code == 200
    assert Case.objects.filter(source="bad_review").count() == 1
    again = client.get(f"/{lang}/feedback/{token}/")
    assert again.status_code == 410


def test_public_form_errors_keep_the_input(link, client):
    _row, token = link
    page = client.post(f"/en/feedback/{token}/", {"overall": 9, "comment": "keep me"})
    assert page.status_code == 200
    assert b"keep me" in page.content
    assert not Review.objects.exists()


def test_public_form_bad_links(client):
    assert client.get("/en/feedback/garbage/").status_code == 410


def _started(seconds_ago=30):
    return started_token(timezone.now() - dt.timedelta(seconds=seconds_ago))


def test_public_complaint_form(client, office110_user):
    page = client.get("/zh-hans/complaint/")
    assert page.status_code == 200
    assert b'name="started"' in page.content
    resp = client.post(
        "/en/complaint/",
        {
            "subject": "Slow permit",
            "description": "A month",
            "complainant_email": "a@b.org",
            "started": _started(),
        },
    )
    assert resp.status_code == 200
    assert re.search(rb"case number is CMP-[A-Z2-9]{8}", resp.content)
    assert Case.objects.get().complainant_email == "a@b.org"
    # The honeypot: stored nothing.
    client.post(
        "/en/complaint/",
        {
            "subject": "x",
            "description": "y",
            "complainant_email": "a@b.org",
            "website": "spam",
            "started": _started(),
        },
    )
    assert Case.objects.count() == 1
    # Missing contact: a form error, nothing stored.
    resp = client.post(
        "/en/complaint/", {"subject": "x", "description": "y", "started": _started()}
    )
    assert b"phone number or an e-mail" in resp.content
    assert Case.objects.count() == 1


def test_complaint_form_refuses_too_fast_and_tampered_start(client):
    data = {"subject": "x", "description": "y", "complainant_email": "a@b.org"}
    for started in ("", "garbage", _started(seconds_ago=0)):
        resp = client.post("/en/complaint/", data | {"started": started})
        assert resp.status_code == 200
        assert b"quicker than a person can type" in resp.content
    assert not Case.objects.exists()


def test_complaint_form_rate_limit_per_address(client, settings):
    settings.COMPLAINT_RATE_LIMIT_PER_HOUR = 2
    data = {"subject": "x", "description": "y", "complainant_email": "a@b.org"}
    for _i in range(3):
        resp = client.post("/en/complaint/", data | {"started": _started()})
    assert Case.objects.count() == 2
    assert b"Too many messages from your address" in resp.content
    # Another address is not limited.
    client.post("/en/complaint/", data | {"started": _started()}, REMOTE_ADDR="10.9.8.7")
    assert Case.objects.count() == 3


def test_workspace_and_office_pages(visit, bad_case, client, liaison_user, office110_user):
    client.force_login(liaison_user)
    page = client.get("/en/staff/service/")
    assert page.status_code == 200
    assert page.context["enterprises"][0].project == visit.project
    assert client.get("/en/staff/service/satisfaction/").status_code == 404
    client.force_login(office110_user)
    assert client.get("/zh-hans/staff/service/").status_code == 200
    page = client.get("/en/staff/service/satisfaction/")
    assert page.context["by_unit"][0]["bad_rate"] == 100.0
    assert client.get("/en/staff/service/cases/?status=open").context["cases"][0] == bad_case


def test_visit_page_issues_a_link_with_qr(visit, client, liaison_user):
    client.force_login(liaison_user)
    page = client.post(f"/en/staff/service/visits/{visit.pk}/link/")
    assert page.status_code == 200
    assert b"<svg" in page.content
    # The link opens in the contact's language (Chinese unless the visit says otherwise).
    assert page.context["new_link"]["url"].startswith("http://testserver/zh-hans/feedback/")


CJK = re.compile(r"[\u3400-\u9fff]")


def test_english_feedback_form_labels_and_messages_are_english(link, client):
    """Rating labels and the link messages are translated per request (issue 21, item 10)."""
    _row, token = link
    zh = client.get(f"/zh-hans/feedback/{token}/").content.decode()
    assert "5 · 非常满意" in zh
    en = client.get(f"/en/feedback/{token}/").content.decode()
    assert "5 · Very satisfied" in en
    assert "1 · Very dissatisfied" in en
    assert "非常满意" not in en
    data = {"overall": 5, "efficiency": 5, "quality": 5, "attitude": 5}
    assert client.post(f"/en/feedback/{token}/", data).status_code == 200
    used = client.get(f"/en/feedback/{token}/")
    assert used.status_code == 410
    assert b"rated already" in used.content
    invalid = client.get("/en/feedback/garbage/").content.decode()
    assert "This link is not valid" in invalid
    assert "链接" not in invalid


@pytest.mark.parametrize("field", ["complainant_name", "enterprise_name"])
def test_complaint_refuses_bidi_controls_in_names(client, field):
    data = {
        "subject": "Slow permit",
        "description": "A month",
        "complainant_email": "a@b.org",
        "started": _started(),
        field: "Acme\u202egnp.exe",
    }
    resp = client.post("/en/complaint/", data)
    assert resp.status_code == 200
    assert resp.context["form"].errors[field]
    assert b"text-direction" in resp.content
    assert not Case.objects.exists()
