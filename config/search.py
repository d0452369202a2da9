"""Indexed name search on PostgreSQL: pg_trgm GIN indexes and the migration operation that
builds them.

Django's ``icontains`` is written ``UPPER(col::text) LIKE UPPER(%s)`` on PostgreSQL, so each
index is built on that very expression (``UPPER((col)::text) gin_trgm_ops``); the planner then
answers ``icontains`` from the index. pg_trgm makes trigrams of CJK characters too (under a
UTF-8 ``LC_CTYPE`` such as ``C.UTF-8`` or ``zh_CN.UTF-8``), so Chinese search of three
characters or more is indexed. A term of one or two characters has no whole trigram: pg_trgm
can only answer it by reading the whole index, so the planner reads the table, which is still
correct (see :data:`MIN_INDEXED_LENGTH`).

SQLite (``make run``) has no pg_trgm: the operation does nothing there and ``icontains`` is a
plain scan of a small demo table."""

from django.db.migrations.operations.base import Operation

MIN_INDEXED_LENGTH = 3


def trigram_index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"[:63]


class AddTrigramIndexes(Operation):
    """Create the pg_trgm extension and one GIN trigram index per ``(table, column)`` on the
    expression ``icontains`` uses. A no-op on other databases; reversible."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, columns):
        self.columns = [tuple(c) for c in columns]

    def state_forwards(self, app_label, state):
        pass

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.columns], {})

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table, column in self.columns:
            name = trigram_index_name(table, column)
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin ((UPPER(("{column}")::text)) gin_trgm_ops)'
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, column in self.columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{trigram_index_name(table, column)}"')

    def describe(self):
        return "Trigram indexes on " + ", ".join(f"{t}.{c}" for t, c in self.columns)


def matches_subquery(field: str, subquery):
    """``field IN (subquery)`` written so an OR of it with indexed conditions stays indexed.

    PostgreSQL cannot answer ``a OR b OR x IN (SELECT …)`` from indexes (the subquery is a
    filter run per row), but it can ``x = ANY(ARRAY(SELECT …))``: the subquery runs once and
    its ids are looked up in ``x``'s index, so the whole OR becomes one bitmap of index scans.
    Elsewhere (SQLite), the plain ``IN``."""
    from django.db import connections
    from django.db.models import BooleanField, F, Func, Q

    subquery = subquery.order_by()
    if connections[subquery.db].vendor != "postgresql":
        return Q(**{f"{field}__in": subquery})
    from django.contrib.postgres.expressions import ArraySubquery

    class EqualsAny(Func):  # field = ANY(ARRAY(SELECT …))
        template = "%(expressions)s)"
        arg_joiner = " = ANY("
        output_field = BooleanField()

    return Q(EqualsAny(F(field), ArraySubquery(subquery)))
