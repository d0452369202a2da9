"""`/api/v1/appraisals/`: run, read (scoped), submit, publish."""

from decimal import Decimal as D

import pytest

from appraisal.models import Appraisal, AppraisalStatus

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _keys(body):
    r = body["rankings"]
    return {e["subject_key"] for kind in ("regions", "units", "persons") for e in r[kind]}


def test_admin_runs_an_appraisal_and_reads_the_rankings(
    api_as, admin_user, city, scheme, region_a, django_capture_on_commit_callbacks
):
    client = api_as(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/api/v1/appraisals/", {"year": YEAR}, format="json")
    assert resp.status_code == 202, resp.json()
    pk = resp.json()["id"]
    body = client.get(f"/api/v1/appraisals/{pk}/").json()
    assert body["status"] == "draft"
    assert body["run_status"] == "succeeded"
    regions = body["rankings"]["regions"]
    assert [e["rank"] for e in regions[:2]] == [1, 2]  # the investors' regions tie below
    top = regions[0]
    assert top["subject"] == region_a.name_zh_hans
    assert top["score"] == "81.75"
    assert {"code", "weight", "value", "score"} <= set(top["indicators"][0])
    parts = {i["code"]: i for i in top["indicators"]}
    # Region A attracted 50 at no recorded promotion cost: the top of input-output.
    assert (parts["input_output"]["rule"], parts["input_output"]["score"]) == ("best", "10.00")
    assert "无招商投入记录" in parts["input_output"]["explanation"]  # in the API's language
    # Region B has no utilized-capital target: missing data, its weight 0, spread.
    b = {i["code"]: i for i in regions[1]["indicators"]}
    assert (b["utilized_fdi"]["weight"], b["utilized_fdi"]["scheme_weight"]) == ("0.00", "25.00")
    assert (b["utilized_fdi"]["rule"], b["utilized_fdi"]["missing"]) == (
        "missing_redistributed",
        "no_target",
    )
    assert b["negotiated"]["weight"] == "27.27"
    assert b["negotiated"]["contribution"] == "6.8181818182"
    assert "按权重比例分摊" in b["utilized_fdi"]["explanation"]
    for kind in ("regions", "units", "persons"):
        for entry in body["rankings"][kind]:
            assert sum(D(i["score"]) for i in entry["indicators"]) == D(entry["score"])
    assert body["rankings"]["units"]
    assert body["rankings"]["persons"]


def test_run_input_is_checked(api_as, admin_user, scheme):
    client = api_as(admin_user)
    assert set(client.post("/api/v1/appraisals/", {}, format="json").json()) == {"year"}
    resp = client.post("/api/v1/appraisals/", {"year": "abcd"}, format="json")
    assert resp.status_code == 400
    assert "year" in resp.json()
    resp = client.post("/api/v1/appraisals/", {"year": 2030}, format="json")
    assert resp.status_code == 400
    assert "year" in resp.json()
    resp = client.post("/api/v1/appraisals/", {"year": YEAR, "extra": 1}, format="json")
    assert resp.status_code == 400
    assert "extra" in resp.json()
    assert not Appraisal.objects.exists()


def test_only_admins_run(api_as, bureau_user, district_user, scheme):
    for user in (bureau_user, district_user):
        resp = api_as(user).post("/api/v1/appraisals/", {"year": YEAR}, format="json")
        assert resp.status_code == 403
    assert not Appraisal.objects.exists()


def test_scope_before_and_after_publishing(
    api_as, computed, admin_user, district_user, liaison_user, bureau_user, region_a, unit_a
):
    url = f"/api/v1/appraisals/{computed.pk}/"
    all_keys = _keys(api_as(bureau_user).get(url).json())
    district = _keys(api_as(district_user).get(url).json())
    assert district == {f"region:{region_a.pk}"}
    liaison = _keys(api_as(liaison_user).get(url).json())
    assert liaison == {f"unit:{unit_a.pk}", f"user:{liaison_user.pk}"}
    admin = api_as(admin_user)
    assert admin.post(f"{url}publish/", {}, format="json").status_code == 400  # not reviewed
    assert admin.post(f"{url}submit/", {}, format="json").status_code == 200
    resp = admin.post(f"{url}publish/", {}, format="json")
    assert resp.status_code == 200
    assert resp.json()["status"] == "notice"
    assert _keys(api_as(district_user).get(url).json()) == all_keys
    assert _keys(api_as(liaison_user).get(url).json()) == all_keys


def test_only_admins_publish(api_as, computed, admin_user, bureau_user):
    api_as(admin_user).post(f"/api/v1/appraisals/{computed.pk}/submit/", {}, format="json")
    resp = api_as(bureau_user).post(f"/api/v1/appraisals/{computed.pk}/publish/", {}, format="json")
    assert resp.status_code == 403
    computed.refresh_from_db()
    assert computed.status == AppraisalStatus.REVIEW


# --- issue 20: objections, answers, finalising, rewards --------------------------------------


def _under_notice(computed, admin_user):
    import time_machine

    from appraisal import services

    services.appraisal_submit(user=admin_user, appraisal=computed)
    with time_machine.travel("2026-12-04 10:00 +0800", tick=False):
        return services.appraisal_publish(user=admin_user, appraisal=computed)


def test_objections_through_the_api(
    api_as,
    computed,
    admin_user,
    bureau_user,
    district_user,
    district_user_b,
    liaison_user,
    region_a,
    region_b,
    django_capture_on_commit_callbacks,
):
    import time_machine

    a = _under_notice(computed, admin_user)
    url = f"/api/v1/appraisals/{a.pk}/objections/"
    body = {"subject": f"region:{region_a.pk}", "indicator": "negotiated", "text": "少计一个项目"}
    with time_machine.travel("2026-12-11 15:00 +0800", tick=False):
        # Staff of another subject, and roles that do not object: 403.
        assert api_as(district_user_b).post(url, body, format="json").status_code == 403
        assert api_as(liaison_user).post(url, body, format="json").status_code == 403
        assert api_as(admin_user).post(url, body, format="json").status_code == 403
        bad = api_as(district_user).post(url, {**body, "subject": "region:0"}, format="json")
        assert bad.status_code == 400
        assert "subject" in bad.json()
        bad = api_as(district_user).post(url, {**body, "indicator": "x"}, format="json")
        assert "indicator" in bad.json()
        resp = api_as(district_user).post(url, body, format="json")
        assert resp.status_code == 201, resp.json()
        mine = resp.json()
        assert mine["subject"] == f"region:{region_a.pk}"
        assert mine["decision"] is None  # not answered yet (blank choices are null)
        api_as(district_user_b).post(
            url, {"subject": f"region:{region_b.pk}", "text": "x"}, format="json"
        )
        # Admin and bureau read all; district staff their own.
        assert len(api_as(admin_user).get(url).json()) == 2
        assert len(api_as(bureau_user).get(url).json()) == 2
        assert [o["id"] for o in api_as(district_user).get(url).json()] == [mine["id"]]
        assert api_as(liaison_user).get(url).json() == []
        fin = api_as(admin_user).post(f"/api/v1/appraisals/{a.pk}/finalise/", {}, format="json")
        assert fin.status_code == 400  # still under notice
    answer = f"{url}{mine['id']}/answer/"
    assert api_as(district_user).post(answer, {}, format="json").status_code == 403
    resp = api_as(admin_user).post(answer, {"decision": "maybe", "reason": "x"}, format="json")
    assert "decision" in resp.json()
    resp = api_as(admin_user).post(
        answer, {"decision": "rejected", "reason": "项目未达洽谈标准"}, format="json"
    )
    assert resp.status_code == 200
    assert resp.json()["decision"] == "rejected"
    seen = api_as(district_user).get(url).json()[0]
    assert seen["reason"] == "项目未达洽谈标准"
    unknown = api_as(admin_user).post(
        f"{url}999999/answer/", {"decision": "rejected", "reason": "x"}, format="json"
    )
    assert unknown.status_code == 404
    with time_machine.travel("2026-12-14 09:00 +0800", tick=False):
        fin = api_as(admin_user).post(f"/api/v1/appraisals/{a.pk}/finalise/", {}, format="json")
        assert fin.status_code == 400  # district B's objection is open
        other = api_as(admin_user).get(url).json()[1]
        api_as(admin_user).post(
            f"{url}{other['id']}/answer/", {"decision": "rejected", "reason": "x"}, format="json"
        )
        fin = api_as(admin_user).post(f"/api/v1/appraisals/{a.pk}/finalise/", {}, format="json")
    assert fin.status_code == 200
    assert fin.json()["status"] == "final"


def test_rewards_through_the_api(api_as, computed, admin_user, district_user):
    resp = api_as(admin_user).get(f"/api/v1/appraisals/{computed.pk}/rewards/")
    assert resp.status_code == 200
    assert resp.json() == []  # no project of the city has an industry section
    body = api_as(district_user).get(f"/api/v1/appraisals/{computed.pk}/").json()
    assert body["notice_ends_on"] is None


def test_an_objection_carries_its_evidence_as_multipart(
    api_as, admin_user, computed, district_user, region_a
):
    """A body is JSON, or multipart where a file goes: the objection with its evidence."""
    import time_machine
    from django.core.files.uploadedfile import SimpleUploadedFile

    a = _under_notice(computed, admin_user)
    url = f"/api/v1/appraisals/{a.pk}/objections/"
    pdf = SimpleUploadedFile("bank.pdf", b"%PDF-1.4 x", "application/pdf")
    body = {"subject": f"region:{region_a.pk}", "text": "到资凭证附后", "evidence": pdf}
    with time_machine.travel("2026-12-11 15:00 +0800", tick=False):
        resp = api_as(district_user).post(url, body, format="multipart")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["has_evidence"] is True
    assert a.objections.get().evidence.name
