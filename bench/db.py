"""A throwaway PostgreSQL database for benchmarks, filled with COPY."""

import os
from urllib.parse import urlparse, urlunparse

import psycopg

BENCH_DB = os.environ.get("BENCH_DATABASE_NAME", "invest_portal_bench")


def admin_url() -> str:
    url = urlparse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    return urlunparse(url._replace(path="/postgres"))


def bench_url() -> str:
    return urlunparse(urlparse(admin_url())._replace(path=f"/{BENCH_DB}"))


def recreate() -> None:
    with psycopg.connect(admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def drop() -> None:
    with psycopg.connect(admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


# Columns whose default lives in Django only (the database has none, so COPY would write NULL):
# filled here when a benchmark's column list leaves them out.
BLANK_DEFAULTS = {"projects_project": {"unified_credit_code": "", "industry_class": ""}}


def _model_defaults(table: str, columns: list[str]) -> dict:
    """The Django-only defaults (the database has none) of `table`'s NOT NULL columns that
    `columns` leaves out, so a field added to a model later does not break the COPY."""
    from django.apps import apps
    from django.db.models import NOT_PROVIDED

    found = {}
    for model in apps.get_models():
        if model._meta.db_table != table:
            continue
        for field in model._meta.concrete_fields:
            column = field.column
            if column in columns or field.null or field.primary_key:
                continue
            default = field.default
            if default is NOT_PROVIDED or callable(default):
                continue
            found[column] = default
    return found


def copy_rows(connection, table: str, columns: list[str], rows) -> int:
    """COPY an iterable of tuples into `table`; returns the number of rows."""
    defaults = {**_model_defaults(table, columns), **BLANK_DEFAULTS.get(table, {})}
    extra = {k: v for k, v in defaults.items() if k not in columns}
    columns = [*columns, *extra]
    tail = tuple(extra.values())
    n = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row, *tail))
                n += 1
    return n
