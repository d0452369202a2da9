"""The target companies' filters (the API and the office's pages)."""

import django_filters

from config.filters import PortalFilterSet

from .models import Outreach, Priority, TargetCompany


class TargetCompanyFilter(PortalFilterSet):
    chain = django_filters.NumberFilter(field_name="link__chain")
    link = django_filters.NumberFilter(field_name="link")
    state = django_filters.ChoiceFilter(choices=Outreach.choices)
    priority = django_filters.ChoiceFilter(choices=Priority.choices)

    class Meta:
        model = TargetCompany
        fields = []
