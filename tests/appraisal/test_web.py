"""The appraisal's staff pages, exports and the public lists: who sees what, before and
after publishing; the admin's run → review → publish; the scheme editor."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from appraisal import services
from appraisal.models import Appraisal, AppraisalStatus

from .conftest import YEAR

pytestmark = pytest.mark.django_db

ROLES = ("admin", "bureau", "district", "liaison", "office110")


@pytest.fixture
def users(admin_user, bureau_user, district_user, liaison_user, office110_user):
    return {
        "admin": admin_user,
        "bureau": bureau_user,
        "district": district_user,
        "liaison": liaison_user,
        "office110": office110_user,
    }


def _get(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


def _score_urls(appraisal, region_a, region_b):
    own = appraisal.scores.get(subject_key=f"region:{region_a.pk}")
    other = appraisal.scores.get(subject_key=f"region:{region_b.pk}")
    return (
        reverse("appraisal:score", args=[appraisal.pk, own.pk]),
        reverse("appraisal:score", args=[appraisal.pk, other.pk]),
    )


def test_only_admins_write(client, users, computed, scheme):
    """Who reads which page is in tests/security/test_access_matrix.py; writes are here."""
    pk = computed.pk
    # Writes: only admins.
    for role in ("bureau", "district", "liaison", "office110"):
        client.force_login(users[role])
        for name in ("appraisal:submit", "appraisal:publish", "appraisal:rerun"):
            assert client.post(reverse(name, args=[pk])).status_code == 403
        assert client.post(reverse("appraisal:run"), {"year": YEAR}).status_code == 403
        assert client.post(reverse("appraisal:scheme_create"), {"year": YEAR}).status_code == 403
        assert client.post(reverse("appraisal:scheme", args=[scheme.year])).status_code == 403
        url = reverse("appraisal:revise", args=[pk])
        assert client.post(url, {"revision_reason": "x"}).status_code == 403
    computed.refresh_from_db()
    assert computed.status == AppraisalStatus.DRAFT
    # Anonymous: sign in first.
    client.logout()
    assert client.get(reverse("appraisal:detail", args=[pk])).status_code == 302


def test_after_publishing_everyone_reads_the_ranking_but_records_stay_in_scope(
    client, users, published, region_a, region_b
):
    """Published: every role reads every entry's score; the records behind another region's
    score (its project names) stay with that region, as the records themselves do."""
    inside, outside = _score_urls(published, region_a, region_b)
    seen = {
        role: (_get(client, user, inside), _get(client, user, outside))
        for role, user in users.items()
    }
    assert seen == {
        "admin": (200, 200),
        "bureau": (200, 200),
        "district": (200, 404),
        "liaison": (404, 404),
        "office110": (200, 200),
    }
    client.force_login(users["district"])
    page = client.get(reverse("appraisal:detail", args=[published.pk])).content.decode()
    assert f'data-subject="region:{region_b.pk}"' in page  # the ranking is whole
    assert inside in page
    assert outside not in page  # no link to records the user may not read


def test_district_sees_its_own_entries_until_published(
    client, district_user, computed, region_a, region_b, admin_user
):
    client.force_login(district_user)
    page = client.get(reverse("appraisal:detail", args=[computed.pk])).content.decode()
    assert f'data-subject="region:{region_a.pk}"' in page
    assert f'data-subject="region:{region_b.pk}"' not in page
    assert 'data-subject="unit:' not in page
    body = client.get(reverse("appraisal:export_xlsx", args=[computed.pk]) + "?lang=en").content
    cells = {c.value for ws in load_workbook(BytesIO(body)) for row in ws.rows for c in row}
    assert region_a.name_en in cells
    assert region_b.name_en not in cells
    services.appraisal_submit(user=admin_user, appraisal=computed)
    services.appraisal_publish(user=admin_user, appraisal=computed)
    page = client.get(reverse("appraisal:detail", args=[computed.pk])).content.decode()
    assert f'data-subject="region:{region_b.pk}"' in page


def test_explanation_page_lists_the_records_and_the_total(client, admin_user, computed, city):
    own = computed.scores.get(subject_key=f"region:{city['a1'].region_id}")
    client.force_login(admin_user)
    page = client.get(reverse("appraisal:score", args=[computed.pk, own.pk])).content.decode()
    for key in ("a1", "a2", "a3", "overdue"):
        assert reverse("projects:detail", args=[city[key].pk]) in page
    assert str(own.total) in page


def test_admin_runs_reviews_and_publishes_through_the_pages(
    client, admin_user, city, scheme, unit_b, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(reverse("appraisal:run"), {"year": YEAR})
    appraisal = Appraisal.objects.get(year=YEAR)
    assert resp.url == reverse("appraisal:detail", args=[appraisal.pk])
    client.post(reverse("appraisal:submit", args=[appraisal.pk]))
    client.post(reverse("appraisal:publish", args=[appraisal.pk]))
    appraisal.refresh_from_db()
    assert appraisal.status == AppraisalStatus.NOTICE
    en = client.get("/en/lists/").content.decode()
    zh = client.get("/zh-hans/lists/").content.decode()
    assert unit_b.name_en in en
    assert "below 3.50" in en
    assert unit_b.name_zh_hans in zh
    assert "低于3.50" in zh
    # A revision without a reason is refused; with one it is a new version.
    client.post(reverse("appraisal:revise", args=[appraisal.pk]), {"revision_reason": ""})
    assert Appraisal.objects.filter(year=YEAR).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("appraisal:revise", args=[appraisal.pk]), {"revision_reason": "补录"}
        )
    revision = Appraisal.objects.get(year=YEAR, version=2)
    assert resp.url == reverse("appraisal:detail", args=[revision.pk])
    assert revision.revision_reason == "补录"


def test_public_lists_empty_until_published(client, computed):
    page = client.get("/en/lists/").content.decode()
    assert 'data-testid="lists-empty"' in page


def test_exports_in_both_languages(client, admin_user, published, region_a):
    client.force_login(admin_user)
    url = reverse("appraisal:export_xlsx", args=[published.pk])
    for lang, label, sheet in (("en", region_a.name_en, "Regions"), ("zh-hans", "甲区", "地区")):
        wb = load_workbook(BytesIO(client.get(f"{url}?lang={lang}").content))
        assert sheet in wb.sheetnames
        assert label in {c.value for row in wb[sheet].rows for c in row}
    # Readable in a spreadsheet: rank and name frozen, the name column wide, every score
    # (the total and each indicator's, every second column from E) to two decimals.
    ws = wb["地区"]
    assert ws.freeze_panes == "C3"
    assert ws.column_dimensions["B"].width >= 30
    first = list(ws[3])
    score_columns = [2, *range(4, len(first), 2)]
    assert {first[i].number_format for i in score_columns} == {"#,##0.00"}
    assert ws.page_setup.orientation == "landscape"
    pdf = client.get(reverse("appraisal:export_pdf", args=[published.pk]) + "?lang=zh-hans")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def _scheme_post(scheme, **changes):
    rows = list(scheme.indicators.order_by("subject_kind", "sort_order", "id"))
    data = {
        "satisfaction_threshold": "3.80",
        "on_time_threshold": "75",
        "commend_top": "3",
        "min_field": "4",
        "notice_working_days": "5",
        "person_warning_min_ratings": "3",
        "person_warning_threshold": "3.5",
        "reward_sections": "B,C,D",
        "reward_basis": "arrived",
        "reward_rate": "0.01",
        "reward_tiers": "[]",
        "reward_minimum_usd_10k": "100",
        "reward_cap_cny_10k": "50",
        "notes": "",
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "60",
    }
    import json

    for i, ind in enumerate(rows):
        row = {
            "id": ind.pk,
            "code": ind.code,
            "subject_kind": ind.subject_kind,
            "name_zh_hans": ind.name_zh_hans,
            "name_en": ind.name_en,
            "weight": str(ind.weight),
            "source": ind.source,
            "method": ind.method,
            "params": json.dumps(ind.params),
        }
        row.update(changes.get(ind.code, {}))
        data.update({f"form-{i}-{k}": v for k, v in row.items()})
    return data


def test_scheme_editor_checks_and_saves(client, admin_user, scheme):
    client.force_login(admin_user)
    url = reverse("appraisal:scheme", args=[scheme.year])
    resp = client.post(url, _scheme_post(scheme, negotiated={"params": '{"cap": "lots"}'}))
    assert resp.status_code == 200
    assert "cap" in resp.content.decode()
    scheme.refresh_from_db()
    assert str(scheme.satisfaction_threshold) == "3.50"
    resp = client.post(url, _scheme_post(scheme, negotiated={"weight": "16"}))
    assert resp.status_code == 200  # weights of regions now add up to 101
    resp = client.post(url, _scheme_post(scheme, negotiated={"params": '{"cap": "1.5"}'}))
    assert resp.status_code == 302
    scheme.refresh_from_db()
    assert str(scheme.satisfaction_threshold) == "3.80"
    assert scheme.min_field == 4
    assert scheme.indicators.get(code="negotiated").params == {
        "cap": "1.5",
        "missing": "redistribute",
    }
    assert scheme.indicators.count() == 20


def test_scheme_page_names_the_efficacy_indicators_without_a_standard(client, admin_user, scheme):
    client.force_login(admin_user)
    url = reverse("appraisal:scheme", args=[scheme.year])
    assert 'data-testid="no-standard"' not in client.get(url).content.decode()
    votes = scheme.indicators.get(code="unit_votes")
    votes.params = {"lower_is_better": False}
    votes.save()
    html = client.get(url.replace("/zh-hans/", "/en/")).content.decode()
    note = html.split('data-testid="no-standard"')[1].split("</p>")[0]
    assert "fewer than 3 subjects with data" in note
    assert "<code>unit_votes</code>" in note
    assert "<code>visits</code>" not in note


def test_missing_targets_and_data_are_flagged_above_the_ranking(
    client, admin_user, scheme, region_a, region_b
):
    """A region without a contracted-capital target has that indicator as missing data: the
    appraisal page names it above the ranking (and what it got instead), marks its cell
    "n/a", and its explanation says where the weight went."""
    from appraisal import services
    from projects.models import RegionTarget

    RegionTarget.objects.create(region=region_a, year=2026, utilized_fdi_usd_10k=100)
    appraisal = services.appraisal_execute(
        appraisal_id=services.appraisal_create(user=admin_user, year=2026).pk
    )
    client.force_login(admin_user)
    html = client.get(f"/en/staff/appraisal/{appraisal.pk}/").content.decode()
    notes = html.split('data-testid="ranking-notes"')[1].split("</div>")[0].split("<li>")
    contracted = next(n for n in notes if n.startswith("No target for Contracted"))
    assert "District A" in contracted
    assert "District B" in contracted  # no targets row at all
    utilized = next(n for n in notes if n.startswith("No target for Utilized"))
    assert "District B" in utilized
    assert "District A" not in utilized  # A has a utilized target of 100
    assert "spread over each one" in utilized
    assert 'data-testid="no-data"' in html
    score = appraisal.scores.get(subject_key=f"region:{region_a.pk}")
    page = client.get(f"/en/staff/appraisal/{appraisal.pk}/scores/{score.pk}/").content.decode()
    assert "No target is set for this indicator: its weight 10 is spread over" in page
    assert "Weight 15 raised to" in page
    zh = client.get(f"/zh-hans/staff/appraisal/{appraisal.pk}/scores/{score.pk}/").content.decode()
    assert "未设目标" in zh or "没有目标" in zh


def test_pdf_takes_any_name_and_draws_the_middle_dot(client, admin_user, published):
    """A name with markup characters is text, not reportlab markup (no 500), and the middle
    dot is drawn in the Latin face, which has it (the CID font had none)."""
    import re

    from config.pdf import markup

    text = re.sub(r"</?font[^>]*>", "", markup("招商局 · 王敏 <b>&"))
    assert text == "招商局 · 王敏 &lt;b&gt;&amp;"
    score = published.scores.order_by("pk").first()
    score.label_zh_hans = "A<b>&<para>"
    score.label_en = "A<b>&<para>"
    score.save()
    client.force_login(admin_user)
    for lang in ("zh-hans", "en"):
        url = reverse("appraisal:export_pdf", args=[published.pk]) + f"?lang={lang}"
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")


# --- issue 20: notice banner, objection form, answer page, rewards on the page ---------------


def test_notice_objection_and_answer_through_the_pages(
    client, admin_user, district_user, computed, region_a, settings, tmp_path
):
    import time_machine

    settings.MEDIA_ROOT = tmp_path
    services.appraisal_submit(user=admin_user, appraisal=computed)
    with time_machine.travel("2026-12-04 10:00 +0800", tick=False):
        services.appraisal_publish(user=admin_user, appraisal=computed)
    with time_machine.travel("2026-12-08 10:00 +0800", tick=False):
        en = client.get("/en/lists/").content.decode()
        assert 'data-testid="notice-banner"' in en
        assert "under public notice until Dec. 11, 2026" in en
        assert "Advanced regions" in en
        assert "Introducers to be rewarded" in en
        zh = client.get("/zh-hans/lists/").content.decode()
        assert "公示至2026年12月11日" in zh
        client.force_login(district_user)
        page = client.get(reverse("appraisal:detail", args=[computed.pk])).content.decode()
        assert 'data-testid="object-link"' in page
        url = reverse("appraisal:objections", args=[computed.pk])
        assert 'data-testid="objection-form"' in client.get(url).content.decode()
        resp = client.post(url, {"subject": f"region:{region_a.pk}", "indicator": "", "text": ""})
        assert resp.status_code == 200  # the text is required: the form says so
        from django.core.files.uploadedfile import SimpleUploadedFile

        resp = client.post(
            url,
            {
                "subject": f"region:{region_a.pk}",
                "indicator": "utilized_fdi",
                "text": "到资漏记",
                "evidence": SimpleUploadedFile("bank.pdf", b"%PDF-1.4 x", "application/pdf"),
            },
        )
        assert resp.status_code == 302
        objection = computed.objections.get()
        assert resp.url == reverse("appraisal:objection", args=[computed.pk, objection.pk])
        evidence = client.get(
            reverse("appraisal:objection_evidence", args=[computed.pk, objection.pk])
        )
        assert evidence.status_code == 200
        assert evidence["Content-Security-Policy"] == "sandbox"
        # Only admins answer: the district's POST to the answer page is refused.
        answer_url = reverse("appraisal:objection", args=[computed.pk, objection.pk])
        assert client.post(answer_url, {"decision": "rejected", "reason": "x"}).status_code == 403
        client.force_login(admin_user)
        page = client.get(answer_url).content.decode()
        assert 'data-testid="answer-form"' in page
        resp = client.post(answer_url, {"decision": "rejected", "reason": "银行凭证日期为次年"})
        assert resp.status_code == 302
        resp = client.post(reverse("appraisal:finalise", args=[computed.pk]))
        computed.refresh_from_db()
        assert computed.status == AppraisalStatus.NOTICE  # refused: still under notice
    client.force_login(district_user)
    page = client.get(answer_url).content.decode()
    assert "银行凭证日期为次年" in page
    with time_machine.travel("2026-12-14 10:00 +0800", tick=False):
        client.force_login(admin_user)
        client.post(reverse("appraisal:finalise", args=[computed.pk]))
    computed.refresh_from_db()
    assert computed.status == AppraisalStatus.FINAL
    client.force_login(admin_user)  # the session above was opened on the travelled day
    en = client.get("/en/lists/").content.decode()
    assert 'data-testid="notice-banner"' not in en
    page = client.get(f"/en/staff/appraisal/{computed.pk}/").content.decode()
    assert 'data-testid="rewards"' in page
    assert 'data-testid="final-note"' in page


def test_xlsx_has_the_rewards_in_both_languages(client, admin_user, city, scheme, bureau_user):
    """The bureau user introduced a1 (manufacturing): 50 arrived in June, plus 100 in July →
    150 × 0.01 = 1.50 (10k CNY) under the default rule."""
    import datetime as dt
    from decimal import Decimal

    from reference.industries import sync_sections
    from reference.models import IndustrySection

    from .conftest import arrive

    sync_sections()
    city["a1"].industry = IndustrySection.objects.get(code="C")
    city["a1"].save()
    arrive(city["a1"], dt.date(YEAR, 7, 1), Decimal(100), bureau_user)
    a = services.appraisal_execute(
        appraisal_id=services.appraisal_create(user=admin_user, year=YEAR).pk
    )
    client.force_login(admin_user)
    for lang, sheet, basis in (
        ("en", "Introducers' rewards", "Foreign capital arrived in the year"),
        ("zh-hans", "引资人奖励", "年内实际使用外资"),
    ):
        resp = client.get(reverse("appraisal:export_xlsx", args=[a.pk]) + f"?lang={lang}")
        ws = load_workbook(BytesIO(resp.content))[sheet]
        rows = list(ws.iter_rows(min_row=3, values_only=True))
        assert rows[0][2] == basis
        assert rows[0][3] == 150
        assert rows[0][4] == 1.5
        assert rows[0][7] == f"{city['a1'].pk} {city['a1'].name}"
    page = client.get(f"/en/staff/appraisal/{a.pk}/").content.decode()
    assert "150.00 × 0.0100 = 1.50" in page


def test_a_regions_score_shows_the_chain_targets_it_answers_for(
    client, admin_user, scheme, region_a, region_b
):
    """目标管理责任制: under a region's scores, the year's chain targets of that region with the
    person responsible and what was achieved; another region's target is not shown."""
    from appraisal import services
    from chains.models import ChainTarget
    from tests.factories import ChainFactory

    chain = ChainFactory()
    ChainTarget.objects.create(
        chain=chain,
        region=region_a,
        year=2026,
        approved=4,
        person_name="张伟",
        person_title="副区长",
    )
    ChainTarget.objects.create(chain=chain, region=region_b, year=2026, person_name="李强")
    appraisal = services.appraisal_execute(
        appraisal_id=services.appraisal_create(user=admin_user, year=2026).pk
    )
    client.force_login(admin_user)
    score = appraisal.scores.get(subject_key=f"region:{region_a.pk}")
    page = client.get(f"/en/staff/appraisal/{appraisal.pk}/scores/{score.pk}/").content.decode()
    assert "Targets with a person responsible" in page
    assert "张伟" in page
    assert "副区长" in page
    assert "李强" not in page
    assert "0 / 4" in page
    zh = client.get(f"/zh-hans/staff/appraisal/{appraisal.pk}/scores/{score.pk}/").content.decode()
    assert "目标管理责任制" in zh
