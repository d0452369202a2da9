"""Writes on the investor database. Each is atomic, takes the acting user, checks the user's
right through `investors.selectors`, validates, saves and (for investors) leaves a history
row with the acting user. A refusal raises `DomainError` naming the field, or
`PermissionDenied` for an action outside the user's role."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.bounds import check_amount, check_planned_date, check_real_date
from config.errors import DomainError
from config.spam import SubmissionRefused, check_submission, ip_hash
from config.text import check_no_bidi
from outbox.services import enqueue
from reference import workdays
from reference.countries import countries

from . import hooks
from .models import (
    REMINDER_DEFAULT_DAYS,
    Agent,
    Channel,
    Contact,
    FollowUp,
    Inquiry,
    InquiryAnswer,
    InquiryRoute,
    InquirySettings,
    InquiryStatus,
    Interaction,
    InteractionKind,
    Investor,
    PromotionActivity,
    Reminder,
    ReminderKind,
    ReminderPreference,
)
from .names import name_key
from .selectors import (
    can_change_inquiry_settings,
    can_create_investors,
    can_edit_investor,
    can_log_interactions,
    editable_activities,
    editable_agents,
    editable_interactions,
    inquiries_for_user,
    owner_regions_for,
)

INVESTOR_FIELDS = (
    "name_zh_hans",
    "name_en",
    "country",
    "industry",
    "size",
    "website",
    "channel",
    "owner_region",
    "notes",
)
# Kept for callers of the first version (the admin).
EDITABLE_FIELDS = INVESTOR_FIELDS
CONTACT_FIELDS = ("name", "title", "email", "phone", "languages", "preferred_channel", "notes")
AGENT_FIELDS = (
    "name",
    "kind",
    "organisation",
    "country",
    "region",
    "phone",
    "email",
    "notes",
    "is_active",
)
ACTIVITY_FIELDS = (
    "name_zh_hans",
    "name_en",
    "kind",
    "start_date",
    "end_date",
    "place",
    "organiser_region",
    "cost_cny_10k",
    "notes",
    "is_public",
    "description_zh_hans",
    "description_en",
)


class DuplicateInvestor(DomainError):
    """An investor with the same normalised name exists; `matches` lists them."""

    def __init__(self, matches):
        names = "; ".join(f"{m} (#{m.pk})" for m in matches)
        super().__init__(
            _("This investor may already be in the database: %(names)s.") % {"names": names},
            field="name_zh_hans",
        )
        self.matches = matches


def _today() -> dt.date:
    return timezone.localdate()


def _check_country(value) -> str:
    code = str(getattr(value, "code", value) or "").strip().upper()
    if not code or code not in countries:
        raise DomainError(_("Choose a country from the list (ISO 3166-1)."), field="country")
    return code


def _check_email(value: str, field: str = "email") -> None:
    if value:
        try:
            validate_email(value)
        except ValidationError as exc:
            raise DomainError(_("Enter a valid email address."), field=field) from exc


# ---- investors ------------------------------------------------------------------------------


def investor_find_duplicates(*, name_zh_hans: str = "", name_en: str = "", exclude_pk=None):
    """Current investors whose normalised Chinese or English name equals either given name's,
    so a Chinese name typed in the English field (or the reverse) is found too."""
    keys = {k for k in (name_key(name_zh_hans), name_key(name_en)) if k}
    if not keys:
        return []
    qs = Investor.objects.current().filter(Q(name_key_zh__in=keys) | Q(name_key_en__in=keys))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.select_related("owner_region").order_by("pk")[:10])


def _prepare(investor: Investor) -> None:
    investor.name_zh_hans = (investor.name_zh_hans or "").strip()
    investor.name_en = (investor.name_en or "").strip()
    if not investor.name_zh_hans and not investor.name_en:
        raise DomainError(
            _("Give the investor's name in Chinese or English."), field="name_zh_hans"
        )
    investor.country = _check_country(investor.country)
    if investor.owner_region_id is None:
        raise DomainError(_("Choose the owner region."), field="owner_region")
    if investor.channel not in Channel.values:
        raise DomainError(_("Choose a relationship channel."), field="channel")
    # The base column mirrors the Chinese (default-language) name, else the English one.
    investor.__dict__["name"] = investor.name_zh_hans or investor.name_en
    investor.name_key_zh = name_key(investor.name_zh_hans)
    investor.name_key_en = name_key(investor.name_en)
    try:
        investor.full_clean(exclude=["name", "name_zh_hans", "name_en", "merged_into"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=field) from exc


def _save_investor(investor: Investor, *, user, reason: str = "") -> None:
    investor._history_user = user
    investor._change_reason = reason
    investor.save()


@transaction.atomic
def investor_create(*, user, data: dict, allow_duplicate: bool = False) -> Investor:
    """Create an investor owned by a region the user works on. When an investor with the
    same normalised name exists, raises DuplicateInvestor unless `allow_duplicate`."""
    if not can_create_investors(user):
        raise PermissionDenied(_("You may not add investors."))
    region = data.get("owner_region")
    if region is not None and not owner_regions_for(user).filter(pk=region.pk).exists():
        raise DomainError(_("You may not add investors for this region."), field="owner_region")
    investor = Investor(created_by=user)
    for field in INVESTOR_FIELDS:
        if field in data and data[field] is not None:
            setattr(investor, field, data[field])
    _prepare(investor)
    if not allow_duplicate:
        matches = investor_find_duplicates(
            name_zh_hans=investor.name_zh_hans, name_en=investor.name_en
        )
        if matches:
            raise DuplicateInvestor(matches)
    _save_investor(investor, user=user)
    return investor


@transaction.atomic
def investor_update(*, user, investor: Investor, data: dict) -> Investor:
    """Change the fields given in `data`; saves only when something changed. A new country is
    announced to the pipeline (`hooks.country_changed`), which keeps the statistics' copy on
    capital arrivals in step."""
    if not can_edit_investor(user, investor):
        raise PermissionDenied(_("You may not change this investor."))
    investor = Investor.objects.select_for_update().get(pk=investor.pk)
    if investor.is_archived:
        raise DomainError(_("This investor was merged into another and is archived."))
    if (
        "owner_region" in data
        and data["owner_region"] != investor.owner_region
        and not owner_regions_for(user).filter(pk=data["owner_region"].pk).exists()
    ):
        raise DomainError(_("You may not give investors to this region."), field="owner_region")
    old_country = investor.country.code if investor.country else ""
    changed = []
    for field in INVESTOR_FIELDS:
        if field in data and getattr(investor, field) != data[field]:
            setattr(investor, field, data[field])
            changed.append(field)
    if not changed:
        return investor
    _prepare(investor)
    _save_investor(investor, user=user)
    if (investor.country.code if investor.country else "") != old_country:
        hooks.country_changed(investor, user=user)
    return investor


# ---- contacts -------------------------------------------------------------------------------


def _require_investor_edit(user, investor) -> None:
    if not can_edit_investor(user, investor):
        raise PermissionDenied(_("You may not change this investor."))


def _current(obj, field):
    try:
        return getattr(obj, field)
    except ObjectDoesNotExist:  # a required relation not set yet
        return None


def _apply(obj, fields, data) -> list[str]:
    changed = []
    for field in fields:
        if field in data and _current(obj, field) != data[field]:
            value = data[field]
            model_field = obj._meta.get_field(field)
            if value is None and not model_field.is_relation and not model_field.null:
                value = ""  # an emptied text field
            setattr(obj, field, value)
            changed.append(field)
    return changed


def _validate_contact(contact: Contact) -> None:
    contact.name = (contact.name or "").strip()
    if not contact.name:
        raise DomainError(_("Give the contact's name."), field="name")
    _check_email(contact.email)


@transaction.atomic
def contact_create(*, user, investor: Investor, data: dict) -> Contact:
    _require_investor_edit(user, investor)
    contact = Contact(investor=investor, created_by=user)
    _apply(contact, CONTACT_FIELDS, data)
    _validate_contact(contact)
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, user, contact: Contact, data: dict) -> Contact:
    _require_investor_edit(user, contact.investor)
    if _apply(contact, CONTACT_FIELDS, data):
        _validate_contact(contact)
        contact.save()
    return contact


@transaction.atomic
def contact_delete(*, user, contact: Contact) -> None:
    _require_investor_edit(user, contact.investor)
    contact.delete()


# ---- interactions and follow-ups -------------------------------------------------------------


@transaction.atomic
def interaction_log(
    *,
    user,
    investor: Investor,
    kind: str,
    date: dt.date,
    summary: str,
    staff=None,
    contacts=None,
    project=None,
    activity: PromotionActivity | None = None,
    next_follow_up: dt.date | None = None,
) -> Interaction:
    """Record a contact with an investor. The acting user is always among the staff. The
    user's open follow-ups on this investor are done by it; a next follow-up date opens a new
    one, owned by the user."""
    if not can_log_interactions(user):
        raise PermissionDenied(_("You may not log interactions."))
    if investor.is_archived:
        raise DomainError(_("This investor was merged into another and is archived."))
    if kind not in InteractionKind.values:
        raise DomainError(_("Choose the kind of interaction."), field="kind")
    if date is None:
        raise DomainError(_("Give the date."), field="date")
    check_real_date(date, field="date")
    if not (summary or "").strip():
        raise DomainError(_("Write a summary."), field="summary")
    if next_follow_up is not None and next_follow_up < date:
        raise DomainError(
            _("The next follow-up cannot be before the interaction."), field="next_follow_up"
        )
    contacts = list(contacts or [])
    if any(c.investor_id != investor.pk for c in contacts):
        raise DomainError(_("A contact of another investor was chosen."), field="contacts")
    if project is not None and project.investor_id not in (None, investor.pk):
        raise DomainError(_("That project belongs to another investor."), field="project")
    interaction = Interaction.objects.create(
        investor=investor,
        kind=kind,
        date=date,
        summary=summary.strip(),
        project=project,
        activity=activity,
        next_follow_up=next_follow_up,
        logged_by=user,
    )
    interaction.staff.set({user, *(staff or [])})
    if contacts:
        interaction.contacts.set(contacts)
    FollowUp.objects.filter(
        owner=user, investor=investor, done_at__isnull=True, dismissed_at__isnull=True
    ).update(done_at=timezone.now())
    if next_follow_up:
        FollowUp.objects.create(
            investor=investor,
            interaction=interaction,
            owner=user,
            due_date=next_follow_up,
            note=summary.strip()[:300],
        )
    return interaction


@transaction.atomic
def interaction_update(*, user, interaction: Interaction, data: dict) -> Interaction:
    """Correct the summary, date or follow-up date of an interaction (its author or bureau)."""
    if not editable_interactions(user).filter(pk=interaction.pk).exists():
        raise PermissionDenied(_("You may not change this interaction."))
    for field in ("kind", "date", "summary", "next_follow_up"):
        if field in data:
            setattr(interaction, field, data[field])
    if interaction.date > _today():
        raise DomainError(_("The date cannot be in the future."), field="date")
    if not (interaction.summary or "").strip():
        raise DomainError(_("Write a summary."), field="summary")
    interaction.save()
    return interaction


def _own_follow_up(user, follow_up: FollowUp) -> None:
    if follow_up.owner_id != user.pk and not user.is_bureau_or_admin:
        raise PermissionDenied(_("This follow-up is someone else's."))


@transaction.atomic
def follow_up_done(*, user, follow_up: FollowUp) -> FollowUp:
    _own_follow_up(user, follow_up)
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.save(update_fields=["done_at"])
    return follow_up


@transaction.atomic
def follow_up_dismiss(*, user, follow_up: FollowUp) -> FollowUp:
    """Hide a follow-up from the lists; the row stays."""
    _own_follow_up(user, follow_up)
    if follow_up.dismissed_at is None:
        follow_up.dismissed_at = timezone.now()
        follow_up.save(update_fields=["dismissed_at"])
    return follow_up


@transaction.atomic
def reminder_dismiss(*, user, reminder: Reminder) -> Reminder:
    """Hide a reminder; the row stays (so it is not sent again)."""
    if reminder.user_id != user.pk:
        raise PermissionDenied(_("This reminder is someone else's."))
    if reminder.dismissed_at is None:
        reminder.dismissed_at = timezone.now()
        reminder.save(update_fields=["dismissed_at"])
    return reminder


@transaction.atomic
def reminder_preferences_set(*, user, preferences: dict) -> None:
    """`preferences`: {kind: (enabled, days)}. Days from 0 to 365."""
    for kind, (enabled, days) in preferences.items():
        if kind not in ReminderKind.values:
            raise DomainError(_("Unknown reminder."), field=kind)
        if days is None:
            days = REMINDER_DEFAULT_DAYS[kind]
        if not 0 <= int(days) <= 365:
            raise DomainError(_("Between 0 and 365 days."), field=f"{kind}_days")
        ReminderPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": bool(enabled), "days": int(days)}
        )


# ---- agents and promotion activities -------------------------------------------------------


def _validate_agent(agent: Agent, user) -> None:
    agent.name = (agent.name or "").strip()
    if not agent.name:
        raise DomainError(_("Give the agent's name."), field="name")
    _check_email(agent.email)
    if agent.country:
        agent.country = _check_country(agent.country)
    if not user.is_bureau_or_admin and (
        agent.region_id is None or not owner_regions_for(user).filter(pk=agent.region_id).exists()
    ):
        raise DomainError(_("Choose one of your regions."), field="region")


@transaction.atomic
def agent_create(*, user, data: dict) -> Agent:
    if not can_create_investors(user):
        raise PermissionDenied(_("You may not add agents."))
    agent = Agent()
    _apply(agent, AGENT_FIELDS, data)
    _validate_agent(agent, user)
    agent.save()
    return agent


@transaction.atomic
def agent_update(*, user, agent: Agent, data: dict) -> Agent:
    if not editable_agents(user).filter(pk=agent.pk).exists():
        raise PermissionDenied(_("You may not change this agent."))
    if _apply(agent, AGENT_FIELDS, data):
        _validate_agent(agent, user)
        agent.save()
    return agent


ACTIVITY_YEARS_AHEAD = 3


def _validate_activity(activity: PromotionActivity, user) -> None:
    activity.name_zh_hans = (activity.name_zh_hans or "").strip()
    if not activity.name_zh_hans:
        raise DomainError(_("The Chinese name is required."), field="name_zh_hans")
    activity.__dict__["name"] = activity.name_zh_hans
    if not activity.start_date:
        raise DomainError(_("Give the start date."), field="start_date")
    # Fairs and delegations are planned ahead: dates up to ACTIVITY_YEARS_AHEAD years on.
    check_planned_date(activity.start_date, field="start_date", years_ahead=ACTIVITY_YEARS_AHEAD)
    if not activity.end_date:
        activity.end_date = activity.start_date
    check_planned_date(activity.end_date, field="end_date", years_ahead=ACTIVITY_YEARS_AHEAD)
    if activity.end_date < activity.start_date:
        raise DomainError(_("The end date cannot be before the start date."), field="end_date")
    if activity.cost_cny_10k is None:
        raise DomainError(_("Give the cost."), field="cost_cny_10k")
    check_amount(
        activity.cost_cny_10k,
        field="cost_cny_10k",
        model_field=PromotionActivity._meta.get_field("cost_cny_10k"),
    )
    if (
        activity.organiser_region_id is None
        or not owner_regions_for(user).filter(pk=activity.organiser_region_id).exists()
    ):
        raise DomainError(_("Choose one of your regions."), field="organiser_region")


@transaction.atomic
def activity_create(*, user, data: dict, staff=None, investors_met=None) -> PromotionActivity:
    if not can_create_investors(user):
        raise PermissionDenied(_("You may not add promotion activities."))
    activity = PromotionActivity(created_by=user)
    _apply(activity, ACTIVITY_FIELDS, data)
    _validate_activity(activity, user)
    activity.save()
    if staff is not None:
        activity.staff.set(staff)
    if investors_met is not None:
        activity.investors_met.set(investors_met)
    return activity


@transaction.atomic
def activity_update(
    *, user, activity: PromotionActivity, data: dict, staff=None, investors_met=None
) -> PromotionActivity:
    if not editable_activities(user).filter(pk=activity.pk).exists():
        raise PermissionDenied(_("You may not change this promotion activity."))
    if _apply(activity, ACTIVITY_FIELDS, data):
        _validate_activity(activity, user)
        activity.save()
    if staff is not None:
        activity.staff.set(staff)
    if investors_met is not None:
        activity.investors_met.set(investors_met)
    return activity


# ---- public inquiries ----------------------------------------------------------------------


# The spam defences refused an inquiry; nothing was stored (config.spam).
InquiryRefused = SubmissionRefused


def add_working_days(start: dt.date, days: int) -> dt.date:
    """`days` working days after `start` in the official calendar (weekends and public
    holidays off, make-up workdays on): the inquiries' response clock. Delegates to
    `reference.workdays.add_working_days`, the one calendar of every deadline."""
    return workdays.add_working_days(start, days)


@transaction.atomic
def inquiry_submit(
    *,
    name: str,
    organisation: str,
    country,
    email: str,
    message: str,
    interest: str = "",
    industry=None,
    activity: PromotionActivity | None = None,
    language: str = "zh-hans",
    ip: str = "",
    homepage: str = "",
    started_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Inquiry:
    """Store an inquiry from the public site and queue the acknowledgement email (after
    commit). Refuses, storing nothing, when the hidden honeypot field `homepage` is filled,
    when the form came back sooner than INQUIRY_MIN_FILL_SECONDS after `started_at` (the
    time the form was served; None counts as too fast), or when the sender's address sent
    INQUIRY_RATE_LIMIT_PER_HOUR inquiries in the last hour. The inquiry goes to the named
    contact of its industry (InquiryRoute) when there is one; its first response is due
    INQUIRY_RESPONSE_WORKING_DAYS working days later. The acknowledgement repeats nothing the
    sender typed and goes to one address at most INQUIRY_ACKS_PER_ADDRESS_PER_DAY times."""
    now = now or timezone.now()
    address = ip_hash(ip)
    check_submission(
        honeypot=homepage,
        started_at=started_at,
        recent_from_address=Inquiry.objects.filter(
            ip_hash=address, received_at__gte=now - dt.timedelta(hours=1)
        ).count(),
        min_seconds=settings.INQUIRY_MIN_FILL_SECONDS,
        per_hour=settings.INQUIRY_RATE_LIMIT_PER_HOUR,
        now=now,
    )
    values = {"name": name, "organisation": organisation, "message": message}
    for field, value in values.items():
        if not (value or "").strip():
            raise DomainError(_("This field is required."), field=field)
    check_no_bidi("name", name)
    check_no_bidi("organisation", organisation)
    _check_email(email)
    code = _check_country(country)
    route = InquiryRoute.objects.filter(industry=industry).first() if industry else None
    local_today = timezone.localtime(now).date()
    inquiry = Inquiry.objects.create(
        name=name.strip(),
        organisation=organisation.strip(),
        country=code,
        email=email.strip(),
        industry=industry,
        interest=(interest or "").strip(),
        activity=activity,
        message=message.strip(),
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        assigned_to=route.contact if route else None,
        response_due=add_working_days(local_today, settings.INQUIRY_RESPONSE_WORKING_DAYS),
        ip_hash=address,
    )
    from .tasks import send_inquiry_acknowledgement

    to_sender = _acknowledgement_allowed(inquiry.email, inquiry.pk, now)
    enqueue(send_inquiry_acknowledgement, inquiry_id=inquiry.pk, to_sender=to_sender)
    return inquiry


def _acknowledgement_allowed(email: str, inquiry_id: int, now: dt.datetime) -> bool:
    """Whether the sender of inquiry `inquiry_id` may be acknowledged: at most
    INQUIRY_ACKS_PER_ADDRESS_PER_DAY acknowledgements go to one address in 24 hours, whatever
    client sent them, so the form cannot be used to mail-bomb an address in the bureau's
    name (the inquiries themselves are all kept)."""
    earlier = Inquiry.objects.filter(
        email__iexact=email, received_at__gte=now - dt.timedelta(hours=24)
    ).exclude(pk=inquiry_id)
    return earlier.count() < settings.INQUIRY_ACKS_PER_ADDRESS_PER_DAY


def public_event_open(activity: PromotionActivity, today: dt.date | None = None) -> bool:
    """A promotion activity takes registrations of interest while it is on the public
    calendar and has not ended."""
    today = today or timezone.localdate()
    return activity.is_public and activity.end_date >= today


@transaction.atomic
def event_register(
    *,
    activity: PromotionActivity,
    name: str,
    organisation: str,
    country,
    email: str,
    message: str = "",
    language: str = "zh-hans",
    ip: str = "",
    homepage: str = "",
    started_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Inquiry:
    """A registration of interest in a public event: an inquiry (a lead, with the spam
    defences, reference and acknowledgement of `inquiry_submit`) linked to the activity.
    Refuses an event that is not on the public calendar or has ended."""
    today = timezone.localtime(now or timezone.now()).date()
    if not public_event_open(activity, today):
        raise DomainError(_("Registration for this event is closed."))
    with translation.override(language):
        title = activity.name_en if language == "en" and activity.name_en else activity.name
        interest = _("Event: %(name)s") % {"name": title}
        text = (message or "").strip() or _("I would like to take part in this event.")
    return inquiry_submit(
        name=name,
        organisation=organisation,
        country=country,
        email=email,
        message=text,
        interest=interest[:200],
        activity=activity,
        language=language,
        ip=ip,
        homepage=homepage,
        started_at=started_at,
        now=now,
    )


def _require_inquiry(user, inquiry: Inquiry) -> Inquiry:
    if not inquiries_for_user(user).filter(pk=inquiry.pk).exists():
        raise PermissionDenied(_("You may not handle this inquiry."))
    return Inquiry.objects.select_for_update().get(pk=inquiry.pk)


def _first_response(inquiry: Inquiry, user) -> None:
    if inquiry.first_response_at is None:
        inquiry.first_response_at = timezone.now()
        inquiry.responded_by = user


@transaction.atomic
def inquiry_settings_set(*, user, publish_median_response: bool) -> InquirySettings:
    """Bureau and administrators choose whether the public inquiry page shows the median
    first-response time of the last 90 days."""
    if not can_change_inquiry_settings(user):
        raise PermissionDenied(_("You may not change the inquiry settings."))
    current, _created = InquirySettings.objects.select_for_update().get_or_create(pk=1)
    current.publish_median_response = bool(publish_median_response)
    current.updated_by = user
    current.save()
    return current


@transaction.atomic
def inquiry_respond(*, user, inquiry: Inquiry, note: str) -> Inquiry:
    """Record the first (or a further) response to an inquiry; starts nothing else."""
    inquiry = _require_inquiry(user, inquiry)
    if inquiry.status == InquiryStatus.SPAM:
        raise DomainError(_("This inquiry was marked as spam."))
    if not (note or "").strip():
        raise DomainError(_("Say how you responded."), field="note")
    _first_response(inquiry, user)
    inquiry.response_note = "\n".join(filter(None, [inquiry.response_note, note.strip()]))
    if inquiry.status == InquiryStatus.NEW:
        inquiry.status = InquiryStatus.RESPONDED
    inquiry.save()
    return inquiry


ANSWER_MAX_LENGTH = 10000


@transaction.atomic
def inquiry_answer(*, user, inquiry: Inquiry, text: str) -> InquiryAnswer:
    """Answer an inquiry from the portal. The answer is kept with the inquiry, e-mailed to
    the sender in the inquiry's language after commit (`send_inquiry_answer`), and, when the
    inquiry is linked to an investor, recorded among the investor's interactions (an e-mail
    today, by the acting user). The first answer stops the response clock
    (`first_response_at`) and moves a new inquiry to *responded*. Refuses a spam inquiry
    and an empty answer; PermissionDenied outside the user's inquiries."""
    inquiry = _require_inquiry(user, inquiry)
    if inquiry.status == InquiryStatus.SPAM:
        raise DomainError(_("This inquiry was marked as spam."))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the answer."), field="text")
    if len(text) > ANSWER_MAX_LENGTH:
        raise DomainError(
            _("Keep the answer under %(n)s characters.") % {"n": ANSWER_MAX_LENGTH}, field="text"
        )
    interaction = None
    if inquiry.investor_id is not None:
        interaction = Interaction.objects.create(
            investor_id=inquiry.investor_id,
            kind=InteractionKind.EMAIL,
            date=_today(),
            summary=_("Answer to website inquiry %(ref)s:\n%(text)s")
            % {"ref": inquiry.reference, "text": text},
            logged_by=user,
        )
        interaction.staff.set([user])
    answer = InquiryAnswer.objects.create(
        inquiry=inquiry, text=text, sent_by=user, interaction=interaction
    )
    _first_response(inquiry, user)
    if inquiry.status == InquiryStatus.NEW:
        inquiry.status = InquiryStatus.RESPONDED
    inquiry.save(update_fields=["first_response_at", "responded_by", "status"])
    from .tasks import send_inquiry_answer

    enqueue(send_inquiry_answer, answer_id=answer.pk)
    return answer


@transaction.atomic
def inquiry_mark_spam(*, user, inquiry: Inquiry) -> Inquiry:
    inquiry = _require_inquiry(user, inquiry)
    if inquiry.status == InquiryStatus.CONVERTED:
        raise DomainError(_("This inquiry already became an investor."))
    inquiry.status = InquiryStatus.SPAM
    inquiry.save(update_fields=["status"])
    return inquiry


@transaction.atomic
def inquiry_convert(
    *,
    user,
    inquiry: Inquiry,
    owner_region,
    investor: Investor | None = None,
    follow_up: dt.date | None = None,
    allow_duplicate: bool = False,
) -> Investor:
    """Turn an inquiry into investor + contact + interaction in one step. With `investor`
    given, the contact and interaction go to that existing investor; otherwise a new one is
    created (the duplicate check applies). The interaction is the inquiry itself (an email
    on the date it came in); `follow_up` opens a follow-up for the acting user. The inquiry
    counts as responded to."""
    inquiry = _require_inquiry(user, inquiry)
    if inquiry.status in (InquiryStatus.SPAM, InquiryStatus.CONVERTED):
        raise DomainError(_("This inquiry cannot be converted any more."))
    if investor is None:
        investor = investor_create(
            user=user,
            data={
                "name_en" if inquiry.language == "en" else "name_zh_hans": inquiry.organisation,
                "country": inquiry.country.code,
                "industry": inquiry.industry,
                "channel": Channel.WEBSITE,
                "owner_region": owner_region,
            },
            allow_duplicate=allow_duplicate,
        )
    contact = contact_create(
        user=user,
        investor=investor,
        data={"name": inquiry.name, "email": inquiry.email, "preferred_channel": "email"},
    )
    received = timezone.localtime(inquiry.received_at).date()
    interaction_log(
        user=user,
        investor=investor,
        kind=InteractionKind.EMAIL,
        date=min(received, _today()),
        summary=_("Website inquiry %(ref)s: %(interest)s\n%(message)s")
        % {"ref": inquiry.reference, "interest": inquiry.interest, "message": inquiry.message},
        contacts=[contact],
        next_follow_up=follow_up,
    )
    _first_response(inquiry, user)
    inquiry.status = InquiryStatus.CONVERTED
    inquiry.investor = investor
    inquiry.save()
    return investor
