"""Reads of liaison assignments."""

from django.db.models import Q
from django.utils import timezone

from .models import LiaisonAssignment


def assignments_in_force(today=None):
    """Assignments that have started and not ended, leaving out those voided as entered in
    error: who serves each project today."""
    today = today or timezone.localdate()
    return LiaisonAssignment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today),
        start_date__lte=today,
        voided_at__isnull=True,
    )


def current_assignment(project) -> LiaisonAssignment | None:
    return assignments_in_force().filter(project=project).select_related("unit", "person").first()
