"""Writes on liaison assignments: every introduced project gets one responsible unit and a
named person; a new assignment ends the current one."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from config.errors import DomainError

from .models import LiaisonAssignment


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
) -> LiaisonAssignment:
    """Make `unit` and `person` responsible for `project` from `start_date` (bureau or admin).
    The person must be staff of that unit. The current assignment, if any, ends the day
    before — or, with `current_in_error`, is voided as entered in error (`reason` required,
    see `liaison_assignment_void`) so the right one takes effect even on the same day."""
    _require_bureau(user)
    if person.role != Role.LIAISON or person.liaison_unit_id != unit.pk:
        raise DomainError(_("The responsible person must be staff of that unit."), field="person")
    if start_date > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="start_date")
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
                % {"date": current.start_date.isoformat()},
                field="start_date",
            )
        current.end_date = start_date - dt.timedelta(days=1)
        current._history_user = user
        current.save(update_fields=["end_date"])
    assignment = LiaisonAssignment(project=project, unit=unit, person=person, start_date=start_date)
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


def _require_bureau(user) -> None:
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator assign liaison units."))


def _current(project) -> LiaisonAssignment | None:
    return (
        LiaisonAssignment.objects.select_for_update()
        .filter(project=project, end_date__isnull=True, voided_at__isnull=True)
        .first()
    )
