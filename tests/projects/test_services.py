"""The stage workflow, its dates and gates, corrections, drop/reopen, history and amounts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from config.errors import DomainError
from liaison.models import LiaisonAssignment
from projects import services, workflow
from projects.models import CapitalArrival, Project, StageMove
from reference.models import IndustrySection
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def today():
    """Today in Shanghai, read when a test runs (the clock may be moved), not at import."""
    return timezone.localdate()


PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def project(region_a):
    return ProjectFactory(region=region_a, intent_date=dt.date(2026, 1, 5))


def make_ready(project):
    """Fill what every later gate needs."""
    project.enterprise_type = "wfoe"
    project.industry = IndustrySection.objects.get(code="C")
    project.save()
    return project


def advance(user, project, to, date, **kw):
    return services.project_transition(user=user, project=project, to=to, date=date, **kw)


# ---- legal moves --------------------------------------------------------------------------


def test_full_forward_path_records_each_move_and_date(district_user, project, liaison_user):
    make_ready(project)
    # Groundbreaking needs a liaison assignment in force (tests/liaison/test_gate.py).
    LiaisonAssignment.objects.create(
        project=project,
        unit=liaison_user.liaison_unit,
        person=liaison_user,
        start_date=dt.date(2026, 2, 1),
    )
    dates = {
        "contract": dt.date(2026, 2, 1),
        "approval": dt.date(2026, 3, 1),
        "groundbreaking": dt.date(2026, 4, 1),
        "operation": dt.date(2026, 5, 1),
    }
    for stage, date in dates.items():
        advance(district_user, project, stage, date, note=f"to {stage}")
    project.refresh_from_db()
    assert project.stage == "operation"
    assert [project.stage_date(s) for s in dates] == list(dates.values())
    moves = list(StageMove.objects.filter(project=project).values_list("from_stage", "to_stage"))
    assert moves == [
        ("intent", "contract"),
        ("contract", "approval"),
        ("approval", "groundbreaking"),
        ("groundbreaking", "operation"),
    ]
    assert set(StageMove.objects.values_list("moved_by", flat=True)) == {district_user.pk}


def test_move_on_the_same_day_as_previous_stage_is_allowed(district_user, project):
    advance(district_user, project, "contract", project.intent_date)
    project.refresh_from_db()
    assert project.contract_date == project.intent_date


# ---- illegal moves ------------------------------------------------------------------------


@pytest.mark.parametrize("to", ["approval", "groundbreaking", "operation"])
def test_skipping_a_stage_is_refused(district_user, project, to):
    make_ready(project)
    with pytest.raises(DomainError) as err:
        advance(district_user, project, to, dt.date(2026, 2, 1))
    assert err.value.field == "to"
    project.refresh_from_db()
    assert project.stage == "intent"
    assert not StageMove.objects.exists()


@pytest.mark.parametrize(
    ("current", "to"),
    [
        (a, b)
        for a in workflow.STAGE_CODES
        for b in workflow.STAGE_CODES
        if workflow.index_of(b) - workflow.index_of(a) not in (1, -1)
    ],
)
def test_every_non_adjacent_move_is_refused(bureau_user, region_a, current, to):
    p = ProjectFactory(
        region=region_a,
        stage=current,
        enterprise_type="wfoe",
        industry=IndustrySection.objects.get(code="C"),
    )
    for s in workflow.STAGE_CODES[1 : workflow.index_of(current) + 1]:
        setattr(p, workflow.date_field(s), dt.date(2026, 1, 10))
    p.save()
    with pytest.raises(DomainError):
        advance(bureau_user, p, to, dt.date(2026, 2, 1), note="why")
    p.refresh_from_db()
    assert p.stage == current


def test_unknown_stage_is_refused(district_user, project):
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "signed", dt.date(2026, 2, 1))
    assert err.value.field == "to"


def test_no_move_past_operation(bureau_user, region_a):
    p = ProjectFactory(region=region_a, stage="operation")
    with pytest.raises(DomainError):
        advance(bureau_user, p, "operation", today())


# ---- dates --------------------------------------------------------------------------------


def test_future_date_is_refused(district_user, project):
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "contract", today() + dt.timedelta(days=1))
    assert err.value.field == "date"
    project.refresh_from_db()
    assert project.stage == "intent"


def test_date_before_previous_stage_is_refused(district_user, project):
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "contract", project.intent_date - dt.timedelta(days=1))
    assert err.value.field == "date"
    assert any(d in str(err.value) for d in ("2026年1月5日", "Jan. 5, 2026"))


def test_missing_date_is_refused(district_user, project):
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "contract", None)
    assert err.value.field == "date"


def test_create_with_future_intent_date_refused(district_user, region_a):
    with pytest.raises(DomainError) as err:
        services.project_create(
            user=district_user,
            data={"region": region_a, "name_zh_hans": "新项目"},
            intent_date=today() + dt.timedelta(days=3),
        )
    assert err.value.field == "intent_date"


# ---- gates --------------------------------------------------------------------------------


def test_contract_needs_investor(district_user, project):
    project.investor = None
    project.save()
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "contract", dt.date(2026, 2, 1))
    assert err.value.field == "investor"


def test_contract_needs_contracted_fdi_for_foreign_project(district_user, project):
    project.contracted_fdi_usd_10k = 0
    project.save()
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "contract", dt.date(2026, 2, 1))
    assert err.value.field == "contracted_fdi_usd_10k"


def test_domestic_project_contracts_without_foreign_capital(district_user, region_a):
    p = ProjectFactory(region=region_a, capital_source="domestic", contracted_fdi_usd_10k=0)
    advance(district_user, p, "contract", dt.date(2026, 2, 1))
    p.refresh_from_db()
    assert p.stage == "contract"


def test_approval_needs_enterprise_type(district_user, project):
    advance(district_user, project, "contract", dt.date(2026, 2, 1))
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "approval", dt.date(2026, 3, 1))
    assert err.value.field == "enterprise_type"


def test_edit_cannot_empty_a_passed_gate(district_user, project):
    advance(district_user, project, "contract", dt.date(2026, 2, 1))
    with pytest.raises(DomainError) as err:
        services.project_update(user=district_user, project=project, data={"investor": None})
    assert err.value.field == "investor"


def test_domestic_project_cannot_have_foreign_capital(district_user, region_a):
    with pytest.raises(DomainError) as err:
        services.project_create(
            user=district_user,
            data={
                "region": region_a,
                "name_zh_hans": "内资",
                "capital_source": "domestic",
                "contracted_fdi_usd_10k": Decimal("5"),
            },
        )
    assert err.value.field == "contracted_fdi_usd_10k"


# ---- corrections, drop, reopen ------------------------------------------------------------


def test_correction_moves_back_clears_date_and_records_reason(bureau_user, district_user, project):
    make_ready(project)
    advance(district_user, project, "contract", dt.date(2026, 2, 1))
    advance(district_user, project, "approval", dt.date(2026, 3, 1))
    services.project_transition(
        user=bureau_user, project=project, to="contract", note="审批录入错误"
    )
    project.refresh_from_db()
    assert project.stage == "contract"
    assert project.approval_date is None
    move = StageMove.objects.latest("id")
    assert (move.kind, move.from_stage, move.to_stage, move.note) == (
        "correction",
        "approval",
        "contract",
        "审批录入错误",
    )
    latest = project.history.latest()
    assert latest.history_user == bureau_user
    assert latest.history_change_reason == "审批录入错误"


def test_correction_needs_reason(bureau_user, project):
    advance(bureau_user, project, "contract", dt.date(2026, 2, 1))
    with pytest.raises(DomainError) as err:
        services.project_transition(user=bureau_user, project=project, to="intent", note=" ")
    assert err.value.field == "note"


def test_correction_needs_bureau_role(district_user, project):
    advance(district_user, project, "contract", dt.date(2026, 2, 1))
    with pytest.raises(PermissionDenied):
        services.project_transition(
            user=district_user, project=project, to="intent", note="mistake"
        )
    project.refresh_from_db()
    assert project.stage == "contract"


def test_drop_needs_reason_and_blocks_moves_until_reopened(district_user, project):
    with pytest.raises(DomainError):
        services.project_drop(user=district_user, project=project, reason="")
    services.project_drop(user=district_user, project=project, reason="投资方撤资")
    project.refresh_from_db()
    assert (project.status, project.status_reason) == ("dropped", "投资方撤资")
    with pytest.raises(DomainError):
        advance(district_user, project, "contract", dt.date(2026, 2, 1))
    with pytest.raises(DomainError):
        services.project_drop(user=district_user, project=project, reason="again")
    services.project_reopen(user=district_user, project=project, note="重新洽谈")
    project.refresh_from_db()
    assert (project.status, project.stage) == ("active", "intent")
    advance(district_user, project, "contract", dt.date(2026, 2, 1))


def test_hold_and_reopen(district_user, project):
    services.project_hold(user=district_user, project=project, reason="waiting")
    project.refresh_from_db()
    assert project.status == "on_hold"
    with pytest.raises(DomainError):
        services.project_hold(user=district_user, project=project)
    services.project_reopen(user=district_user, project=project)
    project.refresh_from_db()
    assert project.status == "active"


# ---- scope in writes ----------------------------------------------------------------------


def test_district_cannot_move_other_regions_project(district_user_b, project):
    with pytest.raises(PermissionDenied):
        advance(district_user_b, project, "contract", dt.date(2026, 2, 1))


def test_district_cannot_create_in_other_region(district_user, region_b):
    with pytest.raises(DomainError) as err:
        services.project_create(
            user=district_user, data={"region": region_b, "name_zh_hans": "越界"}
        )
    assert err.value.field == "region"
    assert not Project.objects.exists()


@pytest.mark.parametrize("who", ["liaison_user", "office110_user"])
def test_read_only_roles_cannot_create_or_move(request, who, project, region_a):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.project_create(user=user, data={"region": region_a, "name_zh_hans": "x"})
    with pytest.raises(PermissionDenied):
        advance(user, project, "contract", dt.date(2026, 2, 1))


# ---- history ------------------------------------------------------------------------------


def test_history_rows_record_user_field_old_and_new(district_user, region_a):
    from projects.selectors import project_history

    p = services.project_create(
        user=district_user,
        data={"region": region_a, "name_zh_hans": "盐化工项目", "capital_source": "foreign"},
        intent_date=dt.date(2026, 1, 5),
    )
    services.project_update(
        user=district_user, project=p, data={"total_investment_cny_10k": Decimal("5000")}
    )
    history = project_history(p)
    assert history[0]["user"] == district_user
    assert {"field": "total_investment_cny_10k", "old": "0.00", "new": "5000"} in history[0][
        "changes"
    ] or {"field": "total_investment_cny_10k", "old": "0.00", "new": "5000.00"} in history[0][
        "changes"
    ]
    assert history[-1]["changes"][0]["field"] == "created"


def test_update_without_change_writes_no_history(district_user, project):
    before = project.history.count()
    services.project_update(
        user=district_user,
        project=project,
        data={"total_investment_cny_10k": project.total_investment_cny_10k},
    )
    assert project.history.count() == before


def test_stage_move_history_has_acting_user(district_user, project):
    advance(district_user, project, "contract", dt.date(2026, 2, 1), note="签约仪式")
    latest = project.history.latest()
    assert latest.history_user == district_user
    assert latest.stage == "contract"
    assert latest.history_change_reason == "签约仪式"


# ---- evidence -----------------------------------------------------------------------------


def test_evidence_pdf_stored_under_generated_name(district_user, project):
    upload = SimpleUploadedFile("合同 扫描件.pdf", PDF, content_type="application/pdf")
    move = advance(district_user, project, "contract", dt.date(2026, 2, 1), evidence=upload)
    assert move.evidence_name == "合同 扫描件.pdf"
    assert move.evidence.name.startswith(f"evidence/{project.pk}/")
    assert "合同" not in move.evidence.name
    assert move.evidence.name.endswith(".pdf")


def test_evidence_checked_by_content_not_name(district_user, project):
    upload = SimpleUploadedFile(
        "contract.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "contract", dt.date(2026, 2, 1), evidence=upload)
    assert err.value.field == "evidence"
    project.refresh_from_db()
    assert project.stage == "intent"


def test_evidence_size_limit(district_user, project, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    upload = SimpleUploadedFile("c.pdf", PDF, content_type="application/pdf")
    with pytest.raises(DomainError) as err:
        advance(district_user, project, "contract", dt.date(2026, 2, 1), evidence=upload)
    assert err.value.field == "evidence"


# ---- capital arrivals ---------------------------------------------------------------------


def test_arrival_converted_per_record(district_user, project):
    a = services.capital_arrival_create(
        user=district_user,
        project=project,
        date=dt.date(2026, 3, 1),
        amount=Decimal("100"),
        currency="eur",
        usd_rate=Decimal("1.085"),
        rate_source="PBOC",
    )
    assert (a.currency, a.amount_usd_10k) == ("EUR", Decimal("108.50"))
    b = services.capital_arrival_create(
        user=district_user,
        project=project,
        date=dt.date(2026, 3, 2),
        amount=Decimal("50"),
        currency="USD",
    )
    assert (b.usd_rate, b.amount_usd_10k) == (Decimal("1"), Decimal("50.00"))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"currency": "EUR", "usd_rate": None}, "usd_rate"),
        ({"currency": "XYZ", "usd_rate": Decimal("1")}, "currency"),
        ({"currency": "USD", "usd_rate": Decimal("7")}, "usd_rate"),
        ({"currency": "USD", "amount": Decimal("0")}, "amount"),
        ({"currency": "USD", "date": "tomorrow"}, "date"),
    ],
)
def test_arrival_bad_input(district_user, project, kwargs, field):
    args = {"date": dt.date(2026, 3, 1), "amount": Decimal("10")} | kwargs
    if args["date"] == "tomorrow":  # read when the test runs, not when it is collected
        args["date"] = today() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as err:
        services.capital_arrival_create(user=district_user, project=project, **args)
    assert err.value.field == field
    assert not CapitalArrival.objects.exists()


def test_arrival_refused_for_domestic_project(district_user, region_a):
    p = ProjectFactory(region=region_a, capital_source="domestic", contracted_fdi_usd_10k=0)
    with pytest.raises(DomainError) as err:
        services.capital_arrival_create(
            user=district_user,
            project=p,
            date=dt.date(2026, 3, 1),
            amount=Decimal("1"),
            currency="USD",
        )
    assert err.value.field == "project"


# ---- targets ------------------------------------------------------------------------------


def test_targets_default_to_seed_numbers_and_bureau_only(bureau_user, district_user, region_a):
    t = services.target_set(user=bureau_user, region=region_a, year=2026)
    assert (t.negotiated, t.approved, t.started) == (4, 2, 1)
    services.target_set(user=bureau_user, region=region_a, year=2026, approved=3)
    t.refresh_from_db()
    assert t.approved == 3
    with pytest.raises(PermissionDenied):
        services.target_set(user=district_user, region=region_a, year=2026, approved=9)


def test_arrival_too_large_in_usd_is_refused(district_user, project):
    with pytest.raises(DomainError) as err:
        services.capital_arrival_create(
            user=district_user,
            project=project,
            date=dt.date(2026, 3, 1),
            amount=Decimal("999999999999"),
            currency="EUR",
            usd_rate=Decimal("99999999"),
        )
    assert err.value.field == "usd_rate"


def test_project_with_arrivals_cannot_become_domestic(district_user, project):
    services.capital_arrival_create(
        user=district_user,
        project=project,
        date=dt.date(2026, 3, 1),
        amount=Decimal("5"),
        currency="USD",
    )
    with pytest.raises(DomainError) as err:
        services.project_update(
            user=district_user,
            project=project,
            data={"capital_source": "domestic", "contracted_fdi_usd_10k": Decimal("0")},
        )
    assert err.value.field == "capital_source"


def test_liaison_scope_follows_assignment_dates(liaison_user, unit_a, project):
    from liaison.models import LiaisonAssignment

    visible = Project.objects.for_user(liaison_user)
    a = LiaisonAssignment.objects.create(
        project=project, unit=unit_a, person=liaison_user, start_date=today() + dt.timedelta(days=5)
    )
    assert not visible.exists()  # not started yet
    a.start_date, a.end_date = today() - dt.timedelta(days=30), today() + dt.timedelta(days=5)
    a.save()
    assert visible.exists()  # handover planned, still serving
    a.end_date = today() - dt.timedelta(days=1)
    a.save()
    assert not visible.exists()  # ended
