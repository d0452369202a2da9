"""The project filters, shared by the staff list page, its xlsx export and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings

from accounts.models import User
from config.credit_code import normalize_credit_code
from config.filters import PortalFilterSet
from config.forms import YesNoFilterWidget
from config.search import matches_subquery
from investors.models import Investor, SourceGroup
from reference.models import IndustrySection, Region
from reference.provinces import Province

from . import hooks, workflow
from .models import (
    CapitalArrival,
    Category,
    CheckResult,
    DomesticArrival,
    Project,
    ProjectCheck,
    Status,
)
from .selectors import SORTS

SORT_CHOICES = [
    ("updated", _("Recently updated")),
    ("-updated", _("Least recently updated")),
    ("name", _("Name")),
    ("-investment", _("Total investment, largest first")),
    ("investment", _("Total investment, smallest first")),
    ("-fdi", _("Contracted foreign capital, largest first")),
    ("-intent", _("Newest intent first")),
    ("intent", _("Oldest intent first")),
    ("stage", _("Stage")),
]


class LangSelect(forms.Select):
    """A select whose options may carry their own `lang` (a chain's Chinese name on an English
    page, for want of a translation): choices are `(value, label, lang)` or groups of them."""

    def __init__(self, options=(), groups=None, attrs=None):
        self.langs = {}
        choices = [("", filter_settings.EMPTY_CHOICE_LABEL)]
        if groups is None:
            choices += [self._keep(o) for o in options]
        else:
            choices += [(label, [self._keep(o) for o in opts]) for label, opts in groups]
        super().__init__(attrs=attrs, choices=choices)

    def _keep(self, option):
        value, label, lang = option
        if lang:
            self.langs[str(value)] = lang
        return (value, label)

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.langs:
            option["attrs"]["lang"] = self.langs[str(value)]
        return option


class ProjectFilter(PortalFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), label=_("Region"), method="in_region"
    )
    stage = django_filters.ChoiceFilter(choices=workflow.STAGE_CHOICES, label=_("Stage"))
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("Status"))
    # By GB/T 4754 section letter, as the API writes the industry.
    industry = django_filters.ModelChoiceFilter(
        queryset=IndustrySection.objects.all(), label=_("Industry"), to_field_name="code"
    )
    capital_source = django_filters.ChoiceFilter(
        choices=SourceGroup.choices, label=_("Capital source")
    )
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Category"))
    unified_credit_code = django_filters.CharFilter(
        method="by_credit_code", label=_("Unified social credit code")
    )
    year = django_filters.NumberFilter(
        field_name="intent_date",
        lookup_expr="year",
        label=_("Year (intent)"),
        min_value=2000,
        max_value=2100,
    )
    introducer = django_filters.ModelChoiceFilter(
        field_name="introducer_user",
        queryset=User.objects.filter(is_active=True)
        .select_related("region", "liaison_unit")
        .order_by("username"),
        label=_("Introducer (staff)"),
    )
    # Industrial chains (chains app): the projects in a chain or in one of its links. By id,
    # without importing the chains (a project's links are the `chain_links` rows).
    chain = django_filters.NumberFilter(
        field_name="chain_links__chain", method="in_chain", label=_("Industrial chain")
    )
    chain_link = django_filters.NumberFilter(
        field_name="chain_links__link", method="in_chain_link", label=_("Chain link")
    )
    falsified = django_filters.BooleanFilter(
        method="falsely_reported",
        label=_("Found falsely reported"),
        widget=YesNoFilterWidget(),
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="sort_by", label=_("Sort"), empty_label=None
    )

    class Meta:
        model = Project
        fields = []

    def offer_chain_choices(self) -> "ProjectFilter":
        """On the staff list page: the chain as a select of the chains and the link as a select
        grouped by chain, labelled in the reader's language. The values stay ids (what the API
        and the export read; an id that is no integer is still refused, naming the parameter).
        Without any chain the two filters are not offered. Call before the form is used."""
        chains, links = hooks.chain_choices()
        if not chains:
            del self.filters["chain"], self.filters["chain_link"]
            return self
        self.filters["chain"].extra["widget"] = LangSelect(chains)
        self.filters["chain_link"].extra["widget"] = LangSelect(groups=links)
        return self

    def by_credit_code(self, qs, name, value):
        code = normalize_credit_code(value)
        return qs.filter(unified_credit_code=code) if code else qs

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        # The investor's names through a subquery, not a join: every branch of the OR is then
        # answered from its own trigram index (config/search.py).
        investors = Investor.objects.filter(
            Q(name_zh_hans__icontains=value) | Q(name_en__icontains=value)
        ).values("pk")
        return qs.filter(
            Q(name_zh_hans__icontains=value)
            | Q(name_en__icontains=value)
            | matches_subquery("investor_id", investors)
        )

    def falsely_reported(self, qs, name, value):
        """Projects with a standing false finding of the bureau's checks (yes), or without
        one (no)."""
        if value is None:
            return qs
        standing = ProjectCheck.objects.filter(
            result=CheckResult.FALSIFIED, withdrawn_at__isnull=True
        ).values("project_id")
        return qs.filter(pk__in=standing) if value else qs.exclude(pk__in=standing)

    def in_chain(self, qs, name, value):
        """Each project once, whatever the number of the chain's links it is in. A semi-join
        (`id IN (SELECT …)`), not `= ANY(ARRAY(…))`: the page then walks its order's index
        and probes the covering link index per project until it has its 50, instead of
        reading, joining and sorting every project of the chain (at 200,000 projects: 3 ms
        against 150 ms, see README)."""
        if value is None:
            return qs
        linked = Project.chain_links.rel.related_model.objects.filter(chain_id=value)
        return qs.filter(pk__in=linked.values("project_id"))

    def in_chain_link(self, qs, name, value):
        if value is None:
            return qs
        linked = Project.chain_links.rel.related_model.objects.filter(link_id=value)
        return qs.filter(pk__in=linked.values("project_id"))

    def in_region(self, qs, name, value):
        """A region includes the development zones inside it."""
        from reference.selectors import region_descendant_ids

        return qs.filter(region_id__in=region_descendant_ids(value)) if value else qs

    def sort_by(self, qs, name, value):
        return qs.order_by(*SORTS.get(value, SORTS["updated"]))

    @property
    def qs(self):
        qs = super().qs
        if not (self.is_bound and self.form.cleaned_data.get("sort")):
            qs = qs.order_by(*SORTS["updated"])
        return qs


def _projects_in_scope(request):
    if request is None:
        return Project.objects.none()
    return Project.objects.for_user(request.user)


class CapitalArrivalFilter(PortalFilterSet):
    """A project outside the caller's scope is an invalid choice, like one that does not exist."""

    project = django_filters.ModelChoiceFilter(queryset=_projects_in_scope)
    currency = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = CapitalArrival
        fields = []


class DomesticArrivalFilter(PortalFilterSet):
    """A project outside the caller's scope is an invalid choice, like one that does not exist."""

    project = django_filters.ModelChoiceFilter(queryset=_projects_in_scope)
    source_province = django_filters.ChoiceFilter(choices=Province.choices)

    class Meta:
        model = DomesticArrival
        fields = []


class ProjectCheckFilter(PortalFilterSet):
    """A project outside the caller's scope is an invalid choice, like one that does not exist
    (so the answer never tells whether another region's project exists)."""

    project = django_filters.ModelChoiceFilter(queryset=_projects_in_scope)
    result = django_filters.ChoiceFilter(choices=CheckResult.choices)

    class Meta:
        model = ProjectCheck
        fields = []
