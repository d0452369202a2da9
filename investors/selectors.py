"""Reads of the investor database, scoped to the user. Scoping lives here once: the pages,
the API and the exports all go through these functions.

- The investor database (investors, contacts, interactions, agents, promotion activities) is
  shared city-wide: every signed-in staff role reads all of it, so that two regions do not
  court one investor twice.
- Investors and their contacts are changed by the owner region's district staff or the bureau
  (and admins); promotion activities by the organiser region or the bureau; agents by the
  region that appointed them or the bureau.
- Interactions are logged by bureau, admin and district staff on any investor; changed by the
  one who logged them or the bureau.
- Inquiries: bureau and admin see all; a staff member named as an industry's contact sees the
  inquiries routed to them.
"""

import datetime as dt
import statistics

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from accounts.models import Role, User
from accounts.scoping import user_region_ids
from config.numbers import percent, round_half_up
from reference import workdays
from reference.models import Region, RegionKind

from .models import (
    Agent,
    Contact,
    FollowUp,
    Inquiry,
    InquirySettings,
    InquiryStatus,
    Interaction,
    Investor,
    PromotionActivity,
    Reminder,
)

STAFF_ROLES = frozenset(Role.values)


def _is_staff(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role in STAFF_ROLES))


def scope_investors(qs, user):
    """Every signed-in staff member reads the whole investor database."""
    return qs if _is_staff(user) else qs.none()


def editable_investors(qs, user):
    """Bureau and admin change every investor; district staff those their regions own."""
    if not _is_staff(user):
        return qs.none()
    if user.is_bureau_or_admin:
        return qs
    if user.role == Role.DISTRICT:
        return qs.filter(owner_region_id__in=user_region_ids(user))
    return qs.none()


def can_edit_investor(user, investor) -> bool:
    return editable_investors(Investor.objects.filter(pk=investor.pk), user).exists()


def can_create_investors(user) -> bool:
    """Bureau, admin and district staff; industry offices too (the companies they court)."""
    return _is_staff(user) and (
        user.is_bureau_or_admin or user.role in (Role.DISTRICT, Role.CHAIN_OFFICE)
    )


def can_log_interactions(user) -> bool:
    return can_create_investors(user)


def can_merge_investors(user) -> bool:
    return _is_staff(user) and user.is_bureau_or_admin


def owner_regions_for(user):
    """Regions a user may make an investor's (or an activity's organiser) region."""
    if not _is_staff(user):
        return Region.objects.none()
    if user.is_bureau_or_admin:
        return Region.objects.all()
    if user.role == Role.CHAIN_OFFICE:
        # An industry office works for the whole city: the investors it adds are the city's.
        return Region.objects.filter(kind=RegionKind.CITY)
    ids = user_region_ids(user)
    return Region.objects.filter(pk__in=ids) if ids else Region.objects.none()


def investor_list(user, *, include_merged: bool = False):
    """Investors in scope for list pages, the API and exports, with their last interaction
    date and counts, in a fixed number of queries."""
    qs = Investor.objects.for_user(user)
    if not include_merged:
        qs = qs.current()
    return qs.select_related("owner_region", "industry").annotate(
        last_interaction=Max("interactions__date"),
        contact_count=Count("contacts", distinct=True),
    )


def investor_get(user, pk) -> Investor:
    """One investor the user may read (merged-away ones too), or Investor.DoesNotExist."""
    return (
        Investor.objects.for_user(user)
        .select_related("owner_region", "industry", "merged_into", "created_by")
        .get(pk=pk)
    )


def quiet_cutoff(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today - dt.timedelta(days=settings.INVESTOR_QUIET_DAYS)


def contacts_for_user(user):
    return Contact.objects.filter(investor__in=Investor.objects.for_user(user)).select_related(
        "investor"
    )


def editable_contacts(user):
    return Contact.objects.filter(investor__in=Investor.objects.editable_by(user))


def interactions_for_user(user):
    return (
        Interaction.objects.filter(investor__in=Investor.objects.for_user(user))
        .select_related("investor", "logged_by", "activity", "project")
        .prefetch_related("staff", "contacts")
    )


def editable_interactions(user):
    if not can_log_interactions(user):
        return Interaction.objects.none()
    if user.is_bureau_or_admin:
        return Interaction.objects.all()
    return Interaction.objects.filter(logged_by=user)


def activities_for_user(user):
    if not _is_staff(user):
        return PromotionActivity.objects.none()
    return PromotionActivity.objects.select_related("organiser_region")


def editable_activities(user):
    if not _is_staff(user):
        return PromotionActivity.objects.none()
    if user.is_bureau_or_admin:
        return PromotionActivity.objects.all()
    if user.role == Role.DISTRICT:
        return PromotionActivity.objects.filter(organiser_region_id__in=user_region_ids(user))
    return PromotionActivity.objects.none()


def agents_for_user(user):
    if not _is_staff(user):
        return Agent.objects.none()
    return Agent.objects.select_related("region")


def agents_matching(agents, q: str):
    """Agents whose name or organisation contains `q` (all of them for an empty `q`)."""
    q = (q or "").strip()
    if not q:
        return agents
    return agents.filter(Q(name__icontains=q) | Q(organisation__icontains=q))


def editable_agents(user):
    if not _is_staff(user):
        return Agent.objects.none()
    if user.is_bureau_or_admin:
        return Agent.objects.all()
    if user.role == Role.DISTRICT:
        return Agent.objects.filter(region_id__in=user_region_ids(user))
    return Agent.objects.none()


def inquiries_for_user(user):
    """Bureau and admin: every inquiry; anyone else: those routed to them."""
    if not _is_staff(user):
        return Inquiry.objects.none()
    qs = Inquiry.objects.select_related("industry", "assigned_to", "investor")
    if user.is_bureau_or_admin:
        return qs
    return qs.filter(assigned_to=user)


def inquiries_overdue(user, today: dt.date | None = None):
    """Inquiries in scope with no first response past their due date."""
    today = today or timezone.localdate()
    return inquiries_for_user(user).filter(
        status=InquiryStatus.NEW, first_response_at__isnull=True, response_due__lt=today
    )


def median_first_response_hours(days: int = 90, now=None) -> float | None:
    """The median time from receipt to first response, in hours, of the inquiries received in
    the last `days` days that got one (spam excluded); None when there are none."""
    now = now or timezone.now()
    rows = (
        Inquiry.objects.exclude(status=InquiryStatus.SPAM)
        .filter(received_at__gte=now - dt.timedelta(days=days), first_response_at__isnull=False)
        .values_list("received_at", "first_response_at")
    )
    hours = [(b - a).total_seconds() / 3600 for a, b in rows]
    return round_half_up(statistics.median(hours), 1) if hours else None


def inquiry_settings() -> InquirySettings:
    """The inquiry service's settings (an unsaved default until the bureau first saves them)."""
    return InquirySettings.objects.filter(pk=1).first() or InquirySettings(pk=1)


def can_change_inquiry_settings(user) -> bool:
    return _is_staff(user) and user.is_bureau_or_admin


def public_median_first_response_hours() -> float | None:
    """What the public inquiry page shows: the median first-response time of the last 90 days
    when the bureau has chosen to publish it (and there are responses to take it from), else
    None."""
    if not inquiry_settings().publish_median_response:
        return None
    return median_first_response_hours()


SERVICE_LEVEL_DAYS = 90
SERVICE_LEVEL_WORKING_DAYS = 2


def inquiry_service_levels(days: int = SERVICE_LEVEL_DAYS, now=None) -> dict:
    """How fast inquiries received in the last `days` days were first answered (spam
    excluded), from the inquiries themselves:

    - `received`: how many came in; 0 means "no inquiries yet" (every other figure is None,
      never 0 %);
    - `answered`: how many have a first response; `median_hours`: the median time to it, in
      hours (None when none has one yet);
    - `within_share`: the percentage (0–100, one decimal) answered within
      SERVICE_LEVEL_WORKING_DAYS working days, i.e. on or before the second working day
      after the day received (Shanghai dates, official calendar). It counts the inquiries
      whose outcome is known: answered, or unanswered past that day; an inquiry still within
      its time is neither a success nor a failure yet. `decided` is that count (None when 0).
    """
    now = now or timezone.now()
    rows = list(
        Inquiry.objects.exclude(status=InquiryStatus.SPAM)
        .filter(received_at__gte=now - dt.timedelta(days=days), received_at__lte=now)
        .values_list("received_at", "first_response_at")
    )
    today = timezone.localtime(now).date()
    hours, decided, within = [], 0, 0
    deadlines: dict[dt.date, dt.date] = {}  # one calendar walk per day received, not per row
    for received, first in rows:
        day = timezone.localtime(received).date()
        if day not in deadlines:
            deadlines[day] = workdays.add_working_days(day, SERVICE_LEVEL_WORKING_DAYS)
        deadline = deadlines[day]
        if first is not None:
            hours.append((first - received).total_seconds() / 3600)
            decided += 1
            within += timezone.localtime(first).date() <= deadline
        elif today > deadline:
            decided += 1
    return {
        "days": days,
        "received": len(rows),
        "answered": len(hours),
        "median_hours": round_half_up(statistics.median(hours), 1) if hours else None,
        "decided": decided or None,
        "within_share": percent(within, decided),
        "working_days": SERVICE_LEVEL_WORKING_DAYS,
    }


def public_inquiry_service_levels() -> dict | None:
    """The service levels the public site states, when the bureau publishes them (the same
    switch as the median), else None."""
    if not inquiry_settings().publish_median_response:
        return None
    return inquiry_service_levels()


def normalize_reference(value: str) -> str:
    """An inquiry reference as typed: spaces dropped, upper case, "INQ-" added when left out."""
    ref = "".join(str(value or "").split()).upper()[:16]
    if ref and not ref.startswith("INQ-"):
        ref = f"INQ-{ref}"
    return ref


def inquiry_lookup(reference: str, email: str) -> Inquiry | None:
    """The inquiry an investor follows on the public site: the one with this reference sent
    from this e-mail address (case-insensitive), spam excluded; None for a wrong reference,
    a wrong address or both alike, so that a caller cannot tell which was wrong."""
    ref = normalize_reference(reference)
    email = (email or "").strip()
    if not ref or not email:
        return None
    return (
        Inquiry.objects.exclude(status=InquiryStatus.SPAM)
        .filter(reference=ref, email__iexact=email)
        .prefetch_related("answers")
        .first()
    )


def my_follow_ups(user, today: dt.date | None = None, horizon_days: int = 7):
    """The user's open follow-ups due within `horizon_days` or overdue, oldest first."""
    today = today or timezone.localdate()
    return (
        FollowUp.objects.filter(
            owner=user,
            done_at__isnull=True,
            dismissed_at__isnull=True,
            due_date__lte=today + dt.timedelta(days=horizon_days),
            investor__merged_into__isnull=True,
        )
        .select_related("investor")
        .order_by("due_date", "id")
    )


def my_reminders(user):
    return Reminder.objects.filter(user=user, dismissed_at__isnull=True).select_related("investor")


def quiet_investors(user, today: dt.date | None = None):
    """Current investors the user may change with no interaction for INVESTOR_QUIET_DAYS
    (or none at all and created before then)."""
    cutoff = quiet_cutoff(today)
    return (
        Investor.objects.editable_by(user)
        .current()
        .annotate(last_interaction=Max("interactions__date"))
        .filter(
            Q(last_interaction__lt=cutoff)
            | Q(last_interaction__isnull=True, created_at__date__lt=cutoff)
        )
        .order_by("last_interaction", "id")
    )


def staff_choices():
    return (
        User.objects.filter(is_active=True)
        .select_related("region", "liaison_unit")
        .order_by("username")
    )


def activity_report(user, year: int) -> dict:
    """Interactions (and of them, visits) and promotion activities joined per staff member and
    per region, per month of `year`, so a quiet month shows as a zero. Whole-city roles see
    every staff member; district staff those of their regions; anyone else themselves.
    Staff not bound to a region count under the city (bureau). Three grouped queries."""
    from django.db.models.functions import ExtractMonth

    staff = User.objects.filter(is_active=True).select_related("region")
    ids = user_region_ids(user)
    if ids is not None:
        staff = staff.filter(region_id__in=ids)
    elif not user.sees_whole_city:
        staff = staff.filter(pk=user.pk)
    staff = list(staff.order_by("username"))
    staff_ids = [s.pk for s in staff]
    through = Interaction.staff.through
    per = {}  # (user_id, month) -> [interactions, visits, activities]
    for row in (
        through.objects.filter(user_id__in=staff_ids, interaction__date__year=year)
        .annotate(month=ExtractMonth("interaction__date"))
        .values("user_id", "month")
        .annotate(n=Count("pk"), visits=Count("pk", filter=Q(interaction__kind="visit")))
    ):
        cell = per.setdefault((row["user_id"], row["month"]), [0, 0, 0])
        cell[0] += row["n"]
        cell[1] += row["visits"]
    act_through = PromotionActivity.staff.through
    for row in (
        act_through.objects.filter(user_id__in=staff_ids, promotionactivity__start_date__year=year)
        .annotate(month=ExtractMonth("promotionactivity__start_date"))
        .values("user_id", "month")
        .annotate(n=Count("pk"))
    ):
        per.setdefault((row["user_id"], row["month"]), [0, 0, 0])[2] += row["n"]
    months = list(range(1, 13))
    staff_rows = []
    region_totals = {}
    for s in staff:
        cells = [per.get((s.pk, m), [0, 0, 0]) for m in months]
        staff_rows.append(
            {"user": s, "cells": cells, "total": [sum(c[i] for c in cells) for i in range(3)]}
        )
        key = s.region
        agg = region_totals.setdefault(key, [[0, 0, 0] for _ in months])
        for m, c in enumerate(cells):
            for i in range(3):
                agg[m][i] += c[i]
    region_rows = [
        {"region": r, "cells": cells, "total": [sum(c[i] for c in cells) for i in range(3)]}
        for r, cells in sorted(
            region_totals.items(),
            key=lambda kv: (
                kv[0] is not None,
                getattr(kv[0], "sort_order", 0),
                getattr(kv[0], "code", ""),
            ),
        )
    ]
    return {"months": months, "staff": staff_rows, "regions": region_rows}
