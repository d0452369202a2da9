"""The base of every filter set (staff pages, exports and the API): numbers that stand for
integers are integers in range (issue 22, point 3).

django-filter's `NumberFilter` reads a decimal (`-2.56e+28`, `1e400`) and hands it to an
integer column, where it overflows or fails to convert: a 500. Here every `NumberFilter` on an
integer field — declared (`investor = NumberFilter(field_name="investor_id")`) or generated
from `filterset_fields` — reads an integer within the column's range, and an id (a primary or
foreign key) a positive one within `bigint` (`config.ids`); anything else is a 400 naming the
parameter. Choice filters on a related object (`ModelChoiceFilter`) already answer an
invalid choice.
"""

import django_filters
from django import forms
from django.db import connection, models
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as RestFilterSet
from django_filters.utils import get_model_field
from drf_spectacular.drainage import set_override

from config.ids import ID_MAX, ID_MIN


def integer_bounds(field) -> tuple[int, int] | None:
    """(lowest, highest) a filter on `field` may ask for, or None when it holds no integer."""
    if isinstance(field, models.ForeignObjectRel):
        field = field.field.model._meta.pk  # a reverse relation: the related object's id
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if not isinstance(field, models.IntegerField):
        return None
    if field.primary_key:
        return ID_MIN, ID_MAX
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    return low, high


class BoundedNumbersMixin:
    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        model = cls._meta.model
        for f in filters.values():
            if not isinstance(f, django_filters.NumberFilter) or model is None:
                continue
            if f.lookup_expr not in ("exact", "gt", "gte", "lt", "lte", "in"):
                continue
            bounds = integer_bounds(get_model_field(model, f.field_name))
            if bounds is not None:
                f.field_class = forms.IntegerField
                f.extra.setdefault("min_value", bounds[0])
                f.extra.setdefault("max_value", bounds[1])
                schema = {"type": "integer", "minimum": bounds[0], "maximum": bounds[1]}
                set_override(f, "field", schema)  # the OpenAPI schema says so too
        return filters


class PortalFilterSet(BoundedNumbersMixin, django_filters.FilterSet):
    """Base of the filter sets declared in the apps (`projects.filters`, `investors.filters`)."""


class ApiFilterSet(BoundedNumbersMixin, RestFilterSet):
    """Base of the filter sets the API generates from a view's `filterset_fields`."""


class FilterBackend(DjangoFilterBackend):
    """The API's filter backend (`DEFAULT_FILTER_BACKENDS`)."""

    filterset_base = ApiFilterSet
