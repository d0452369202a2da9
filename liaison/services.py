"""Writes on liaison assignments: every introduced project gets one responsible unit and a
named person; a new assignment ends the current one."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from config.bounds import check_real_date
from config.errors import DomainError
from config.typography import date_text

from .models import MAX_CADENCE_DAYS, MIN_CADENCE_DAYS, FundAllocation, LiaisonAssignment


@transaction.atomic
def liaison_assign(
    *,
    user,
    project,
    unit,
    person,
    start_date: dt.date,
    current_in_error: bool = False,
    reason: str = "",
    visit_cadence_days: int | None = None,
) -> LiaisonAssignment:
    """Make `unit` and `person` responsible for `project` from `start_date` (bureau or admin).
    The person must be staff of that unit. The current assignment, if any, ends the day
    before — or, with `current_in_error`, is voided as entered in error (`reason` required,
    see `liaison_assignment_void`) so the right one takes effect even on the same day."""
    _require_bureau(user)
    if person.role != Role.LIAISON or person.liaison_unit_id != unit.pk:
        raise DomainError(_("The responsible person must be staff of that unit."), field="person")
    check_real_date(start_date, field="start_date")
    if current_in_error:
        current = _current(project)
        if current is None:
            raise DomainError(
                _("There is no current assignment to mark as entered in error."),
                field="current_in_error",
            )
        liaison_assignment_void(user=user, assignment=current, reason=reason)
    current = _current(project)
    if current:
        if (current.unit_id, current.person_id) == (unit.pk, person.pk):
            raise DomainError(_("This unit and person are already responsible."), field="person")
        if start_date <= current.start_date:
            raise DomainError(
                _(
                    "The new assignment must start after the current one (%(date)s). If the "
                    "current one was entered in error, mark it so."
                )
                % {"date": date_text(current.start_date)},
                field="start_date",
            )
        current.end_date = start_date - dt.timedelta(days=1)
        current._history_user = user
        current.save(update_fields=["end_date"])
    assignment = LiaisonAssignment(project=project, unit=unit, person=person, start_date=start_date)
    if visit_cadence_days is not None:
        _check_cadence(visit_cadence_days)
        assignment.visit_cadence_days = visit_cadence_days
    assignment._history_user = user
    assignment.save()
    return assignment


@transaction.atomic
def liaison_assignment_void(*, user, assignment: LiaisonAssignment, reason: str) -> None:
    """Void the current assignment of a project as entered in error (bureau or admin, reason
    required). It stays on record with who voided it, when and why, but from then on it gives
    its unit nothing: the unit no longer sees the project, and it never counts as having
    served it. The assignment it had ended, if any, is in force again, as before the mistake."""
    _require_bureau(user)
    if not (reason or "").strip():
        raise DomainError(_("Say why the assignment was entered in error."), field="reason")
    assignment = LiaisonAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.voided_at is not None:
        raise DomainError(_("This assignment is already voided."), field="reason")
    if assignment.end_date is not None:
        raise DomainError(
            _("Only the current assignment can be marked as entered in error."), field="reason"
        )
    assignment.voided_at = timezone.now()
    assignment.voided_by = user
    assignment.void_reason = reason.strip()
    assignment._history_user = user
    assignment._change_reason = assignment.void_reason
    assignment.save(update_fields=["voided_at", "voided_by", "void_reason"])
    previous = (
        LiaisonAssignment.objects.select_for_update()
        .filter(
            project_id=assignment.project_id,
            voided_at__isnull=True,
            end_date=assignment.start_date - dt.timedelta(days=1),
        )
        .order_by("-start_date")
        .first()
    )
    if previous is not None:
        previous.end_date = None
        previous._history_user = user
        previous._change_reason = assignment.void_reason
        previous.save(update_fields=["end_date"])


def _check_cadence(days) -> None:
    if not isinstance(days, int) or not MIN_CADENCE_DAYS <= days <= MAX_CADENCE_DAYS:
        raise DomainError(
            _("The visit cadence is between %(low)d and %(high)d days.")
            % {"low": MIN_CADENCE_DAYS, "high": MAX_CADENCE_DAYS},
            field="visit_cadence_days",
        )


@transaction.atomic
def assignment_set_cadence(*, user, assignment: LiaisonAssignment, days: int) -> LiaisonAssignment:
    """Change how often the enterprise of an assignment in force is to be visited (bureau or
    admin, or staff of the assignment's unit). Recorded in the assignment's history."""
    if not (
        user.is_bureau_or_admin
        or (user.role == Role.LIAISON and user.liaison_unit_id == assignment.unit_id)
    ):
        raise PermissionDenied(_("Only the bureau or the unit set the visit cadence."))
    _check_cadence(days)
    assignment = LiaisonAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.voided_at is not None or assignment.end_date is not None:
        raise DomainError(
            _("Only an assignment in force has a visit cadence to change."),
            field="visit_cadence_days",
        )
    assignment.visit_cadence_days = days
    assignment._history_user = user
    assignment.save(update_fields=["visit_cadence_days"])
    return assignment


def assignments_mark_visit_flags(*, flagged_ids, today: dt.date) -> list[LiaisonAssignment]:
    """Record which assignments' enterprises are not visited within their cadence (the ids the
    caller found, from the visit records): those newly flagged get `visit_flagged_on = today`
    and are returned (to notify once); those flagged before and no longer due are cleared."""
    flagged_ids = set(flagged_ids)
    with transaction.atomic():
        LiaisonAssignment.objects.filter(visit_flagged_on__isnull=False).exclude(
            pk__in=flagged_ids
        ).update(visit_flagged_on=None)
        new = list(
            LiaisonAssignment.objects.select_for_update()
            .filter(pk__in=flagged_ids, visit_flagged_on__isnull=True)
            .select_related("project", "unit", "person")
        )
        LiaisonAssignment.objects.filter(pk__in=[a.pk for a in new]).update(visit_flagged_on=today)
    for a in new:
        a.visit_flagged_on = today
    return new


@transaction.atomic
def fund_allocation_create(*, user, unit, year: int, amount_10k, purpose: str) -> FundAllocation:
    """Allocate funds (万元) to a unit for a year, with their purpose (bureau or admin)."""
    from config.bounds import check_amount

    _require_bureau(user)
    this_year = timezone.localdate().year
    if not isinstance(year, int) or not 2000 <= year <= this_year + 1:
        raise DomainError(
            _("Choose a year from 2000 to %(year)d.") % {"year": this_year + 1}, field="year"
        )
    check_amount(
        amount_10k, field="amount_10k", model_field=FundAllocation._meta.get_field("amount_10k")
    )
    if amount_10k is None or amount_10k <= 0:
        raise DomainError(_("The amount must be more than zero."), field="amount_10k")
    if not (purpose or "").strip():
        raise DomainError(_("Say what the funds are for."), field="purpose")
    allocation = FundAllocation(
        unit=unit, year=year, amount_10k=amount_10k, purpose=purpose.strip()[:300], created_by=user
    )
    allocation._history_user = user
    allocation.save()
    return allocation


def _require_bureau(user) -> None:
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator assign liaison units."))


def _current(project) -> LiaisonAssignment | None:
    return (
        LiaisonAssignment.objects.select_for_update()
        .filter(project=project, end_date__isnull=True, voided_at__isnull=True)
        .first()
    )
