"""Issue 20, points 4–6: the four public lists, the public notice (公示) with objections and
finalising, and the introducers' rewards — each computed by hand from the `city` fixture.

The notice dates are fixed with time_machine: published on Friday 4 December 2026, five working
days run to Friday 11 December (no public holidays configured)."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from appraisal import services
from appraisal.models import Appraisal, AppraisalStatus, ListKind, Objection
from appraisal.rewards import reward_amount
from appraisal.selectors import public_lists, reward_rows, rewards_for
from config.errors import DomainError
from liaison.models import LiaisonAssignment
from projects.models import CheckResult, ProjectCheck
from reference.industries import sync_sections
from reference.models import IndustrySection
from tests.factories import ProjectFactory, UserFactory

from .conftest import YEAR, arrive, review

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
PUBLISHED_ON = dt.datetime(2026, 12, 4, 10, tzinfo=SHANGHAI)  # a Friday
LAST_DAY = dt.datetime(2026, 12, 11, 16, tzinfo=SHANGHAI)  # five working days later
AFTER = dt.datetime(2026, 12, 14, 9, tzinfo=SHANGHAI)  # the Monday after
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _publish(appraisal, admin):
    services.appraisal_submit(user=admin, appraisal=appraisal)
    with time_machine.travel(PUBLISHED_ON, tick=False):
        return services.appraisal_publish(user=admin, appraisal=appraisal)


def _entries(appraisal, kind):
    return {e.subject_key: e for e in appraisal.entries.filter(kind=kind)}


def _rated_liaison_person(city, unit, person, bureau_user, ratings):
    """`person` named for a new project's assignment to `unit`, rated `ratings` on visits of
    the unit to it in the year."""
    project = ProjectFactory(region=city["a1"].region, intent_date=dt.date(YEAR, 1, 2))
    LiaisonAssignment.objects.create(
        project=project, unit=unit, person=person, start_date=dt.date(YEAR, 1, 1)
    )
    for i, rating in enumerate(ratings):
        review(project, unit, rating, bureau_user, date=dt.date(YEAR, 1, 1) + dt.timedelta(i))
    return project


# --- point 4: the lists -------------------------------------------------------------------


def test_a_unit_that_would_be_commended_and_warned_is_only_warned(
    computed, admin_user, unit_a, unit_b
):
    """Unit B has 1 vote (rank 2 of the units by votes, within the 3 commended) but its average
    rating (2 and 3 → 2.5) is below 3.50 and it answered its one case late (0 % < 80 %): it
    is on the warning list and not commended. Unit A (3 votes, rank 1) is commended."""
    appraisal = _publish(computed, admin_user)
    advanced = _entries(appraisal, ListKind.ADVANCED)
    warned = _entries(appraisal, ListKind.WARNING)
    assert f"unit:{unit_b.pk}" in warned
    assert f"unit:{unit_b.pk}" not in advanced
    assert f"unit:{unit_a.pk}" in advanced
    reason = advanced[f"unit:{unit_a.pk}"].reason_en
    assert "rank 1 by votes (3 votes)" in reason
    assert "points" not in reason
    assert "投票" in advanced[f"unit:{unit_a.pk}"].reason_zh_hans


def test_lists_rest_on_one_thing_each_and_say_so_without_scores(
    computed, admin_user, region_a, region_b
):
    appraisal = _publish(computed, admin_user)
    regions = _entries(appraisal, ListKind.REGIONS)
    # Region A ranks 1 (81.75 points) → commended; the reason gives the rank, not the points.
    assert f"region:{region_a.pk}" in regions
    reason = regions[f"region:{region_a.pk}"].reason_en
    assert reason.startswith("Ranked 1 of ")
    assert "81.75" not in reason
    assert "81.75" not in regions[f"region:{region_a.pk}"].reason_zh_hans
    assert {e.subject_kind for e in appraisal.entries.filter(kind=ListKind.REGIONS)} == {"region"}
    assert {e.subject_kind for e in appraisal.entries.filter(kind=ListKind.ADVANCED)} <= {
        "unit",
        "person",
    }


def test_a_region_with_a_standing_false_finding_is_not_commended(
    city, scheme, admin_user, bureau_user, region_a
):
    check = ProjectCheck.objects.create(
        project=city["a2"],
        checked_on=dt.date(YEAR, 5, 1),
        result=CheckResult.FALSIFIED,
        finding="未开工",
        checked_by=bureau_user,
    )
    a = services.appraisal_execute(
        appraisal_id=services.appraisal_create(user=admin_user, year=YEAR).pk
    )
    # Region A still ranks first (81.75 − 5 = 76.75), but is not an advanced region.
    assert a.scores.get(subject_key=f"region:{region_a.pk}").rank == 1
    a = _publish(a, admin_user)
    assert f"region:{region_a.pk}" not in _entries(a, ListKind.REGIONS)
    # A withdrawn finding does not stand: the next run commends the region again.
    check.withdrawn_at = dt.datetime(2026, 12, 1, tzinfo=SHANGHAI)
    check.save()
    with time_machine.travel(PUBLISHED_ON, tick=False):
        revision = services.appraisal_execute(
            appraisal_id=services.appraisal_revise(user=admin_user, appraisal=a, reason="撤销").pk
        )
    revision = _publish(revision, admin_user)
    assert f"region:{region_a.pk}" in _entries(revision, ListKind.REGIONS)


def test_a_liaison_person_below_the_threshold_by_0_004_is_warned_after_the_notice(
    city, scheme, admin_user, bureau_user, unit_a, liaison_user
):
    """62 ratings of 4 and 63 of 3: 437 ÷ 125 = 3.496, 0.004 below the 3.50 threshold — a
    rounded average (3.50) would not be below it. Another person rated 3, 4, 3, 4 (exactly
    3.5) is not warned. The liaison user has the most enterprise votes (2) but, warned, is not
    commended. Named on the public list only once the result is final."""
    _rated_liaison_person(city, unit_a, liaison_user, bureau_user, [4] * 62 + [3] * 63)
    other = UserFactory(username="t_liaison_2", role="liaison", liaison_unit=unit_a)
    _rated_liaison_person(city, unit_a, other, bureau_user, [3, 4, 3, 4])
    scheme.person_warning_threshold = D("3.50")
    scheme.person_warning_min_ratings = 3
    scheme.save()
    a = services.appraisal_execute(
        appraisal_id=services.appraisal_create(user=admin_user, year=YEAR).pk
    )
    people = a.scheme_snapshot["basis"]["liaison_people"]
    assert (
        people[f"user:{liaison_user.pk}"]["sum"],
        people[f"user:{liaison_user.pk}"]["count"],
    ) == (
        437,
        125,
    )
    a = _publish(a, admin_user)
    warned = _entries(a, ListKind.WARNING)
    key = f"user:{liaison_user.pk}"
    assert key in warned
    assert f"user:{other.pk}" not in warned
    assert warned[key].after_notice
    assert "3.496" in warned[key].reason_en
    assert "below 3.50 " in warned[key].reason_en
    assert key not in _entries(a, ListKind.ADVANCED)
    # Under notice the person is not named publicly; once final, they are.
    _shown, lists = public_lists()
    assert key not in {e.subject_key for e in lists[ListKind.WARNING]}
    with time_machine.travel(AFTER, tick=False):
        services.appraisal_finalise(user=admin_user, appraisal=a)
    _shown, lists = public_lists()
    assert key in {e.subject_key for e in lists[ListKind.WARNING]}


def test_too_few_ratings_are_not_a_warning(city, scheme, admin_user, bureau_user, unit_a):
    person = UserFactory(username="t_liaison_3", role="liaison", liaison_unit=unit_a)
    _rated_liaison_person(city, unit_a, person, bureau_user, [1, 1])  # 2 < 3 ratings
    a = _publish(
        services.appraisal_execute(
            appraisal_id=services.appraisal_create(user=admin_user, year=YEAR).pk
        ),
        admin_user,
    )
    assert f"user:{person.pk}" not in _entries(a, ListKind.WARNING)


# --- point 5: notice, objections, finalising ----------------------------------------------


def test_publishing_starts_the_notice_of_five_working_days(computed, admin_user):
    a = _publish(computed, admin_user)
    assert a.status == AppraisalStatus.NOTICE
    assert a.notice_starts_on == dt.date(2026, 12, 4)
    assert a.notice_ends_on == dt.date(2026, 12, 11)
    shown, _lists = public_lists()
    assert shown == a


def test_objections_only_by_staff_of_the_subject_during_the_notice(
    computed, admin_user, district_user, district_user_b, liaison_user, region_a, unit_a
):
    a = _publish(computed, admin_user)
    key = f"region:{region_a.pk}"
    with time_machine.travel(LAST_DAY, tick=False):
        for user in (district_user_b, liaison_user, admin_user):
            with pytest.raises(PermissionDenied):
                services.objection_file(user=user, appraisal=a, subject=key, text="x")
        with pytest.raises(DomainError) as exc:
            services.objection_file(user=district_user, appraisal=a, subject=key, text=" ")
        assert exc.value.field == "text"
        with pytest.raises(DomainError) as exc:
            services.objection_file(
                user=district_user, appraisal=a, subject=key, indicator="nope", text="x"
            )
        assert exc.value.field == "indicator"
        with pytest.raises(DomainError) as exc:
            services.objection_file(
                user=district_user,
                appraisal=a,
                subject=key,
                text="x",
                evidence=SimpleUploadedFile("a.html", b"<script>", "text/html"),
            )
        assert exc.value.field == "evidence"
        o = services.objection_file(
            user=district_user,
            appraisal=a,
            subject=key,
            indicator="utilized_fdi",
            text="六月到资漏记",
            evidence=SimpleUploadedFile("合同.pdf", PDF, "application/pdf"),
        )
        assert o.evidence_name == "合同.pdf"
        assert o.evidence.name.endswith(".pdf")
        services.objection_file(
            user=liaison_user, appraisal=a, subject=f"unit:{unit_a.pk}", text="回访有误"
        )
    with time_machine.travel(AFTER, tick=False), pytest.raises(DomainError):
        services.objection_file(user=district_user, appraisal=a, subject=key, text="late")
    assert Objection.objects.count() == 2


def test_an_upheld_objection_revises_and_a_rejected_one_gives_its_reason(
    computed,
    admin_user,
    district_user,
    liaison_user,
    region_a,
    unit_a,
    city,
    bureau_user,
    django_capture_on_commit_callbacks,
):
    a = _publish(computed, admin_user)
    with time_machine.travel(LAST_DAY, tick=False):
        upheld = services.objection_file(
            user=district_user,
            appraisal=a,
            subject=f"region:{region_a.pk}",
            indicator="utilized_fdi",
            text="六月到资50万美元漏记",
        )
        rejected = services.objection_file(
            user=liaison_user, appraisal=a, subject=f"unit:{unit_a.pk}", text="评分太低"
        )
        # Finalising is refused during the notice, whatever the objections.
        with pytest.raises(DomainError, match=r"2026年12月11日|Dec\. 11, 2026"):
            services.appraisal_finalise(user=admin_user, appraisal=a)
    with pytest.raises(PermissionDenied):
        services.objection_answer(
            user=district_user, objection=rejected, decision="rejected", reason="x"
        )
    with time_machine.travel(AFTER, tick=False):
        # The notice has ended, but two objections are open.
        with pytest.raises(DomainError, match="2"):
            services.appraisal_finalise(user=admin_user, appraisal=a)
        rejected = services.objection_answer(
            user=admin_user, objection=rejected, decision="rejected", reason="评价为企业真实意见"
        )
        assert rejected.revision is None
        with pytest.raises(DomainError) as exc:
            services.objection_answer(
                user=admin_user, objection=rejected, decision="upheld", reason="x"
            )
        assert exc.value.field == "decision"
        with pytest.raises(DomainError, match="1"):
            services.appraisal_finalise(user=admin_user, appraisal=a)
        # The district corrects the records; upholding computes a revision from them.
        arrive(city["a1"], dt.date(YEAR, 6, 20), D(50), bureau_user)
        with django_capture_on_commit_callbacks(execute=True):
            upheld = services.objection_answer(
                user=admin_user, objection=upheld, decision="upheld", reason="到资凭证属实"
            )
        revision = upheld.revision
        revision.refresh_from_db()
        assert revision.version == 2
        assert revision.supersedes == a
        assert "到资凭证属实" in revision.revision_reason
        assert revision.run_status == "succeeded"
        # utilized 100 of 100 → 25 instead of 12.50: 81.75 + 12.50 = 94.25. (81.75: 11.25 +
        # 20 + 20 + 12.50 + 10 + 10 for input-output, capital at no recorded cost being the top
        # of the field, − 2 for the project not started.)
        assert revision.scores.get(subject_key=f"region:{region_a.pk}").total == D("94.25")
        a.refresh_from_db()
        assert a.status == AppraisalStatus.NOTICE
        assert a.scores.get(subject_key=f"region:{region_a.pk}").total == D("81.75")
        # The old version is not made final while its revision is open.
        with pytest.raises(DomainError):
            services.appraisal_finalise(user=admin_user, appraisal=a)
        services.appraisal_submit(user=admin_user, appraisal=revision)
        revision = services.appraisal_publish(user=admin_user, appraisal=revision)
    a.refresh_from_db()
    assert a.status == AppraisalStatus.SUPERSEDED
    assert revision.status == AppraisalStatus.NOTICE
    assert revision.notice_ends_on == dt.date(2026, 12, 21)
    assert set(Appraisal.objects.values_list("version", flat=True)) == {1, 2}
    with time_machine.travel(dt.datetime(2026, 12, 22, 9, tzinfo=SHANGHAI), tick=False):
        final = services.appraisal_finalise(user=admin_user, appraisal=revision)
    assert final.status == AppraisalStatus.FINAL


def test_finalise_needs_a_published_appraisal(computed, admin_user, bureau_user):
    with pytest.raises(DomainError):
        services.appraisal_finalise(user=admin_user, appraisal=computed)
    a = _publish(computed, admin_user)
    with time_machine.travel(AFTER, tick=False):
        with pytest.raises(PermissionDenied):
            services.appraisal_finalise(user=bureau_user, appraisal=a)
        a = services.appraisal_finalise(user=admin_user, appraisal=a)
        assert a.status == AppraisalStatus.FINAL
        with pytest.raises(DomainError):
            services.appraisal_finalise(user=admin_user, appraisal=a)


# --- point 6: the introducers' rewards ----------------------------------------------------

RULE = {
    "sections": "B,C,D",
    "basis": "arrived",
    "rate": "0.1",
    "tiers": [["500", "0.2"], ["1000", "0.3"]],
    "minimum_usd_10k": "100",
    "cap_cny_10k": "200",
}


@pytest.mark.parametrize(
    ("basis", "amount", "capped"),
    [
        # 500 × 0.1 + 500 × 0.2 + 200 × 0.3 = 50 + 100 + 60 = 210 → capped at 200
        ("1200", "200.00", True),
        # 500 × 0.1 + 100 × 0.2 = 70
        ("600", "70.00", False),
        # exactly the minimum: 100 × 0.1 = 10
        ("100", "10.00", False),
        # below the minimum: nothing
        ("99.99", "0", False),
        # 1000 × … = 50 + 100 = 150, then 0.3 on nothing
        ("1000", "150.00", False),
    ],
)
def test_reward_tiers_and_cap_by_hand(basis, amount, capped):
    got, was_capped, steps = reward_amount(D(basis), RULE)
    assert got == D(amount)
    assert was_capped is capped
    if got:
        assert sum(D(s["amount"]) for s in steps) >= got


def test_rewards_are_computed_with_the_projects_behind_them(
    city, scheme, admin_user, bureau_user, district_user, unit_a
):
    """A foreign agent introduced a manufacturing project (C) with 700 arrived in the year
    (and 100 the year before, not counted) and a wholesale project (F) with 300 (not
    industry): 500 × 0.1 + 200 × 0.2 = 90 → capped at 60. The agent is rewarded as an
    introducer, never listed as an advanced individual."""
    from investors.models import Agent

    sync_sections()
    agent = Agent.objects.create(name="Hans Müller", country="DE")
    made = ProjectFactory(
        region=city["a1"].region,
        intent_date=dt.date(YEAR - 1, 5, 1),
        industry=IndustrySection.objects.get(code="C"),
        introducer_kind="agent",
        introducer_agent=agent,
    )
    shop = ProjectFactory(
        region=city["a1"].region,
        intent_date=dt.date(YEAR, 2, 1),
        industry=IndustrySection.objects.get(code="F"),
        introducer_kind="agent",
        introducer_agent=agent,
    )
    arrive(made, dt.date(YEAR, 3, 1), D(400), bureau_user)
    arrive(made, dt.date(YEAR, 8, 1), D(300), bureau_user)
    arrive(made, dt.date(YEAR - 1, 12, 1), D(100), bureau_user)
    arrive(shop, dt.date(YEAR, 4, 1), D(300), bureau_user)
    scheme.reward_rate, scheme.reward_tiers = D("0.1"), [["500", "0.2"]]
    scheme.reward_minimum_usd_10k, scheme.reward_cap_cny_10k = D("100"), D("60")
    scheme.save()
    a = services.appraisal_execute(
        appraisal_id=services.appraisal_create(user=admin_user, year=YEAR).pk
    )
    reward = a.rewards.get(subject_key=f"agent:{agent.pk}")
    assert reward.basis_usd_10k == D("700.00")
    assert reward.amount_cny_10k == D("60.00")
    assert reward.capped
    assert reward.projects == [made.pk]
    assert [s["amount"] for s in reward.steps] == ["50.00", "40.00"]
    assert len(reward.records) == 2
    # The bureau user's project a1 has no industry section: no reward.
    assert not a.rewards.filter(subject_key=f"user:{bureau_user.pk}").exists()
    a = _publish(a, admin_user)
    assert f"agent:{agent.pk}" in _entries(a, ListKind.REWARDS)
    assert f"agent:{agent.pk}" not in _entries(a, ListKind.ADVANCED)
    assert "700" in _entries(a, ListKind.REWARDS)[f"agent:{agent.pk}"].reason_en
    rows = reward_rows(admin_user, a)
    assert rows[0]["subject"] == "Hans Müller"
    assert rows[0]["amount_cny_10k"] == D("60.00")
    assert rows[0]["projects"] == [f"{made.pk} {made.name}"]
    # Published, the district reads every reward, but not the records behind another's.
    (seen,) = [r for r in rewards_for(district_user, a) if r.subject_key == f"agent:{agent.pk}"]
    assert seen.amount_cny_10k == D("60.00")
    assert seen.shown_records == []
    assert reward_rows(district_user, a)[0]["projects"] == []
    # The reward is frozen with the appraisal: a later arrival changes nothing.
    arrive(made, dt.date(YEAR, 9, 1), D(300), bureau_user)
    services.appraisal_execute(appraisal_id=a.pk)
    assert a.rewards.get(subject_key=f"agent:{agent.pk}").basis_usd_10k == D("700.00")


def test_reward_rule_is_checked_in_the_scheme(scheme, admin_user):
    scheme.reward_sections = "c, x"
    with pytest.raises(DomainError) as exc:
        services.scheme_save(
            user=admin_user, scheme=scheme, indicators=list(scheme.indicators.all())
        )
    assert exc.value.field == "reward_sections"
    scheme.reward_sections, scheme.reward_tiers = "c,b", [["500", "0.2"], ["100", "0.3"]]
    with pytest.raises(DomainError) as exc:
        services.scheme_save(
            user=admin_user, scheme=scheme, indicators=list(scheme.indicators.all())
        )
    assert exc.value.field == "reward_tiers"
    scheme.reward_tiers = [[100, 0.2]]
    services.scheme_save(user=admin_user, scheme=scheme, indicators=list(scheme.indicators.all()))
    scheme.refresh_from_db()
    assert scheme.reward_sections == "B,C"
    assert scheme.reward_tiers == [["100", "0.2"]]


def test_the_admins_hear_of_an_objection_and_the_objector_of_the_answer(
    computed, admin_user, district_user, region_a, mailoutbox, django_capture_on_commit_callbacks
):
    admin_user.email, district_user.email = "admin@example.com", "district@example.com"
    admin_user.save()
    district_user.save()
    a = _publish(computed, admin_user)
    with (
        time_machine.travel(LAST_DAY, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        o = services.objection_file(
            user=district_user, appraisal=a, subject=f"region:{region_a.pk}", text="漏记到资"
        )
    assert [m.to for m in mailoutbox] == [["admin@example.com"]]
    assert "漏记到资" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.objection_answer(
            user=admin_user, objection=o, decision="rejected", reason="无凭证"
        )
    assert mailoutbox[1].to == ["district@example.com"]
    assert "无凭证" in mailoutbox[1].body
