"""Request-body parsers for the API: JSON, bounded in size and in nesting depth.

DRF's parsers read the request stream themselves, so Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``
(checked only by ``request.body`` and ``request.POST``) does not cap a JSON body. These read at
most that many bytes (413 beyond), and a JSON document nested deeper than
``API_JSON_MAX_DEPTH`` — or so deep that Python's parser gives up with ``RecursionError`` —
is a 400 with a clear message instead of a 500.
"""

import codecs

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, status
from rest_framework.settings import api_settings
from rest_framework.utils import json


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(_("The request body is larger than %(limit)d bytes.") % {"limit": limit})


def read_bounded(stream) -> bytes:
    """The whole body, refusing it (413) when it exceeds DATA_UPLOAD_MAX_MEMORY_SIZE."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return stream.read()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise RequestTooLarge()
    return data


def nesting_depth(value) -> int:
    """How deeply lists and objects nest in a parsed JSON value (iterative: no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        too_deep = _("JSON parse error - the document is nested more than %(depth)d levels.") % {
            "depth": settings.API_JSON_MAX_DEPTH
        }
        raw = read_bounded(stream)
        try:
            text = codecs.decode(raw, encoding)
            parse_constant = json.strict_constant if api_settings.STRICT_JSON else None
            data = json.loads(text, parse_constant=parse_constant)
        except RecursionError:
            raise exceptions.ParseError(too_deep) from None
        except ValueError as exc:
            raise exceptions.ParseError(_("JSON parse error - %(error)s") % {"error": exc}) from exc
        if nesting_depth(data) > settings.API_JSON_MAX_DEPTH:
            raise exceptions.ParseError(too_deep)
        return data


# The API reads JSON (DEFAULT_PARSER_CLASSES); an endpoint that takes a file reads multipart
# too (`parser_classes=UPLOAD_PARSERS`). Form-encoded bodies are refused (415): each body is
# then documented as one media type, or two where a file goes, and a generated client's
# calls are typed. Django's multipart parser caps the non-file fields at
# DATA_UPLOAD_MAX_MEMORY_SIZE (413) and the files stream to disk.
UPLOAD_PARSERS = [JSONParser, parsers.MultiPartParser]
