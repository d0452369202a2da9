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
    # contracted 100 of 100 → 100 × 10% = 10; input-output: 50 arrived at no recorded
    # promotion cost → the top of the field, 100 × 10% = 10; one overdue unstarted project
    # → −2; no false finding, every monthly report on time.
    expected = {
        "negotiated": ("3", "11.25"),
        "approved": ("2", "20.00"),
        "started": ("1", "20.00"),
        "utilized_fdi": ("50", "12.50"),
        "contracted_fdi": ("100", "10.00"),
        "input_output": (None, "10.00"),
        "overdue_unstarted": ("1", "-2.00"),
        "falsified": ("0", "0.00"),
        "missing_reports": ("0", "0.00"),
    }
    got = {
        code: (None if p.value is None else f"{p.value.normalize():f}", str(p.score))
        for code, p in parts.items()
    }
    assert got == expected
    assert a.total == D("81.75")
    assert a.rank == 1
    assert parts["input_output"].rule == "best"
    assert parts["input_output"].explanation["best"] is True
    assert parts["negotiated"].target == 4
    assert parts["negotiated"].explanation["record_count"] == 3
    b, bparts = _parts(computed, f"region:{region_b.pk}")
    # B has no targets row: the counts against the defaults 4 / 2 / 1, no utilized or
    # contracted target (missing data), neither spending nor capital (no input-output data):
    # the 45 points of weight of those three are spread over negotiated, approved and started
    # (55) in proportion: × 100 ÷ 55. 1 of 4 → 25 × 27.2727…% = 6.8181…; 0 of 2; 0 of 1
    # (tier 0); no monthly report filed: the 11 or 12 that fell due so far (December of the
    # year before on) → capped −10. Total 6.8181… − 10 = −3.18, shown as 6.82 and −10.00.
    assert bparts["negotiated"].target == 4
    assert bparts["negotiated"].explanation["detail"] == {"default_target": True}
    for code in ("utilized_fdi", "contracted_fdi", "input_output"):
        assert (bparts[code].method_score, bparts[code].weight) == (None, 0), code
        assert bparts[code].rule == "missing_redistributed"
    assert bparts["utilized_fdi"].explanation["missing"] == "no_target"
    assert bparts["input_output"].explanation["missing"] == "no_data"
    assert bparts["negotiated"].weight == D("27.2727272727")
    assert bparts["approved"].weight == D("36.3636363636")
    assert bparts["negotiated"].contribution == D("6.8181818182")
    assert bparts["negotiated"].score == D("6.82")
    assert bparts["missing_reports"].score == D("-10.00")
    assert bparts["missing_reports"].value >= 11
    assert b.total == D("-3.18")
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
    # Two units only: below the field of 3, the efficacy indicators are scored against their
    # standards. A: rating 4.5 of 4.5 → 100 × 30%; no bad reviews (standard 5 %) → 100 ×
    # 15%; on time 100 × 20%; callback 100 × 10%; 2 visits of the standard 12 (both have 2:
    # all equal) → 16.67 × 10% = 1.67; 3 votes of 5 → 60 × 15% = 9. Total 85.67.
    assert parts["average_rating"].rule == "standard"
    assert parts["visits"].method_score == D("16.6666666667")
    assert a.total == D("85.67")
    b, bparts = _parts(computed, f"unit:{unit_b.pk}")
    assert bparts["average_rating"].value == D("2.5")
    assert bparts["bad_review_rate"].value == D("50")
    assert bparts["on_time"].value == D("0")
    assert {r["id"] for r in bparts["on_time"].explanation["records"]} == set(
        unit_b.cases.values_list("pk", flat=True)
    )
    # rating 2.5 ÷ 4.5 → 55.56 × 30% = 16.67; bad 5 ÷ 50 → 10 × 15% = 1.5; on time 0;
    # callback 0 (answered 12 October, not called back by its due day a week later);
    # visits 16.67 × 10% = 1.67; 1 vote of 5 → 20 × 15% = 3. 22.8333… → 22.83.
    assert bparts["callback"].value == D("0")
    assert b.total == D("22.83")
    assert (a.rank, b.rank) == (1, 2)


def test_introducers_ranked_by_foreign_capital(computed, bureau_user, liaison_user):
    intro, parts = _parts(computed, f"user:{bureau_user.pk}")
    assert parts["introduced_fdi"].value == 50
    assert parts["introduced_contracted"].value == 80
    assert parts["introduced_projects"].score == D("1.00")  # bonus: 1 project × 1
    # Two people: every efficacy indicator falls back to its standard. 50 of 1000 arrived →
    # 5; 80 of 2000 contracted → 4; no votes → 0; no rated visits: the rating's 15 is
    # spread over the other 85. (50 × 5 + 20 × 4) ÷ 85 = 3.88 + the bonus 1 = 4.88.
    assert parts["person_rating"].rule == "missing_redistributed"
    assert parts["introduced_fdi"].weight == D("58.8235294118")
    assert intro.total == D("4.88")
    liaison, lparts = _parts(computed, f"user:{liaison_user.pk}")
    assert lparts["person_votes"].value == 2
    assert lparts["person_rating"].value == D("4.5")
    # Nothing introduced → 0, 0; 2 votes of 3 → 66.67 × 15% = 10; rating 4.5 of 4.5 (a
    # field of one) → 100 × 15% = 15. Total 25: first.
    assert lparts["person_rating"].rule == "standard"
    assert liaison.total == D("25.00")
    assert (liaison.rank, intro.rank) == (1, 2)


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
    assert copy.indicators.get(code="negotiated").params == {
        "cap": "1.5",
        "missing": "redistribute",
    }


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
    assert score.total == D("81.75") - 5
    services.appraisal_submit(user=admin_user, appraisal=appraisal)
    appraisal = services.appraisal_publish(user=admin_user, appraisal=appraisal)
    # Overturned on appeal: the published appraisal keeps what it found; a revision does not.
    projects.check_withdraw(user=bureau_user, check=false, reason="复核：文件真实")
    services.appraisal_execute(appraisal_id=appraisal.pk)
    appraisal.refresh_from_db()
    assert appraisal.scores.get(subject_key=f"region:{region_a.pk}").total == D("76.75")
    revision = services.appraisal_execute(
        appraisal_id=services.appraisal_revise(
            user=admin_user, appraisal=appraisal, reason="核查结论撤回"
        ).pk
    )
    score, parts = _parts(revision, f"region:{region_a.pk}")
    assert (parts["falsified"].value, parts["falsified"].score) == (0, D("0.00"))
    assert score.total == D("81.75")


def test_missing_and_late_monthly_reports_deduct(city, scheme, admin_user, region_a):
    from stats.models import MonthlyReport

    MonthlyReport.objects.filter(region=region_a, year=YEAR, month=3).delete()
    late = MonthlyReport.objects.get(region=region_a, year=YEAR, month=4)
    # Due on the 10th; 10 May 2026 is a Sunday, so the official calendar moves it to the 11th.
    late.filed_on = dt.date(YEAR, 5, 12)
    late.save()
    score, parts = _parts(_run(admin_user), f"region:{region_a.pk}")
    assert (parts["missing_reports"].value, parts["missing_reports"].score) == (2, D("-2.00"))
    records = parts["missing_reports"].explanation["records"]
    assert [(r["label"], r["state"], r["filed_on"]) for r in records] == [
        (f"{YEAR}-03", "missing", None),
        (f"{YEAR}-04", "late", f"{YEAR}-05-12"),
    ]
    assert score.total == D("81.75") - 2


def test_a_unit_without_cases_is_not_scored_zero_beside_units_with_late_cases(
    admin_user, scheme, bureau_user, region_a
):
    """Three units, no reviews anywhere, on 7 December 2026:

    - A: no cases, 3 service visits;
    - B: one case answered late and called back satisfied, no visits;
    - C: answered on time and called back satisfied; answered late and called back not
      satisfied; answered on 3 December on time (its callback due on the 10th: not yet in
      the callback rate); received 1 December, due on the 10th, not answered (not yet in
      the on-time rate); 6 visits.

    Nobody has reviews: rating (30) and bad reviews (15) are missing data for all. Visits
    3 / 0 / 6 are a field of three: efficacy 80 / 60 / 100. Votes all 0: all equal, scored
    against the standard 5: 0. A has no cases: on time (20) and callback (10) are missing too,
    so its 25 points of visits and votes carry everything (× 100 ÷ 25): 40 × 80% = 32.
    B and C carry on time, callback, visits and votes (55, × 100 ÷ 55)."""
    import time_machine

    from feedback.models import Case, ServiceVisit
    from tests.factories import LiaisonUnitFactory, ProjectFactory

    unit_a, unit_b, unit_c = (LiaisonUnitFactory() for _ in range(3))
    project_a = ProjectFactory(region=region_a, intent_date=dt.date(YEAR, 1, 5))
    d = dt.date

    def case(unit, received, due, responded=None, callback=None, confirmed=None):
        Case.objects.create(
            source="complaint",
            subject="用地",
            unit=unit,
            status="rectified" if responded else "assigned",
            received_on=received,
            due_date=due,
            responded_on=responded,
            callback_on=callback,
            callback_confirmed=confirmed,
        )

    case(unit_b, d(YEAR, 3, 1), d(YEAR, 3, 8), d(YEAR, 3, 10), d(YEAR, 3, 12), True)
    case(unit_c, d(YEAR, 4, 1), d(YEAR, 4, 8), d(YEAR, 4, 5), d(YEAR, 4, 9), True)
    case(unit_c, d(YEAR, 5, 1), d(YEAR, 5, 8), d(YEAR, 5, 10), d(YEAR, 5, 12), False)
    case(unit_c, d(YEAR, 11, 28), d(YEAR, 12, 8), d(YEAR, 12, 3))
    case(unit_c, d(YEAR, 12, 1), d(YEAR, 12, 10))
    for unit, n in ((unit_a, 3), (unit_c, 6)):
        for i in range(n):
            ServiceVisit.objects.create(
                project=project_a,
                unit=unit,
                date=d(YEAR, 6, 1 + i),
                purpose="走访",
                created_by=bureau_user,
            )
    with time_machine.travel(dt.datetime(YEAR, 12, 7, 10, tzinfo=dt.UTC), tick=False):
        appraisal = _run(admin_user)
    a, ap = _parts(appraisal, f"unit:{unit_a.pk}")
    for code in ("on_time", "callback", "average_rating", "bad_review_rate"):
        assert (ap[code].value, ap[code].weight, ap[code].score) == (None, 0, 0), code
        assert ap[code].rule == "missing_redistributed"
    assert (ap["visits"].weight, ap["unit_votes"].weight) == (40, 60)
    assert ap["visits"].method_score == 80
    assert a.total == D("32.00")

    b, bp = _parts(appraisal, f"unit:{unit_b.pk}")
    # on time 0 of 1 → 0; callback 1 of 1 → 100 × 18.18…% = 18.18…; visits 60 × 18.18…%
    # = 10.909…; votes 0. 29.0909… → 29.09: the cent goes to the visits' larger remainder.
    assert (bp["on_time"].value, bp["callback"].value) == (0, 100)
    assert bp["on_time"].weight == D("36.3636363636")
    assert bp["callback"].contribution == D("18.1818181818")
    assert bp["visits"].contribution == D("10.9090909091")
    assert b.total == D("29.09")
    assert [bp[c].score for c in ("on_time", "callback", "visits", "unit_votes")] == [
        D("0.00"),
        D("18.18"),
        D("10.91"),
        D("0.00"),
    ]

    c, cp = _parts(appraisal, f"unit:{unit_c.pk}")
    # On time 2 of 3 (the unanswered case not yet due left out) = 66.6667 → × 36.36…% =
    # 24.2424…; callback 1 of 2 (the case answered on the 3rd not yet due for its callback)
    # = 50 → 9.0909…; visits the best → 100 × 18.18…% = 18.1818…; votes 0. 51.5151… →
    # 51.52, shown 24.25 + 9.09 + 18.18 (each rounded half up would add up to 51.51).
    assert (cp["on_time"].value, cp["callback"].value) == (D("66.6667"), D("50"))
    assert cp["on_time"].explanation["record_count"] == 3
    assert cp["callback"].explanation["record_count"] == 2
    assert cp["on_time"].contribution == D("24.2424363636")
    assert c.total == D("51.52")
    assert [cp[x].score for x in ("on_time", "callback", "visits")] == [
        D("24.25"),
        D("9.09"),
        D("18.18"),
    ]
    for score in (a, b, c):
        assert sum(p.score for p in score.indicators.all()) == score.total
    assert (c.rank, a.rank, b.rank) == (1, 2, 3)
