"""The OpenAPI schema states what the API enforces, so a client (or the fuzz run,
`tests/security/test_fuzz.py`) can tell valid input from invalid by the schema alone.

`PortalAutoSchema` (the API's schema class): an answer's field may be null or "" as its
column may (`_answer_as_stored`); a decimal sent as a string has at least one digit
before the point and after it if there is a point, and no sign where the field refuses
negative amounts (drf-spectacular's own pattern accepts "", "-" and ".").

Request bodies (`COMPONENT_SPLIT_REQUEST`: required text is non-empty, read-only fields are
left out) take no other fields (`additionalProperties: false`): every write endpoint refuses
an unknown field (`config.api.StrictInputMixin`).

Request bodies are JSON; the one endpoint that takes a file (`projects/{id}/transition/`)
takes multipart too, with its own schema (config/parsers.py).

Post-processing: document the error answers every API view can give.

drf-spectacular documents the success answer of each operation; the error answers come from
DRF and `config.api.exception_handler` for every view alike, so they are added here once
(a hook in `SPECTACULAR_SETTINGS`), and the schema lists every status code the API answers
(the fuzz run, `tests/security/test_fuzz.py`, fails on any other):

- 400 where the operation takes input (a body, query or path parameters): a message per field;
- 401 (a missing, expired or revoked token), 403 (the role may not) and 429 (throttled)
  everywhere;
- 404 where the operation names an object (path parameters) or takes query parameters (a page
  past the end, a period not computed yet);
- 413 (body over `DATA_UPLOAD_MAX_MEMORY_SIZE`) and 415 (a content type the API does not
  parse) where it takes a body.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from config.api import BlankChoiceField

ERROR_COMPONENT = "ErrorAnswer"


def _model_field(field):
    """The model field a field of a ModelSerializer reads (`source` a plain name), if any."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source or field.source == "*":
        return None
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None
    return model_field if model_field.concrete else None


def _answer_as_stored(field, schema: dict) -> None:
    """An answer carries what the column holds: null where it is nullable (a translation
    not given, an event without an actor, a project without an industry), "" where a blank
    text with a format (a URL, an e-mail address) is allowed, even when the serializer field,
    read-only, no longer says so."""
    model_field = _model_field(field)
    if model_field is None or isinstance(field, BlankChoiceField):
        return
    if model_field.null and not schema.get("nullable"):
        if "$ref" in schema:  # OpenAPI 3.0 ignores a $ref's siblings
            schema["allOf"] = [{"$ref": schema.pop("$ref")}]
        schema["nullable"] = True
    if (
        model_field.blank
        and not getattr(field, "allow_blank", False)
        and schema.get("type") == "string"
        and ("format" in schema or "pattern" in schema or "minLength" in schema)
    ):
        outer = {"readOnly", "writeOnly", "nullable", "deprecated", "description", "title"}
        inner = {k: schema.pop(k) for k in list(schema) if k not in outer}
        schema["oneOf"] = [inner, {"type": "string", "maxLength": 0}]


class PortalAutoSchema(AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "response":
            _answer_as_stored(field, schema)
        if (
            isinstance(field, serializers.DecimalField)
            and schema.get("format") == "decimal"
            and "pattern" in schema
        ):
            whole = max(field.max_whole_digits or 0, 1)
            sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
            schema["pattern"] = rf"^{sign}\d{{1,{whole}}}(?:\.\d{{1,{field.decimal_places}}})?$"
        return schema


ERROR_SCHEMA = {
    "type": "object",
    "description": '`{"detail": "…"}`, or a list of messages per field name.',
    "additionalProperties": True,
}

DESCRIPTIONS = {
    "400": "Invalid input: a message per field (`detail` when it concerns no single field).",
    "401": "Not signed in, or the token is unknown, expired or revoked.",
    "403": "The user's role may not do this.",
    "404": "No such object in the user's scope, or no such page.",
    "413": "The request body is too large.",
    "415": "Unsupported content type.",
    "429": "Too many requests; retry after the time in `Retry-After`.",
}

WRITE_METHODS = {"post", "put", "patch", "delete"}


def _codes(method: str, operation: dict) -> list[str]:
    params = operation.get("parameters", [])
    has_path = any(p.get("in") == "path" for p in params)
    has_query = any(p.get("in") == "query" for p in params)
    has_body = "requestBody" in operation or method in WRITE_METHODS
    codes = ["401", "403", "429"]
    if has_body or has_query or has_path:
        codes.append("400")
    if has_path or has_query:
        codes.append("404")
    if has_body:
        codes += ["413", "415"]
    return codes


def _request_components(result) -> set[str]:
    names = set()
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            for media in operation.get("requestBody", {}).get("content", {}).values():
                ref = media.get("schema", {}).get("$ref", "")
                if ref.startswith("#/components/schemas/"):
                    names.add(ref.rsplit("/", 1)[1])
    return names


def _optional_when_several_media_types(result) -> None:
    """A body documented in two media types (JSON, or multipart with a file) is marked not
    required: openapi-python-client (0.29) writes `| Unset` for such a body without importing
    `Unset` when it is required, and the generated module does not import (its issue #1451).
    Sending none is a 400 naming the required fields, as the schema documents."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if body and len(body.get("content", {})) > 1:
                body["required"] = False


def document_error_responses(result, generator, request, public):
    _optional_when_several_media_types(result)
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for name in _request_components(result):
        component = components.get(name, {})
        if component.get("type") == "object":
            component.setdefault("additionalProperties", False)
    components.setdefault(ERROR_COMPONENT, ERROR_SCHEMA)
    ref = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code in _codes(method, operation):
                responses.setdefault(
                    code,
                    {
                        "description": DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": ref}},
                    },
                )
    return result
