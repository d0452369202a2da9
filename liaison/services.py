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
def liaison_assign(*, user, project, unit, person, start_date: dt.date) -> LiaisonAssignment:
    """Make `unit` and `person` responsible for `project` from `start_date` (bureau or admin).
    The person must be staff of that unit. The current assignment, if any, ends the day
    before."""
    if not user.is_bureau_or_admin:
        raise PermissionDenied(_("Only bureau staff or an administrator assign liaison units."))
    if person.role != Role.LIAISON or person.liaison_unit_id != unit.pk:
        raise DomainError(_("The responsible person must be staff of that unit."), field="person")
    if start_date > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field="start_date")
    current = (
        LiaisonAssignment.objects.select_for_update()
        .filter(project=project, end_date__isnull=True)
        .first()
    )
    if current:
        if (current.unit_id, current.person_id) == (unit.pk, person.pk):
            raise DomainError(_("This unit and person are already responsible."), field="person")
        if start_date <= current.start_date:
            raise DomainError(
                _("The new assignment must start after the current one (%(date)s).")
                % {"date": current.start_date.isoformat()},
                field="start_date",
            )
        current.end_date = start_date - dt.timedelta(days=1)
        current.save(update_fields=["end_date"])
    return LiaisonAssignment.objects.create(
        project=project, unit=unit, person=person, start_date=start_date
    )
