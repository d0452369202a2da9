"""Each kind other than projects (tests/imports/test_projects.py): a template filled in and
checked, a bad date, an unknown reference and a duplicate named by column, the valid rows
applied, the same file again changing nothing, and the import marked on what it wrote."""

from decimal import Decimal

import pytest
from django.core import mail

from accounts.models import Role, User
from feedback.models import ServiceVisit
from imports.models import ImportedRecord
from investors.models import Contact, Investor
from liaison.models import LiaisonAssignment
from projects.models import CapitalArrival, RegionTarget
from tests.factories import ProjectFactory, UserFactory

from .helpers import apply, check, errors_of, reimport_changes_nothing

pytestmark = pytest.mark.django_db


def _columns(job, n):
    return [column for column, _message in errors_of(job)[n]]


def test_capital_arrivals(bureau_user, region_a, django_capture_on_commit_callbacks):
    project = ProjectFactory(region=region_a, capital_source="foreign")
    good = [
        {"project": str(project.pk), "date": "2026-03-01", "amount": "100", "currency": "USD"},
        {"project": str(project.pk), "date": "2026-04-01", "amount": "80", "currency": "eur",
         "usd_rate": "1.1"},
    ]  # fmt: skip
    bad = [
        {"project": str(project.pk), "date": "2026-04-31", "amount": "1", "currency": "USD"},
        {"project": "NO-SUCH", "date": "2026-04-01", "amount": "1", "currency": "USD"},
        good[0],
        # Refused by the service in the dry run: a rate is needed for EUR.
        {"project": str(project.pk), "date": "2026-05-01", "amount": "5", "currency": "EUR"},
    ]
    job = check(bureau_user, "arrivals", good + bad)
    assert (job.valid, job.invalid) == (2, 4)
    assert _columns(job, 4) == ["Date"]
    assert _columns(job, 5) == ["Project code"]
    assert errors_of(job)[6] == [("Project code", "The same record is in row 2.")]
    assert _columns(job, 7) == ["Rate to USD"]
    assert not CapitalArrival.objects.exists()
    job = apply(bureau_user, job, django_capture_on_commit_callbacks)
    assert job.written == 2
    eur = CapitalArrival.objects.get(currency="EUR")
    assert eur.amount_usd_10k == Decimal("88.00")
    assert eur.history.get().history_change_reason == f"import #{job.pk}: arrivals.xlsx"
    reimport_changes_nothing(bureau_user, "arrivals", good, django_capture_on_commit_callbacks)
    assert CapitalArrival.objects.count() == 2


def test_targets(bureau_user, region_a, region_b, django_capture_on_commit_callbacks):
    good = [
        {"year": "2026", "region": region_a.code, "negotiated": "6", "approved": "3",
         "utilized_fdi_usd_10k": "1500.5"},
        {"year": "2026", "region": region_b.name_en, "negotiated": "4"},
    ]  # fmt: skip
    bad = [
        {"year": "2026", "region": "Nowhere", "negotiated": "4"},
        {"year": "2026", "region": region_a.name_zh_hans, "negotiated": "9"},
        {"year": "2026.5", "region": region_b.code},
    ]
    job = check(bureau_user, "targets", good + bad)
    assert (job.valid, job.invalid) == (2, 3)
    assert _columns(job, 4) == ["Region"]
    assert _columns(job, 5) == ["Year"]  # the same region and year as row 2
    assert _columns(job, 6) == ["Year"]
    job = apply(bureau_user, job, django_capture_on_commit_callbacks)
    target = RegionTarget.objects.get(region=region_a, year=2026)
    assert (target.negotiated, target.approved) == (6, 3)
    assert target.utilized_fdi_usd_10k == Decimal("1500.5")
    record = ImportedRecord.objects.get(kind="targets", object_id=target.pk)
    assert (record.job, record.row) == (job, 2)
    reimport_changes_nothing(bureau_user, "targets", good, django_capture_on_commit_callbacks)


def test_only_bureau_and_admin_set_targets_and_users_only_admin(bureau_user, district_user):
    from django.core.exceptions import PermissionDenied

    from config.errors import DomainError

    with pytest.raises(PermissionDenied):
        check(district_user, "targets", [{"year": "2026", "region": "x"}])
    with pytest.raises(DomainError):
        check(bureau_user, "users", [{"username": "x"}])


def _liaison(unit, username):
    return UserFactory(username=username, role=Role.LIAISON, liaison_unit=unit)


def test_assignments(bureau_user, region_a, unit_a, django_capture_on_commit_callbacks):
    person = _liaison(unit_a, "li_wei")
    p1, p2 = ProjectFactory(region=region_a), ProjectFactory(region=region_a)
    good = [{"project": str(p1.pk), "unit": unit_a.code, "person": "li_wei",
             "start_date": "2026-01-05", "visit_cadence_days": "60"}]  # fmt: skip
    bad = [
        {"project": str(p2.pk), "unit": unit_a.code, "person": "li_wei", "start_date": "05/01"},
        {"project": str(p2.pk), "unit": "No unit", "person": "li_wei", "start_date": "2026-01-05"},
        good[0],
    ]
    job = check(bureau_user, "assignments", good + bad)
    assert (job.valid, job.invalid) == (1, 3)
    assert _columns(job, 3) == ["Start date"]
    assert _columns(job, 4) == ["Liaison unit"]
    assert _columns(job, 5) == ["Project code"]
    job = apply(bureau_user, job, django_capture_on_commit_callbacks)
    assignment = LiaisonAssignment.objects.get()
    assert (assignment.project, assignment.person, assignment.visit_cadence_days) == (
        p1,
        person,
        60,
    )
    assert assignment.history.get().history_change_reason.startswith(f"import #{job.pk}")
    reimport_changes_nothing(bureau_user, "assignments", good, django_capture_on_commit_callbacks)


def test_service_visits(bureau_user, region_a, unit_a, django_capture_on_commit_callbacks):
    _liaison(unit_a, "li_wei")
    project = ProjectFactory(region=region_a)
    good = [{"project": str(project.pk), "unit": unit_a.name, "date": "2026-05-20",
             "purpose": "回访", "staff": "li_wei"}]  # fmt: skip
    bad = [
        {"project": str(project.pk), "unit": unit_a.code, "date": "2026-5-40", "purpose": "x"},
        {"project": str(project.pk), "unit": "nowhere", "date": "2026-05-21", "purpose": "x"},
        good[0],
    ]
    job = check(bureau_user, "visits", good + bad)
    assert (job.valid, job.invalid) == (1, 3)
    assert _columns(job, 3) == ["Date"]
    assert _columns(job, 4) == ["Liaison unit"]
    assert _columns(job, 5) == ["Project code"]
    job = apply(bureau_user, job, django_capture_on_commit_callbacks)
    visit = ServiceVisit.objects.get()
    assert [u.username for u in visit.staff.all()] == ["li_wei"]
    assert ImportedRecord.objects.get(kind="visits").object_id == visit.pk
    reimport_changes_nothing(bureau_user, "visits", good, django_capture_on_commit_callbacks)


def test_investors_and_contacts(
    bureau_user, region_a, sections, django_capture_on_commit_callbacks
):
    good = [{"name_zh_hans": "丰源", "name_en": "Fengyuan", "country": "SG",
             "owner_region": region_a.code, "industry": "C", "channel": "Fair"}]  # fmt: skip
    bad = [
        {"name_en": "Bad Region", "country": "DE", "owner_region": "Atlantis"},
        {"name_en": "Bad Country", "country": "XX", "owner_region": region_a.code},
        {"name_zh_hans": "丰源", "country": "SG", "owner_region": region_a.code},
    ]
    job = check(bureau_user, "investors", good + bad)
    assert (job.valid, job.invalid) == (1, 3)
    assert _columns(job, 3) == ["Owner region"]
    assert _columns(job, 4) == ["Country"]
    assert _columns(job, 5) == ["Name (Chinese)"]  # the same investor as row 2
    job = apply(bureau_user, job, django_capture_on_commit_callbacks)
    investor = Investor.objects.get()
    assert investor.channel == "fair"
    assert investor.history.get().history_change_reason == f"import #{job.pk}: investors.xlsx"
    reimport_changes_nothing(bureau_user, "investors", good, django_capture_on_commit_callbacks)

    contacts = [{"investor": "Fengyuan", "name": "Anna", "email": "anna@example.com"}]
    job = check(
        bureau_user,
        "contacts",
        [
            *contacts,
            {"investor": "Nobody", "name": "Bob"},
            {"investor": "丰源", "name": "Carl", "email": "not-an-email"},
            {"investor": str(investor.pk), "name": "anna"},
        ],
    )
    assert (job.valid, job.invalid) == (1, 3)
    assert [_columns(job, n) for n in (3, 4, 5)] == [["Investor"], ["E-mail"], ["Investor"]]
    apply(bureau_user, job, django_capture_on_commit_callbacks)
    assert list(Contact.objects.values_list("name", flat=True)) == ["Anna"]
    reimport_changes_nothing(bureau_user, "contacts", contacts, django_capture_on_commit_callbacks)


def test_staff_users_are_invited(admin_user, region_a, unit_a, django_capture_on_commit_callbacks):
    good = [
        {"username": "zhang_san", "last_name": "张", "first_name": "三", "email": "z@example.com",
         "role": "District staff", "region": region_a.code},
        {"username": "li_si", "email": "l@example.com", "role": "liaison",
         "liaison_unit": unit_a.code},
    ]  # fmt: skip
    bad = [
        {"username": "wang", "email": "w@example.com", "role": "district", "region": "Atlantis"},
        {"username": "zhao", "email": "z@example", "role": "bureau"},
        {"username": "zhang_san", "email": "z2@example.com", "role": "bureau"},
    ]
    job = check(admin_user, "users", good + bad)
    assert (job.valid, job.invalid) == (2, 3)
    assert [_columns(job, n) for n in (4, 5, 6)] == [["Region"], ["E-mail"], ["User name"]]
    assert not mail.outbox
    job = apply(admin_user, job, django_capture_on_commit_callbacks)
    zhang = User.objects.get(username="zhang_san")
    assert (zhang.role, zhang.region, zhang.has_usable_password()) == ("district", region_a, False)
    assert {m.to[0] for m in mail.outbox} == {"z@example.com", "l@example.com"}
    assert "https://portal.example/" in mail.outbox[0].body
    assert ImportedRecord.objects.get(kind="users", key="zhang_san").job == job
    reimport_changes_nothing(admin_user, "users", good, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_template_round_trip_in_chinese(bureau_user, region_a, sections):
    job = check(
        bureau_user,
        "targets",
        [{"year": "2026", "region": region_a.name_zh_hans, "negotiated": "3"}],
        language="zh-hans",
    )
    assert (job.valid, job.invalid) == (1, 0)


def test_an_invited_user_whose_link_expired_can_ask_for_a_new_one(admin_user):
    from accounts.services import user_invite
    from accounts.tasks import send_password_reset

    invited = user_invite(
        user=admin_user, data={"username": "new_one", "email": "n@example.com", "role": "bureau"}
    )
    assert not invited.has_usable_password()
    send_password_reset(email="n@example.com", language="en", domain="x.example", use_https=True)
    assert [m.to for m in mail.outbox] == [["n@example.com"]]
    # Once the person has signed in, a disabled (unusable) password gets no reset mail.
    invited.last_login = invited.date_joined
    invited.save()
    send_password_reset(email="n@example.com", language="en", domain="x.example", use_https=True)
    assert len(mail.outbox) == 1


def test_user_invite_is_for_administrators_only(bureau_user):
    from django.core.exceptions import PermissionDenied

    from accounts.services import user_invite

    with pytest.raises(PermissionDenied):
        user_invite(user=bureau_user, data={"username": "x", "email": "x@example.com"})
