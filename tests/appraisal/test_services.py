"""Running, reviewing, publishing and revising an appraisal, from the records."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from appraisal import services
from appraisal.models import (
    Appraisal,
    AppraisalStatus,
    IndicatorScore,
    ListEntry,
    RunStatus,
    Scheme,
    Score,
)
from config.errors import DomainError

from .conftest import YEAR, arrive

pytestmark = pytest.mark.django_db


def _parts(appraisal, key):
    score = appraisal.scores.get(subject_key=key)
    return score, {p.code: p for p in score.indicators.all()}


def test_run_scores_regions_by_hand(computed, region_a, region_b):
    assert computed.run_status == RunStatus.SUCCEEDED
    assert computed.progress == 100
    a, parts = _parts(computed, f"region:{region_a.pk}")
    # negotiated 3 of 4 → 75 × 15% = 11.25; approved 2 of 2 → 100 × 20% = 20;
    # started 1 of 1 → tier 100 × 20% = 20; utilized 50 of 100 → 50 × 25% = 12.50;
    # contracted 100 of 100 → 100 × 10% = 10; input-output: no spending → floor 60 × 10% = 6;
    # one overdue unstarted project → −2; no false finding, every monthly report on time.
    expected = {
        "negotiated": ("3", "11.25"),
        "approved": ("2", "20.00"),
        "started": ("1", "20.00"),
        "utilized_fdi": ("50", "12.50"),
        "contracted_fdi": ("100", "10.00"),
        "input_output": (None, "6.00"),
        "overdue_unstarted": ("1", "-2.00"),
        "falsified": ("0", "0.00"),
        "missing_reports": ("0", "0.00"),
    }
    got = {
        code: (None if p.value is None else f"{p.value.normalize():f}", str(p.score))
        for code, p in parts.items()
    }
    assert got == expected
    assert a.total == D("77.75")
    assert a.rank == 1
    assert parts["negotiated"].target == 4
    assert parts["negotiated"].explanation["record_count"] == 3
    b, bparts = _parts(computed, f"region:{region_b.pk}")
    # B: 1 of the default 4 → 25 × 15% = 3.75; 0 of 2; 0 of 1 (tier 0); no utilized target
    # → nothing; no contracted target → nothing; no spending → 6; no monthly report
    # filed: the 11 or 12 that fell due so far (December of the year before on) → capped −10.
    assert bparts["negotiated"].target == 4
    assert bparts["utilized_fdi"].method_score is None
    assert bparts["missing_reports"].score == D("-10.00")
    assert bparts["missing_reports"].value >= 11
    assert bparts["contracted_fdi"].method_score is None
    assert b.total == D("3.75") + D("6.00") - D("10.00")
    assert b.rank == 2


def test_explanation_lists_the_records_and_parts_sum_to_the_total(computed, city):
    for score in Score.objects.filter(appraisal=computed):
        parts = list(score.indicators.all())
        assert parts, score.subject_key
        assert sum(p.score for p in parts) == score.total
    a1 = city["a1"]
    neg = IndicatorScore.objects.get(
        entry__appraisal=computed, entry__subject_key=f"region:{a1.region_id}", code="negotiated"
    )
    ids = {r["id"] for r in neg.explanation["records"]}
    assert ids == {city["a1"].pk, city["a2"].pk, city["a3"].pk}
    overdue = IndicatorScore.objects.get(
        entry__appraisal=computed,
        entry__subject_key=f"region:{a1.region_id}",
        code="overdue_unstarted",
    )
    assert [r["id"] for r in overdue.explanation["records"]] == [city["overdue"].pk]


def test_units_scored_from_reviews_cases_and_votes(computed, unit_a, unit_b):
    a, parts = _parts(computed, f"unit:{unit_a.pk}")
    assert parts["average_rating"].value == D("4.5")
    assert parts["bad_review_rate"].value == D("0")
    assert parts["on_time"].value == D("100")
    assert parts["callback"].value == D("100")
    assert parts["visits"].value == 2
    assert parts["unit_votes"].value == 3
    # Unit A is best on every efficacy indicator and meets both rates: 100 points.
    assert a.total == D("100.00")
    b, bparts = _parts(computed, f"unit:{unit_b.pk}")
    assert bparts["average_rating"].value == D("2.5")
    assert bparts["bad_review_rate"].value == D("50")
    assert bparts["on_time"].value == D("0")
    assert {r["id"] for r in bparts["on_time"].explanation["records"]} == set(
        unit_b.cases.values_list("pk", flat=True)
    )
    # average 60 × 30% + bad rate 60 × 15% + on time 0 + callback 0 (answered, not called
    # back) + visits equal → 100 × 10% + votes 60 × 15%
    assert b.total == D("18") + D("9") + D("0") + D("0") + D("10") + D("9")
    assert (a.rank, b.rank) == (1, 2)


def test_introducers_ranked_by_foreign_capital(computed, bureau_user, liaison_user):
    intro, parts = _parts(computed, f"user:{bureau_user.pk}")
    assert parts["introduced_fdi"].value == 50
    assert parts["introduced_contracted"].value == 80
    assert parts["introduced_projects"].score == D("1.00")  # bonus: 1 project × 1
    assert intro.rank == 1
    _liaison, lparts = _parts(computed, f"user:{liaison_user.pk}")
    assert lparts["person_votes"].value == 2
    assert lparts["person_rating"].value == D("4.5")


def test_ties_share_a_rank(admin_user, scheme, region_a, region_b):
    a = services.appraisal_execute(
        appraisal_id=services.appraisal_create(user=admin_user, year=YEAR).pk
    )
    ranks = set(a.scores.filter(subject_kind="region").values_list("rank", flat=True))
    assert ranks == {1}


def test_published_appraisal_is_frozen_against_later_records(published, city, bureau_user):
    before = {(s.subject_key, s.total, s.rank) for s in published.scores.all()}
    parts_before = list(
        IndicatorScore.objects.filter(entry__appraisal=published).values_list("pk", "score")
    )
    arrive(city["b1"], dt.date(YEAR, 7, 1), D(500), bureau_user)
    # Running the job again on it changes nothing.
    services.appraisal_execute(appraisal_id=published.pk)
    published.refresh_from_db()
    assert published.status == AppraisalStatus.NOTICE
    assert {(s.subject_key, s.total, s.rank) for s in published.scores.all()} == before
    assert (
        list(IndicatorScore.objects.filter(entry__appraisal=published).values_list("pk", "score"))
        == parts_before
    )


def test_publishing_fills_the_lists_with_reasons(published, unit_a, unit_b, liaison_user):
    commended = {e.subject_key: e for e in published.entries.filter(kind="advanced")}
    warned = {e.subject_key: e for e in published.entries.filter(kind="warning")}
    assert f"unit:{unit_a.pk}" in commended
    assert "votes" in commended[f"unit:{unit_a.pk}"].reason_en
    assert "投票" in commended[f"unit:{unit_a.pk}"].reason_zh_hans
    assert f"user:{liaison_user.pk}" in commended
    assert set(warned) == {f"unit:{unit_b.pk}"}
    reason = warned[f"unit:{unit_b.pk}"].reason_en
    assert "2.5" in reason
    assert "3.50" in reason
    assert "rectified on time" in reason


def test_drafts_have_no_lists(computed):
    assert ListEntry.objects.count() == 0


def test_workflow_draft_review_published(computed, admin_user):
    with pytest.raises(DomainError):
        services.appraisal_publish(user=admin_user, appraisal=computed)
    services.appraisal_submit(user=admin_user, appraisal=computed)
    with pytest.raises(DomainError):
        services.appraisal_submit(user=admin_user, appraisal=computed)
    published = services.appraisal_publish(user=admin_user, appraisal=computed)
    assert published.status == AppraisalStatus.NOTICE
    assert published.published_by == admin_user


def test_revision_needs_a_reason_and_keeps_both(published, admin_user, city, bureau_user):
    with pytest.raises(DomainError) as exc:
        services.appraisal_create(user=admin_user, year=YEAR)
    assert exc.value.field == "revision_reason"
    with pytest.raises(DomainError):
        services.appraisal_revise(user=admin_user, appraisal=published, reason="  ")
    arrive(city["a1"], dt.date(YEAR, 8, 1), D(50), bureau_user)
    revision = services.appraisal_revise(
        user=admin_user, appraisal=published, reason="到位外资补录"
    )
    revision = services.appraisal_execute(appraisal_id=revision.pk)
    assert (revision.version, revision.supersedes, revision.revision_reason) == (
        2,
        published,
        "到位外资补录",
    )
    services.appraisal_submit(user=admin_user, appraisal=revision)
    services.appraisal_publish(user=admin_user, appraisal=revision)
    published.refresh_from_db()
    assert published.status == AppraisalStatus.SUPERSEDED
    assert Appraisal.objects.filter(year=YEAR).count() == 2
    key = f"region:{city['a1'].region_id}"
    old = published.scores.get(subject_key=key).indicators.get(code="utilized_fdi")
    new = revision.scores.get(subject_key=key).indicators.get(code="utilized_fdi")
    assert (old.value, new.value) == (50, 100)


def test_only_admins_run_and_publish(computed, bureau_user):
    with pytest.raises(PermissionDenied):
        services.appraisal_create(user=bureau_user, year=YEAR)
    with pytest.raises(PermissionDenied):
        services.appraisal_submit(user=bureau_user, appraisal=computed)


def test_year_without_scheme_or_in_the_future_is_refused(admin_user):
    with pytest.raises(DomainError) as exc:
        services.appraisal_create(user=admin_user, year=YEAR)
    assert exc.value.field == "year"
    with pytest.raises(DomainError) as exc:
        services.scheme_create(user=admin_user, year=dt.date.today().year + 1)
    assert exc.value.field == "year"


def test_new_scheme_copies_last_years(scheme, admin_user):
    scheme.satisfaction_threshold = D("4.00")
    scheme.save()
    ind = scheme.indicators.get(code="negotiated")
    ind.params = {"cap": "1.5"}
    ind.save()
    Scheme.objects.filter(pk=scheme.pk).update(year=YEAR - 1)
    copy = services.scheme_create(user=admin_user, year=YEAR)
    assert copy.satisfaction_threshold == D("4.00")
    assert copy.indicators.count() == scheme.indicators.count()
    assert copy.indicators.get(code="negotiated").params == {"cap": "1.5"}


def test_scheme_checks_weights_sources_and_params(scheme, admin_user):
    indicators = sorted(scheme.indicators.all(), key=lambda i: i.code != "negotiated")
    indicators[0].weight += 1
    with pytest.raises(DomainError) as exc:
        services.scheme_save(user=admin_user, scheme=scheme, indicators=indicators)
    assert exc.value.field == "weight"
    indicators[0].weight -= 1
    indicators[0].source = "unit_votes"
    with pytest.raises(DomainError) as exc:
        services.scheme_save(user=admin_user, scheme=scheme, indicators=indicators)
    assert exc.value.field == "source"
    indicators[0].source = "region_negotiated"
    indicators[0].params = {"cap": "lots"}
    with pytest.raises(DomainError) as exc:
        services.scheme_save(user=admin_user, scheme=scheme, indicators=indicators)
    assert exc.value.field == "params"


def test_a_running_appraisal_is_run_again_only_once_stuck(computed, admin_user, settings):
    from django.utils import timezone

    Appraisal.objects.filter(pk=computed.pk).update(
        run_status=RunStatus.RUNNING, started_at=timezone.now()
    )
    with pytest.raises(DomainError):
        services.appraisal_create(user=admin_user, year=YEAR)
    Appraisal.objects.filter(pk=computed.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=settings.STATS_RUN_TIMEOUT_MINUTES + 1)
    )
    again = services.appraisal_create(user=admin_user, year=YEAR)
    assert again.pk == computed.pk
    assert again.run_status == RunStatus.QUEUED


def _run(admin_user):
    return services.appraisal_execute(
        appraisal_id=services.appraisal_create(user=admin_user, year=YEAR).pk
    )


def test_false_findings_deduct_until_withdrawn(city, scheme, admin_user, bureau_user, region_a):
    from projects import services as projects

    false = projects.check_record(
        user=bureau_user,
        project=city["a2"],
        checked_on=dt.date(YEAR, 10, 1),
        result="falsified",
        finding="审批文件系伪造",
    )
    projects.check_record(
        user=bureau_user,
        project=city["a3"],
        checked_on=dt.date(YEAR, 10, 2),
        result="confirmed",
        finding="属实",
    )
    projects.check_record(  # last year's finding counts in last year's appraisal
        user=bureau_user,
        project=city["overdue"],
        checked_on=dt.date(YEAR - 1, 12, 1),
        result="falsified",
        finding="虚报开工",
    )
    appraisal = _run(admin_user)
    score, parts = _parts(appraisal, f"region:{region_a.pk}")
    # 5 points per false finding (capped at 20).
    assert (parts["falsified"].value, parts["falsified"].score) == (1, D("-5.00"))
    assert [(r["id"], r["note"]) for r in parts["falsified"].explanation["records"]] == [
        (city["a2"].pk, "审批文件系伪造")
    ]
    assert score.total == D("77.75") - 5
    services.appraisal_submit(user=admin_user, appraisal=appraisal)
    appraisal = services.appraisal_publish(user=admin_user, appraisal=appraisal)
    # Overturned on appeal: the published appraisal keeps what it found; a revision does not.
    projects.check_withdraw(user=bureau_user, check=false, reason="复核：文件真实")
    services.appraisal_execute(appraisal_id=appraisal.pk)
    appraisal.refresh_from_db()
    assert appraisal.scores.get(subject_key=f"region:{region_a.pk}").total == D("72.75")
    revision = services.appraisal_execute(
        appraisal_id=services.appraisal_revise(
            user=admin_user, appraisal=appraisal, reason="核查结论撤回"
        ).pk
    )
    score, parts = _parts(revision, f"region:{region_a.pk}")
    assert (parts["falsified"].value, parts["falsified"].score) == (0, D("0.00"))
    assert score.total == D("77.75")


def test_missing_and_late_monthly_reports_deduct(city, scheme, admin_user, region_a):
    from stats.models import MonthlyReport

    MonthlyReport.objects.filter(region=region_a, year=YEAR, month=3).delete()
    late = MonthlyReport.objects.get(region=region_a, year=YEAR, month=4)
    late.filed_on = dt.date(YEAR, 5, 11)  # due on the 10th
    late.save()
    score, parts = _parts(_run(admin_user), f"region:{region_a.pk}")
    assert (parts["missing_reports"].value, parts["missing_reports"].score) == (2, D("-2.00"))
    records = parts["missing_reports"].explanation["records"]
    assert [(r["label"], r["state"], r["filed_on"]) for r in records] == [
        (f"{YEAR}-03", "missing", None),
        (f"{YEAR}-04", "late", f"{YEAR}-05-11"),
    ]
    assert score.total == D("77.75") - 2
