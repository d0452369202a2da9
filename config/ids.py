"""Ids in the API's paths and filters (issue 22, point 3).

An id is a positive integer within PostgreSQL's `bigint` (every primary key here is an
`AutoField` or a `BigAutoField`). Anything else — `null,null`, `-1`, `1e3`, twenty digits —
names no object: in a path it is a 404 (the route does not match: `IdConverter`, used by
`config.api.Router` for every viewset), in a filter a 400 naming the parameter
(`config.filters`). Neither reaches the database, where it would be a `ValueError` or an
overflow, a 500.
"""

from django.urls import register_converter

ID_MIN = 1
ID_MAX = 2**63 - 1  # PostgreSQL bigint
ID_SCHEMA = {"type": "integer", "minimum": ID_MIN, "maximum": ID_MAX}


class IdConverter:
    """`<id:pk>`: up to 19 ASCII digits, in [ID_MIN, ID_MAX]; a value outside is no match."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not ID_MIN <= number <= ID_MAX:
            raise ValueError(value)  # the pattern does not match: 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


ID_CONVERTER = "id"
register_converter(IdConverter, ID_CONVERTER)
