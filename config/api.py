"""API plumbing shared by every app: pagination and the error format."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, pagination
from rest_framework.views import exception_handler as drf_exception_handler

from config.errors import DomainError


class StandardPagination(pagination.PageNumberPagination):
    """`{count, next, previous, results}`; `?page_size=` up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """Domain and model validation errors become 400 with a message per field."""
    if isinstance(exc, DomainError):
        exc = exceptions.ValidationError(exc.as_dict())
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
