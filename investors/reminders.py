"""The daily reminders: follow-ups coming due and overdue, investors with no interaction for
a while, inquiries waiting for a first response. Each user chooses which they get and after
how many days (`ReminderPreference`; no row means the default).

A reminder is written once, when its threshold has passed — whenever the job next runs, so a
day it did not run loses nothing — under a unique key (the same thing never reminds twice),
and sent in the user's next digest email. Running the job twice the same day writes and sends
nothing the second time. Dismissing a reminder hides it; the row stays."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import language_of
from accounts.models import Role, User
from accounts.scoping import user_region_ids

from .models import (
    REMINDER_DEFAULT_DAYS,
    FollowUp,
    Inquiry,
    InquiryStatus,
    Investor,
    Reminder,
    ReminderKind,
    ReminderPreference,
)
from .services import add_working_days


def preferences(user) -> dict[str, tuple[bool, int]]:
    """{kind: (enabled, days)} for every reminder kind, defaults filled in."""
    prefs = {k: (True, d) for k, d in REMINDER_DEFAULT_DAYS.items()}
    for p in ReminderPreference.objects.filter(user=user):
        prefs[p.kind] = (p.enabled, p.days)
    return prefs


def _candidates(user, kind: str, days: int, today: dt.date) -> list[dict]:
    """What is past its threshold for this user and kind: [{key, investor, text, due_date}]."""
    if kind == ReminderKind.FOLLOW_UP_DUE:
        qs = FollowUp.objects.filter(
            owner=user,
            done_at__isnull=True,
            dismissed_at__isnull=True,
            due_date__lte=today + dt.timedelta(days=days),
            due_date__gte=today,
        ).select_related("investor")
        return [
            {"key": f"follow_up:{f.pk}", "investor": f.investor, "text": str(f.investor),
             "due_date": f.due_date}
            for f in qs
        ]  # fmt: skip
    if kind == ReminderKind.FOLLOW_UP_OVERDUE:
        qs = FollowUp.objects.filter(
            owner=user,
            done_at__isnull=True,
            dismissed_at__isnull=True,
            due_date__lte=today - dt.timedelta(days=days),
        ).select_related("investor")
        return [
            {"key": f"follow_up:{f.pk}", "investor": f.investor, "text": str(f.investor),
             "due_date": f.due_date}
            for f in qs
        ]  # fmt: skip
    if kind == ReminderKind.INVESTOR_QUIET:
        # District staff: the investors their regions own; everyone else: the investors they
        # have met.
        ids = user_region_ids(user)
        if ids is not None:
            mine = Q(owner_region_id__in=ids)
        elif user.role in (Role.BUREAU, Role.ADMIN) or user.is_superuser:
            mine = Q(interactions__staff=user)
        else:
            return []
        cutoff = today - dt.timedelta(days=days)
        qs = (
            Investor.objects.current()
            .filter(pk__in=Investor.objects.filter(mine).values("pk"))
            .annotate(last=Max("interactions__date"))
            .filter(Q(last__lte=cutoff) | Q(last__isnull=True, created_at__date__lte=cutoff))
        )
        return [
            {
                "key": f"investor:{i.pk}:{i.last.isoformat() if i.last else 'never'}",
                "investor": i,
                "text": str(i),
                "due_date": (i.last or i.created_at.date()) + dt.timedelta(days=days),
            }
            for i in qs
        ]
    if kind == ReminderKind.INQUIRY_OVERDUE:
        qs = Inquiry.objects.filter(status=InquiryStatus.NEW, first_response_at__isnull=True)
        if not user.is_bureau_or_admin:
            qs = qs.filter(assigned_to=user)
        rows = []
        for q in qs:
            due = add_working_days(timezone.localtime(q.received_at).date(), days)
            if due < today:
                rows.append(
                    {"key": f"inquiry:{q.pk}", "investor": q.investor,
                     "text": f"{q.reference} {q.organisation}", "due_date": due}
                )  # fmt: skip
        return rows
    return []


def collect_reminders(today: dt.date | None = None) -> int:
    """Write the reminders whose threshold has passed for every active staff member; returns
    how many were new."""
    today = today or timezone.localdate()
    created = 0
    for user in User.objects.filter(is_active=True).order_by("pk"):
        for kind, (enabled, days) in preferences(user).items():
            if not enabled:
                continue
            existing = set(
                Reminder.objects.filter(user=user, kind=kind).values_list("key", flat=True)
            )
            for c in _candidates(user, kind, days, today):
                if c["key"] in existing:
                    continue
                try:
                    with transaction.atomic():
                        Reminder.objects.create(
                            user=user,
                            kind=kind,
                            key=c["key"],
                            investor=c["investor"],
                            text=c["text"][:300],
                            due_date=c["due_date"],
                        )
                    created += 1
                except IntegrityError:
                    # Another run wrote it first: it is owed once.
                    continue
    return created


def send_digests() -> int:
    """Email each user their reminders not yet sent (those with an email address); marks
    them sent. Returns the number of emails sent."""
    pending = defaultdict(list)
    for r in (
        Reminder.objects.filter(sent_at__isnull=True, dismissed_at__isnull=True)
        .select_related("user", "investor")
        .order_by("user_id", "kind", "due_date", "id")
    ):
        pending[r.user].append(r)
    sent = 0
    for user, reminders in pending.items():
        if not user.email:
            continue
        with translation.override(language_of(user)):
            subject = _("Your reminders: %(n)s") % {"n": len(reminders)}
            body = render_to_string(
                "investors/email/digest.txt", {"user": user, "reminders": reminders}
            )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        Reminder.objects.filter(pk__in=[r.pk for r in reminders], sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        sent += 1
    return sent
