"""Filters shared by the staff list pages, their xlsx exports and the API."""

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from config.filters import PortalFilterSet
from config.forms import YesNoFilterWidget
from config.search import matches_subquery
from reference.countries import countries
from reference.models import IndustrySection, Region

from .models import (
    HMT_COUNTRIES,
    ActivityKind,
    AgentKind,
    Channel,
    Contact,
    InquiryStatus,
    Interaction,
    InteractionKind,
    Investor,
    Size,
    SourceGroup,
)
from .selectors import quiet_cutoff

INVESTOR_SORTS = {
    "name": ("name", "id"),
    "-created": ("-created_at", "-id"),
    "-last_interaction": (F("last_interaction").desc(nulls_last=True), "id"),
    "last_interaction": (F("last_interaction").asc(nulls_first=True), "id"),
    "country": ("country", "name"),
}


class InvestorFilter(PortalFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    country = django_filters.ChoiceFilter(choices=countries, label=_("Country"))
    source_group = django_filters.ChoiceFilter(
        choices=SourceGroup.choices, method="in_group", label=_("Source group")
    )
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    owner_region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), label=_("Owner region")
    )
    industry = django_filters.ModelChoiceFilter(
        queryset=IndustrySection.objects.all(), to_field_name="code", label=_("Industry")
    )
    size = django_filters.ChoiceFilter(choices=Size.choices, label=_("Size"))
    quiet = django_filters.BooleanFilter(
        method="only_quiet", label=_("No interaction for 90 days"),
        widget=YesNoFilterWidget(),
    )  # fmt: skip
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("name", _("Name")),
            ("-created", _("Newest first")),
            ("-last_interaction", _("Most recent interaction first")),
            ("last_interaction", _("Longest without interaction first")),
            ("country", _("Country")),
        ],
    )

    class Meta:
        model = Investor
        fields = []

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        # Contacts through a subquery, not a join (no DISTINCT over the annotated list): every
        # branch of the OR is answered from its own trigram index (config/search.py).
        contacts = Contact.objects.filter(
            Q(name__icontains=value) | Q(email__icontains=value)
        ).values("investor_id")
        return qs.filter(
            Q(name_zh_hans__icontains=value)
            | Q(name_en__icontains=value)
            | matches_subquery("pk", contacts)
            | Q(notes__icontains=value)
        )

    def in_group(self, qs, name, value):
        if value == SourceGroup.DOMESTIC:
            return qs.filter(country="CN")
        if value == SourceGroup.HMT:
            return qs.filter(country__in=HMT_COUNTRIES)
        if value == SourceGroup.FOREIGN:
            return qs.exclude(country__in=[*HMT_COUNTRIES, "CN"])
        return qs

    def only_quiet(self, qs, name, value):
        if value is None:
            return qs
        cutoff = quiet_cutoff()
        quiet = Q(last_interaction__lt=cutoff) | Q(last_interaction__isnull=True)
        return qs.filter(quiet) if value else qs.exclude(quiet)

    def sort_by(self, qs, name, value):
        return qs.order_by(*INVESTOR_SORTS.get(value, INVESTOR_SORTS["name"]))

    @property
    def qs(self):
        qs = super().qs
        if not (self.is_bound and self.form.cleaned_data.get("sort")):
            qs = qs.order_by(*INVESTOR_SORTS["name"])
        return qs


class ContactFilter(PortalFilterSet):
    investor = django_filters.NumberFilter(field_name="investor_id")
    q = django_filters.CharFilter(method="search")

    class Meta:
        model = Contact
        fields = []

    def search(self, qs, name, value):
        return qs.filter(Q(name__icontains=value) | Q(email__icontains=value))


class InteractionFilter(PortalFilterSet):
    investor = django_filters.NumberFilter(field_name="investor_id")
    kind = django_filters.ChoiceFilter(choices=InteractionKind.choices)
    staff = django_filters.NumberFilter(field_name="staff__id")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Interaction
        fields = []


ACTIVITY_KIND_CHOICES = ActivityKind.choices
AGENT_KIND_CHOICES = AgentKind.choices
INQUIRY_STATUS_CHOICES = InquiryStatus.choices
