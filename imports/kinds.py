"""What each kind of record looks like in a spreadsheet: its columns (with their labels in
both languages, which are the file's headers), how a cell is read, the key that makes a second
import of the same row change nothing, and the service that writes it.

Every write goes through the owning app's services (the stage gates of projects/workflow.py,
the bounds of config/bounds.py, the scope and role checks): an import can do nothing a person
could not do on the pages, and it leaves the same history.
"""

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import override as language_override
from django_countries import countries

from accounts.models import Role, User
from config.bounds import check_amount, check_real_date
from config.errors import DomainError
from feedback.models import ServiceVisit
from investors.models import Agent, Channel, Contact, Investor, Size, SourceGroup
from investors.names import name_key
from liaison.models import LiaisonAssignment, LiaisonUnit
from projects import workflow
from projects.models import (
    CapitalArrival,
    Category,
    EnterpriseType,
    IntroducerKind,
    Project,
    RegionTarget,
)
from reference.models import IndustrySection, Region, RegionKind

from .models import ImportedRecord, ImportKind

LANGUAGES = ("zh-hans", "en")


@dataclass(frozen=True)
class Column:
    """One column: `key` is the field it fills; `label` its header (in the file's language);
    `type` how a cell is read (text, date, decimal, int, choice, region, industry, unit,
    user, users, project, investor, country, currency, email); `choices` for a choice (a
    function, so labels follow the language); `model_field` bounds a number."""

    key: str
    label: object
    type: str = "text"
    required: bool = False
    choices: object = None
    model_field: object = None
    max_length: int = 0
    help: object = ""


@dataclass
class Kind:
    code: str
    columns: tuple[Column, ...]
    # Only administrators import this kind (staff users: roles are theirs to give).
    admin_only: bool = False
    by_key: dict = field(default_factory=dict)

    def __post_init__(self):
        self.by_key = {c.key: c for c in self.columns}


def _stage_choices():
    return [(s.code, s.label) for s in workflow.STAGES]


PROJECT = Kind(
    ImportKind.PROJECTS,
    (
        Column("code", gettext_lazy("Project code"), required=True, max_length=100,
               help=gettext_lazy("Your own number for the project: the key of the import.")),
        Column("name_zh_hans", gettext_lazy("Name (Chinese)"), required=True, max_length=200),
        Column("name_en", gettext_lazy("Name (English)"), max_length=200),
        Column("region", gettext_lazy("Region"), "region", required=True),
        Column("industry", gettext_lazy("Industry"), "industry"),
        Column("industry_class", gettext_lazy("Industry class (GB/T 4754)"), max_length=5,
               help=gettext_lazy("A division, group or class in the section, e.g. 27 or 2710.")),
        Column("investor", gettext_lazy("Investor"), "investor"),
        Column("category", gettext_lazy("Category"), "choice", choices=Category.choices),
        Column("capital_source", gettext_lazy("Capital source"), "choice",
               choices=SourceGroup.choices),
        Column("enterprise_type", gettext_lazy("Enterprise type"), "choice",
               choices=EnterpriseType.choices),
        Column("total_investment_cny_10k", gettext_lazy("Total investment (10k CNY)"), "decimal",
               model_field=Project._meta.get_field("total_investment_cny_10k")),
        Column("contracted_fdi_usd_10k", gettext_lazy("Contracted foreign capital (10k USD)"),
               "decimal", model_field=Project._meta.get_field("contracted_fdi_usd_10k")),
        Column("unusual_reason", gettext_lazy("Reason for unusual figures"), max_length=2000,
               help=gettext_lazy("Only when the figures are unusual and right: contracted "
                                 "capital above the total, or a capital source other than the "
                                 "investor's country gives.")),
        Column("introducer_kind", gettext_lazy("Introducer kind"), "choice",
               choices=IntroducerKind.choices),
        Column("introducer", gettext_lazy("Introducer"),
               help=gettext_lazy("A staff user name, or an agent or enterprise name.")),
        Column("intent_date", gettext_lazy("Intent date"), "date", required=True),
        Column("contract_date", gettext_lazy("Contract date"), "date"),
        Column("approval_date", gettext_lazy("Approval date"), "date"),
        Column("groundbreaking_date", gettext_lazy("Groundbreaking date"), "date"),
        Column("operation_date", gettext_lazy("Operation date"), "date"),
        Column("liaison_unit", gettext_lazy("Liaison unit"), "unit",
               help=gettext_lazy("Needed from groundbreaking on.")),
        Column("liaison_person", gettext_lazy("Liaison person"), "user"),
    ),
)  # fmt: skip

ARRIVAL = Kind(
    ImportKind.ARRIVALS,
    (
        Column("project", gettext_lazy("Project code"), "project", required=True),
        Column("date", gettext_lazy("Date"), "date", required=True),
        Column("amount", gettext_lazy("Amount"), "decimal", required=True,
               model_field=CapitalArrival._meta.get_field("amount")),
        Column("currency", gettext_lazy("Currency"), "currency", required=True),
        Column("usd_rate", gettext_lazy("Rate to USD"), "decimal",
               model_field=CapitalArrival._meta.get_field("usd_rate")),
        Column("rate_source", gettext_lazy("Rate source"), max_length=120),
    ),
)  # fmt: skip

TARGET = Kind(
    ImportKind.TARGETS,
    (
        Column("year", gettext_lazy("Year"), "int", required=True),
        Column("region", gettext_lazy("Region"), "region", required=True),
        *(
            Column(f, RegionTarget._meta.get_field(f).verbose_name, "decimal",
                   model_field=RegionTarget._meta.get_field(f))
            for f in ("negotiated", "approved", "started", "utilized_fdi_usd_10k",
                      "contracted_fdi_usd_10k")
        ),
    ),
)  # fmt: skip

ASSIGNMENT = Kind(
    ImportKind.ASSIGNMENTS,
    (
        Column("project", gettext_lazy("Project code"), "project", required=True),
        Column("unit", gettext_lazy("Liaison unit"), "unit", required=True),
        Column("person", gettext_lazy("Liaison person"), "user", required=True),
        Column("start_date", gettext_lazy("Start date"), "date", required=True),
        Column("visit_cadence_days", gettext_lazy("Visit cadence (days)"), "int"),
    ),
)  # fmt: skip

VISIT = Kind(
    ImportKind.VISITS,
    (
        Column("project", gettext_lazy("Project code"), "project", required=True),
        Column("unit", gettext_lazy("Liaison unit"), "unit", required=True),
        Column("date", gettext_lazy("Date"), "date", required=True),
        Column("purpose", gettext_lazy("Purpose"), required=True, max_length=300),
        Column("problems_raised", gettext_lazy("Problems raised")),
        Column("staff", gettext_lazy("Visiting staff"), "users",
               help=gettext_lazy("User names, separated by ;")),
        Column("contact_name", gettext_lazy("Enterprise contact"), max_length=100),
        Column("contact_email", gettext_lazy("Contact e-mail"), "email"),
    ),
)  # fmt: skip

INVESTOR = Kind(
    ImportKind.INVESTORS,
    (
        Column("name_zh_hans", gettext_lazy("Name (Chinese)"), max_length=200),
        Column("name_en", gettext_lazy("Name (English)"), max_length=200),
        Column("country", gettext_lazy("Country"), "country", required=True),
        Column("industry", gettext_lazy("Industry"), "industry"),
        Column("size", gettext_lazy("Size"), "choice", choices=Size.choices),
        Column("website", gettext_lazy("Website")),
        Column("channel", gettext_lazy("Channel"), "choice", choices=Channel.choices),
        Column("owner_region", gettext_lazy("Owner region"), "region", required=True),
        Column("notes", gettext_lazy("Notes")),
    ),
)  # fmt: skip

CONTACT = Kind(
    ImportKind.CONTACTS,
    (
        Column("investor", gettext_lazy("Investor"), "investor", required=True),
        Column("name", gettext_lazy("Name"), required=True, max_length=100),
        Column("title", gettext_lazy("Title")),
        Column("email", gettext_lazy("E-mail"), "email"),
        Column("phone", gettext_lazy("Phone")),
        Column("languages", gettext_lazy("Languages")),
        Column("preferred_channel", gettext_lazy("Preferred channel")),
    ),
)  # fmt: skip

USER = Kind(
    ImportKind.USERS,
    (
        Column("username", gettext_lazy("User name"), required=True, max_length=150),
        Column("last_name", gettext_lazy("Family name"), max_length=150),
        Column("first_name", gettext_lazy("Given name"), max_length=150),
        Column("name_en", gettext_lazy("Name in English"), max_length=150),
        Column("email", gettext_lazy("E-mail"), "email", required=True),
        Column("phone", gettext_lazy("Phone"), max_length=32),
        Column("role", gettext_lazy("Role"), "choice", required=True, choices=Role.choices),
        Column("region", gettext_lazy("Region"), "region",
               help=gettext_lazy("District staff only.")),
        Column("liaison_unit", gettext_lazy("Liaison unit"), "unit",
               help=gettext_lazy("Liaison-unit staff only.")),
        Column("preferred_language", gettext_lazy("Language for e-mails"), "choice",
               choices=settings.LANGUAGES,
               help=gettext_lazy("zh-hans or en; empty: Chinese.")),
    ),
    admin_only=True,
)  # fmt: skip

KINDS = {k.code: k for k in (PROJECT, ARRIVAL, TARGET, ASSIGNMENT, VISIT, INVESTOR, CONTACT, USER)}


# ---- reading cells --------------------------------------------------------------------------


class CellError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(text: str) -> dt.date:
    m = _DATE.match(text.strip())
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise CellError(_("Enter a date as YYYY-MM-DD."))


def parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        raise CellError(_("Enter a number.")) from None
    if not value.is_finite():
        raise CellError(_("Enter a number."))
    return value


def choice_map(choices) -> dict:
    """Every way a choice may be written — its code, its label in either language — to the
    code, case-insensitively."""
    out = {}
    for code, label in choices:
        out[str(code).lower()] = code
        for lang in LANGUAGES:
            with language_override(lang):
                out[str(label).strip().lower()] = code
    return out


class Lookups:
    """The reference data a file names, read once per file (a 10,000-row file does not look
    the same region up 10,000 times)."""

    def __init__(self):
        self._cache = {}

    def _memo(self, name, build):
        if name not in self._cache:
            self._cache[name] = build()
        return self._cache[name]

    def regions(self) -> dict:
        def build():
            out = {}
            for r in Region.objects.all():
                for k in (r.code, r.name_zh_hans, r.name_en, r.name):
                    if k:
                        out.setdefault(str(k).strip().lower(), r)
            return out

        return self._memo("regions", build)

    def industries(self) -> dict:
        def build():
            out = {}
            for s in IndustrySection.objects.all():
                for k in (s.code, s.name_zh_hans, s.name_en, s.name):
                    if k:
                        out.setdefault(str(k).strip().lower(), s)
            return out

        return self._memo("industries", build)

    def units(self) -> dict:
        def build():
            out = {}
            for u in LiaisonUnit.objects.all():
                for k in (u.code, u.name_zh_hans, u.name_en, u.name):
                    if k:
                        out.setdefault(str(k).strip().lower(), u)
            return out

        return self._memo("units", build)

    def imported_keys(self, kind: str) -> set:
        """The keys earlier imports of `kind` wrote (one query for a whole file)."""
        return self._memo(
            ("imported", kind),
            lambda: set(ImportedRecord.objects.filter(kind=kind).values_list("key", flat=True)),
        )

    def choices(self, column: Column) -> dict:
        return self._memo(("choices", column.key), lambda: choice_map(column.choices))

    def user(self, username: str):
        users = self._memo("users", dict)
        if username not in users:
            users[username] = User.objects.filter(username=username, is_active=True).first()
        return users[username]

    def project(self, text: str):
        """A project by its code in an earlier import, or by its number in the portal."""
        projects = self._memo("projects", dict)
        if text not in projects:
            pk = (
                ImportedRecord.objects.filter(kind=ImportKind.PROJECTS, key=text)
                .values_list("object_id", flat=True)
                .first()
            )
            if pk is None and text.lstrip("#").isdigit():
                pk = int(text.lstrip("#"))
            projects[text] = Project.objects.filter(pk=pk).first() if pk else None
        return projects[text]

    def investor(self, text: str):
        investors = self._memo("investors", dict)
        if text not in investors:
            qs = Investor.objects.current()
            inv = (
                qs.filter(pk=int(text.lstrip("#"))).first() if text.lstrip("#").isdigit() else None
            )
            key = name_key(text)
            inv = inv or (
                qs.filter(name_key_zh=key).order_by("pk").first()
                or qs.filter(name_key_en=key).order_by("pk").first()
                or qs.filter(Q(name_zh_hans=text) | Q(name_en=text)).order_by("pk").first()
            )
            investors[text] = inv
        return investors[text]

    def introducer(self, kind: str, text: str):
        if kind == IntroducerKind.STAFF:
            return "introducer_user", self.user(text)
        if kind == IntroducerKind.AGENT:
            agents = self._memo("agents", dict)
            if text not in agents:
                agents[text] = Agent.objects.filter(name=text).order_by("pk").first()
            return "introducer_agent", agents[text]
        return "introducer_enterprise", self.investor(text)


def read_cell(column: Column, text: str, lookups: Lookups):
    """The value of one cell (stripped text) for `column`; raises CellError with a message in
    the active language. An empty cell is None (or "" for text)."""
    if text == "":
        if column.required:
            raise CellError(_("This column is required."))
        return "" if column.type in ("text", "choice", "email", "currency") else None
    t = column.type
    if t == "text":
        if column.max_length and len(text) > column.max_length:
            raise CellError(_("At most %(n)d characters.") % {"n": column.max_length})
        return text
    if t == "date":
        return parse_date(text)
    if t in ("decimal", "int"):
        value = parse_decimal(text)
        if t == "int" and value != value.to_integral_value():
            raise CellError(_("Enter a whole number."))
        if column.model_field is not None:
            try:
                check_amount(value, field=column.key, model_field=column.model_field)
            except DomainError as exc:
                raise CellError(str(exc.message)) from None
        return int(value) if t == "int" else value
    if t == "choice":
        code = lookups.choices(column).get(text.lower())
        if code is None:
            raise CellError(_("Not one of the allowed values (see the allowed values sheet)."))
        return code
    if t == "region":
        found = lookups.regions().get(text.lower())
        if found is None:
            raise CellError(_("Unknown region: give its code or name as in the allowed values."))
        return found
    if t == "industry":
        found = lookups.industries().get(text.lower())
        if found is None:
            raise CellError(_("Unknown industry section (GB/T 4754 letter or name)."))
        return found
    if t == "unit":
        found = lookups.units().get(text.lower())
        if found is None:
            raise CellError(_("Unknown liaison unit."))
        return found
    if t == "user":
        found = lookups.user(text)
        if found is None:
            raise CellError(_("No active user with this user name."))
        return found
    if t == "users":
        names = [n.strip() for n in re.split(r"[;；,，]", text) if n.strip()]
        found = [lookups.user(n) for n in names]
        if None in found:
            raise CellError(_("No active user with this user name."))
        return found
    if t == "project":
        found = lookups.project(text)
        if found is None:
            raise CellError(_("No project with this code or number."))
        return found
    if t == "investor":
        found = lookups.investor(text)
        if found is None:
            raise CellError(_("No investor with this number or name."))
        return found
    if t == "country":
        code = text.upper() if text.upper() in countries else countries.by_name(text)
        if not code:
            raise CellError(_("Choose a country from the list (ISO 3166-1)."))
        return code
    if t == "currency":
        from projects.services import CURRENCIES

        if text.upper() not in CURRENCIES:
            raise CellError(_("Use a current ISO 4217 currency code such as USD, EUR or HKD."))
        return text.upper()
    if t == "email":
        try:
            validate_email(text)
        except ValidationError:
            raise CellError(_("Enter a valid email address.")) from None
        return text
    raise AssertionError(t)


def real_date(value, key):
    """A stage, arrival, visit or assignment date: never in the future, never before
    REAL_DATE_EARLIEST (config/bounds.py)."""
    try:
        check_real_date(value, field=key)
    except DomainError as exc:
        raise CellError(str(exc.message)) from None


# ---- per kind: row rules beyond a cell, the key, whether it exists, the write ------------


def row_rules(kind: Kind, v: dict) -> list[tuple[str, str]]:
    """Rules across a row's cells, checked in the dry run before any write: (field, message)."""
    errors = []
    for c in kind.columns:
        if c.type == "date" and v.get(c.key) is not None:
            try:
                real_date(v[c.key], c.key)
            except CellError as exc:
                errors.append((c.key, exc.message))
    if kind is PROJECT:
        errors += _project_rules(v)
    elif kind is TARGET and v.get("year") is not None and not 2000 <= v["year"] <= 2100:
        errors.append(("year", _("Give a year between 2000 and 2100.")))
    elif kind is INVESTOR and not (v.get("name_zh_hans") or v.get("name_en")):
        errors.append(("name_zh_hans", _("Give the investor's name in Chinese or English.")))
    elif kind is USER:
        if v.get("role") == Role.DISTRICT and not v.get("region"):
            errors.append(("region", _("District staff belong to a region.")))
        if v.get("role") == Role.LIAISON and not v.get("liaison_unit"):
            errors.append(("liaison_unit", _("Liaison-unit staff must belong to a liaison unit.")))
    return errors


def _project_rules(v: dict) -> list[tuple[str, str]]:
    errors = []
    if v.get("region") is not None and v["region"].kind == RegionKind.CITY:
        errors.append(("region", _("The city level holds no projects: choose a district.")))
    # Stage dates: each stage after the one before, none skipped (a project moves one stage
    # at a time).
    gap = False
    for stage in workflow.STAGES:
        if v.get(stage.date_field) is None:
            gap = True
        elif gap:
            errors.append((stage.date_field, _("Give the date of the stage before it first.")))
            break
    dates = [(s.date_field, v.get(s.date_field)) for s in workflow.STAGES if v.get(s.date_field)]
    for (_before_field, before), (f, date) in itertools.pairwise(dates):
        if date < before:
            errors.append((f, _("The date cannot be before the previous stage's date.")))
    reached = [s.code for s in workflow.STAGES if v.get(s.date_field)]
    if reached:
        probe = Project(
            investor=v.get("investor"),
            industry=v.get("industry"),
            capital_source=v.get("capital_source") or SourceGroup.FOREIGN,
            enterprise_type=v.get("enterprise_type") or "",
            total_investment_cny_10k=v.get("total_investment_cny_10k"),
            contracted_fdi_usd_10k=v.get("contracted_fdi_usd_10k"),
        )
        for gate_field, message in workflow.gate_failures(probe, reached[-1]):
            errors.append((gate_field, str(message)))
        if "groundbreaking" in reached and not (v.get("liaison_unit") and v.get("liaison_person")):
            errors.append(
                (
                    "liaison_unit",
                    _("Groundbreaking needs a responsible liaison unit and person."),
                )
            )
    if v.get("introducer_kind") and not v.get("introducer"):
        errors.append(("introducer", _("Name the introducer.")))
    return errors


def row_key(kind: Kind, v: dict) -> str:
    """The key that makes a re-import change nothing (see the module's docstring)."""
    if kind is PROJECT:
        return v["code"]
    if kind is ARRIVAL:
        return f"{v['project'].pk}|{v['date'].isoformat()}|{v['amount'].normalize()}"
    if kind is TARGET:
        measures = ",".join(
            f"{c.key}={v[c.key].normalize()}"
            for c in TARGET.columns[2:]
            if v.get(c.key) is not None
        )
        return f"{v['year']}|{v['region'].pk}|{measures}"
    if kind is ASSIGNMENT:
        return str(v["project"].pk)
    if kind is VISIT:
        return f"{v['project'].pk}|{v['date'].isoformat()}|{v['unit'].pk}"
    if kind is INVESTOR:
        keys = sorted({k for k in (name_key(v["name_zh_hans"]), name_key(v["name_en"])) if k})
        return "|".join(keys)
    if kind is CONTACT:
        return f"{v['investor'].pk}|{v['name'].strip().lower()}"
    return v["username"]


def row_exists(kind: Kind, v: dict, key: str, lookups: Lookups) -> bool:
    """Whether the record is already there (imported before, or entered by hand)."""
    if kind is PROJECT:
        return key in lookups.imported_keys(kind.code)
    if kind is ARRIVAL:
        return CapitalArrival.objects.filter(
            project=v["project"], date=v["date"], amount=v["amount"]
        ).exists()
    if kind is TARGET:
        target = RegionTarget.objects.filter(region=v["region"], year=v["year"]).first()
        return target is not None and all(
            getattr(target, c.key) == v[c.key]
            for c in TARGET.columns[2:]
            if v.get(c.key) is not None
        )
    if kind is ASSIGNMENT:
        return LiaisonAssignment.objects.filter(
            project=v["project"], voided_at__isnull=True
        ).exists()
    if kind is VISIT:
        return ServiceVisit.objects.filter(
            project=v["project"], date=v["date"], unit=v["unit"]
        ).exists()
    if kind is INVESTOR:
        from investors.services import investor_find_duplicates

        return bool(investor_find_duplicates(name_zh_hans=v["name_zh_hans"], name_en=v["name_en"]))
    if kind is CONTACT:
        return Contact.objects.filter(investor=v["investor"], name__iexact=v["name"]).exists()
    return User.objects.filter(username=v["username"]).exists()


def file_keys(kind: Kind, v: dict, key: str) -> set[str]:
    """The keys two rows of one file must not share (an investor's either name)."""
    if kind is INVESTOR:
        return set(key.split("|")) - {""}
    if kind is TARGET:
        return {f"{v['year']}|{v['region'].pk}"}
    return {key}


def write_row(kind: Kind, v: dict, *, user, reason: str, lookups: Lookups, invite) -> list:
    """Write one row through the services; returns the records written (the first is the
    row's record). Raises DomainError / PermissionDenied as the services do."""
    if kind is PROJECT:
        return _write_project(v, user=user, reason=reason, lookups=lookups)
    if kind is ARRIVAL:
        from projects.services import capital_arrival_create

        return [
            capital_arrival_create(
                user=user,
                project=v["project"],
                date=v["date"],
                amount=v["amount"],
                currency=v["currency"],
                usd_rate=v.get("usd_rate"),
                rate_source=v.get("rate_source") or "",
            )
        ]
    if kind is TARGET:
        from projects.services import target_set

        values = {c.key: v.get(c.key) for c in TARGET.columns[2:]}
        return [target_set(user=user, region=v["region"], year=v["year"], **values)]
    if kind is ASSIGNMENT:
        from liaison.services import liaison_assign

        return [
            liaison_assign(
                user=user,
                project=v["project"],
                unit=v["unit"],
                person=v["person"],
                start_date=v["start_date"],
                visit_cadence_days=v.get("visit_cadence_days"),
            )
        ]
    if kind is VISIT:
        from feedback.services import service_visit_create

        return [
            service_visit_create(
                user=user,
                project=v["project"],
                unit=v["unit"],
                date=v["date"],
                purpose=v["purpose"],
                problems_raised=v.get("problems_raised") or "",
                staff=v.get("staff") or (),
                contact_name=v.get("contact_name") or "",
                contact_email=v.get("contact_email") or "",
            )
        ]
    if kind is INVESTOR:
        from investors.services import investor_create

        data = {c.key: v.get(c.key) for c in INVESTOR.columns}
        data["channel"] = data["channel"] or Channel.OTHER
        data = {k: val for k, val in data.items() if val not in (None, "")}
        return [investor_create(user=user, data=data)]
    if kind is CONTACT:
        from investors.services import contact_create

        data = {c.key: v.get(c.key) or "" for c in CONTACT.columns if c.key != "investor"}
        return [contact_create(user=user, investor=v["investor"], data=data)]
    from accounts.services import user_invite

    data = {c.key: v.get(c.key) for c in USER.columns}
    return [user_invite(user=user, data=data, send=invite)]


def project_data(v: dict, lookups: Lookups) -> dict:
    """A project row's fields as project_create takes them; raises DomainError on an
    introducer that is not there."""
    from projects.services import EDITABLE_FIELDS

    data = {k: v[k] for k in EDITABLE_FIELDS if v.get(k) not in (None, "")}
    if v.get("introducer_kind"):
        introducer_field, introducer = lookups.introducer(v["introducer_kind"], v["introducer"])
        if introducer is None:
            raise DomainError(_("No introducer of this kind with this name."), field="introducer")
        data[introducer_field] = introducer
    return data


def project_batch_row(v: dict, lookups: Lookups) -> dict | None:
    """The row as projects.services.project_create_batch takes it, or None for a row the
    batch does not write (one reaching groundbreaking: its liaison assignment comes first,
    one by one through the services). Raises DomainError as project_data does."""
    from projects.services import BATCH_STAGES

    moves = [(s.code, v[s.date_field]) for s in workflow.STAGES[1:] if v.get(s.date_field)]
    if any(stage not in BATCH_STAGES for stage, _date in moves):
        return None
    return {"data": project_data(v, lookups), "intent_date": v["intent_date"], "moves": moves}


def _write_project(v: dict, *, user, reason: str, lookups: Lookups) -> list:
    from projects.services import project_create, project_transition

    data = project_data(v, lookups)
    project = project_create(user=user, data=data, intent_date=v["intent_date"])
    written = [project]
    for stage in workflow.STAGES[1:]:
        date = v.get(stage.date_field)
        if date is None:
            break
        if stage.code == "groundbreaking":
            from liaison.services import liaison_assign

            written.append(
                liaison_assign(
                    user=user,
                    project=project,
                    unit=v["liaison_unit"],
                    person=v["liaison_person"],
                    start_date=date,
                )
            )
        try:
            project_transition(user=user, project=project, to=stage.code, date=date, note=reason)
        except DomainError as exc:
            # The move's own fields ("date", "to") are the stage's date column in the file.
            if exc.field in ("date", "to"):
                exc.field = stage.date_field
            raise
    return written
