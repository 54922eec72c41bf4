"""The one connection interface the store modules use, whichever engine is behind it.

Store code (VersionStore, AnnotationStore and the modules other features add) calls
`execute(sql, params)` with `?` placeholders and SQL both engines accept, reads rows by
index or by column name, and writes inside `transaction()`. Each engine turns its own
failures into StoreError (one worded line) and raises mistakes in our SQL as they are.

`transaction()` has SQLite's BEGIN IMMEDIATE meaning on both engines: one writer at a
time, readers never blocked, the whole unit or nothing (see engine_postgres for how).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from newsdiff_gui.core.store.address import StoreAddress, parse_store_address


class Row(Protocol):
    """A result row, readable as `row[0]` and as `row["column"]` (like sqlite3.Row)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __len__(self) -> int: ...


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """What a store module needs from its database connection (one thread only)."""

    @property
    def address(self) -> StoreAddress: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    @property
    def in_transaction(self) -> bool: ...

    def integrity_check(self) -> str: ...

    def close(self) -> None: ...


def open_engine(target: str | StoreAddress, *, read_only: bool = False) -> Connection:
    """A connection to the store at `target`, created and migrated unless `read_only`."""
    address = parse_store_address(target)
    if address.url is not None:
        from newsdiff_gui.core.store.engine_postgres import PostgresConnection

        return PostgresConnection.open(address, read_only=read_only)
    from newsdiff_gui.core.store.engine_sqlite import SqliteConnection

    return SqliteConnection.open(address, read_only=read_only)


def fetch_rows(connection: Connection, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    """Every row of a query, as a list: the one query helper of every store module. The
    engine words the user's failures as StoreError and raises bugs in our SQL as they are."""
    return list(connection.execute(sql, params).fetchall())
