"""API plumbing shared by every app: pagination and the error format."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination, serializers
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from config.errors import DomainError
from config.ids import ID_CONVERTER
from config.parsers import RequestTooLarge


class Router(DefaultRouter):
    """The API's router: an object's id in a path is an id (`config.ids.IdConverter`, a 404
    for anything else), unless the viewset declares another `lookup_value_converter`. No
    format suffixes (`/projects.json`): the API answers JSON."""

    include_format_suffixes = False

    def __init__(self, **kwargs):
        super().__init__(use_regex_path=False, **kwargs)
        self._default_value_pattern = ID_CONVERTER


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
