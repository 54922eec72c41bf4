"""Running the store's numbered migrations on PostgreSQL.

The scripts are schema.MIGRATIONS, the same SQLite runs, with their column types
translated (sql_dialect.postgres_ddl). The applied number is the one row of
`newsdiff_schema`; each migration commits together with its number. A session advisory
lock makes processes that start at once take turns: the second finds the work done.
"""

from __future__ import annotations

from typing import Any

import psycopg

from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.store.models import StoreError
from newsdiff_gui.core.store.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SchemaTooNew,
    check_not_too_new,
    migration_statements,
)
from newsdiff_gui.core.store.sql_dialect import postgres_ddl

# pg_advisory_lock key held while migrating: "nDif" and 2.
MIGRATION_LOCK = 0x6E446966_00000002
SCHEMA_TABLE = "newsdiff_schema"
_SHOWN_TABLES = 5


def migrate_postgres(
    connection: psycopg.Connection[Any], address: StoreAddress, *, read_only: bool
) -> None:
    """Bring the database's schema up to date (creating it in an empty database).

    StoreError for a database that holds another program's tables, for a read-only
    open of a database with no store yet, and for a schema newer than this release.
    """
    connection.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        current = _schema_version(connection)
        if current is None:
            _check_empty(connection, address, read_only=read_only)
        try:
            check_not_too_new(current or 0)
        except SchemaTooNew as exc:
            raise StoreError(f"{address.shown}: {exc}") from exc
        for number in range((current or 0) + 1, SCHEMA_VERSION + 1):
            with connection.transaction():
                if number == 1 and current is None:
                    connection.execute(f"CREATE TABLE {SCHEMA_TABLE} (version BIGINT NOT NULL)")
                    connection.execute(f"INSERT INTO {SCHEMA_TABLE} (version) VALUES (0)")
                for statement in migration_statements(MIGRATIONS[number - 1]):
                    connection.execute(postgres_ddl(statement))
                connection.execute(f"UPDATE {SCHEMA_TABLE} SET version = %s", (number,))
    finally:
        if not connection.closed:
            connection.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


def _schema_version(connection: psycopg.Connection[Any]) -> int | None:
    row = connection.execute("SELECT to_regclass(%s)", (SCHEMA_TABLE,)).fetchone()
    if row is None or row[0] is None:
        return None
    found = connection.execute(f"SELECT version FROM {SCHEMA_TABLE}").fetchone()
    return int(found[0]) if found is not None else 0


def _check_empty(
    connection: psycopg.Connection[Any], address: StoreAddress, *, read_only: bool
) -> None:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() ORDER BY table_name"
        ).fetchall()
    ]
    if names:
        shown = ", ".join(names[:_SHOWN_TABLES])
        more = f" and {len(names) - _SHOWN_TABLES} more" if len(names) > _SHOWN_TABLES else ""
        raise StoreError(
            f"not a newsdiff database: {address.shown} (it holds tables {shown}{more})"
        )
    if read_only:
        raise StoreError(f"no newsdiff store in the database {address.shown} (it is empty)")
