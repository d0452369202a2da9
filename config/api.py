"""API plumbing shared by every app: pagination and the error format."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, serializers
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from config.bounds import plain_decimal
from config.errors import DomainError
from config.ids import ID_CONVERTER
from config.parsers import RequestTooLarge
from config.replica import reads_replica


class Router(DefaultRouter):
    """The API's router: an object's id in a path is an id (`config.ids.IdConverter`, a 404
    for anything else), unless the viewset declares another `lookup_value_converter`. No
    format suffixes (`/projects.json`): the API answers JSON."""

    include_format_suffixes = False

    def __init__(self, **kwargs):
        super().__init__(use_regex_path=False, **kwargs)
        self._default_value_pattern = ID_CONVERTER

    def get_urls(self):
        """The list endpoints' GETs read from the replica when there is one
        (config/replica.py); details, actions and writes from `default`."""
        urls = super().get_urls()
        for pattern in urls:
            callback = getattr(pattern, "callback", None)
            if getattr(callback, "actions", {}).get("get") == "list":
                pattern.callback = reads_replica(callback)
        return urls


class StandardPagination(pagination.PageNumberPagination):
    """`{count, next, previous, results}`; `?page_size=` up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200


class StrictInputMixin:
    """For every input serializer of a write endpoint: a field it does not accept (unknown,
    misspelt or read-only) is a 400 naming that field, never silently ignored."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            accepted = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data.keys()) - accepted)
            if unknown:
                raise exceptions.ValidationError(
                    {name: [_("This endpoint does not accept this field.")] for name in unknown}
                )
        return super().to_internal_value(data)


class BlankChoiceField(serializers.ChoiceField):
    """A choice that may be left unset (a model `CharField` with choices and `blank=True`,
    stored as ""): unset is null in the API, both ways, and so is a declared choice of "".
    Answered as null, never "" (an enum member a typed client could not read); null, or ""
    as before, is accepted and stored as "". The schema lists the choices and null."""

    def __init__(self, *, choices, **kwargs):
        kwargs.pop("allow_blank", None)
        kwargs["allow_null"] = True
        # A choice of "" ("no appeal") is the unset value too: null, not an enum member.
        choices = [c for c in choices if (c[0] if isinstance(c, list | tuple) else c) != ""]
        super().__init__(choices=choices, **kwargs)

    def validate_empty_values(self, data):
        if not self.read_only and (data is None or data == ""):
            return True, ""
        return super().validate_empty_values(data)

    def to_representation(self, value):
        if value in ("", None):
            return None
        return super().to_representation(value)


class RateField(serializers.DecimalField):
    """A rate to US dollars: any number of decimals in (the services allow
    config.bounds.RATE_SIGNIFICANT_DIGITS significant digits and say so naming the field),
    written out without the zeros its column pads it with."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=None, decimal_places=None, **kwargs)

    def to_representation(self, value):
        return plain_decimal(value) if value is not None else None


class BlankChoicesAsNullMixin:
    """For a `ModelSerializer`: its generated fields for blank model choices are
    `BlankChoiceField`s (declared ones say so themselves)."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if (
            issubclass(field_class, serializers.ChoiceField)
            and model_field.choices
            and model_field.blank
            and not model_field.null
        ):
            field_class = BlankChoiceField
            kwargs.pop("allow_blank", None)
        return field_class, kwargs


class NoInput(StrictInputMixin, serializers.Serializer):
    """The input of a write endpoint that takes no fields: any field sent is a 400."""


def exception_handler(exc, context):
    """Domain and model validation errors become 400 with a message per field; a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (multipart fields) 413 like the other parsers."""
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, DomainError):
        exc = exceptions.ValidationError(exc.as_dict())
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
