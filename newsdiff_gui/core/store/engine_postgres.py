"""The PostgreSQL engine (psycopg 3): a team's shared archive.

Writes: every `transaction()` takes one transaction-level advisory lock before its
first statement, so writers queue exactly as they do on SQLite's BEGIN IMMEDIATE and
never interleave (two watchers can never both store version 3 of an article), while
readers are never blocked. We chose this over SERIALIZABLE with retry because store
transactions are short (the fetch happens before, outside them) and several do work
in Python between statements that a blind retry could not safely repeat; the lock is
released by COMMIT or ROLLBACK, also when the process dies (the server ends the session).

Migrations are the same numbered scripts SQLite runs, with the column types translated
(sql_dialect); the number lives in the table `newsdiff_schema`, and the first process
that needs them runs them under a session advisory lock, so two starting at once wait
for each other instead of both creating tables.

Every write transaction sends `NOTIFY newsdiff_changes` before its COMMIT: the server
delivers it only if the transaction commits, so an open window (core/store/change_notify.py)
wakes for every change that happened and for none that was rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.store.engine import Cursor
from newsdiff_gui.core.store.guard import DiskFull
from newsdiff_gui.core.store.models import StoreError
from newsdiff_gui.core.store.pg_schema import migrate_postgres
from newsdiff_gui.core.store.sql_dialect import postgres_placeholders

# pg_advisory_xact_lock key of the store's single writer slot: "nDif" and 1.
WRITE_LOCK = 0x6E446966_00000001
_CONNECT_TIMEOUT_SECONDS = 10
# The channel every committed write is announced on (listened to by change_notify.py).
CHANGES_CHANNEL = "newsdiff_changes"
# Errors that only a wrong query produces: bugs, raised as they are.
_BUG_TYPES: tuple[type[Exception], ...] = (
    pg_errors.SyntaxError,
    pg_errors.UndefinedTable,
    pg_errors.UndefinedColumn,
    pg_errors.UndefinedFunction,
    pg_errors.UndefinedParameter,
    pg_errors.AmbiguousColumn,
    pg_errors.DatatypeMismatch,
    pg_errors.GroupingError,
    pg_errors.WrongObjectType,
    pg_errors.IndeterminateDatatype,
    psycopg.InterfaceError,
)


class PgRow:
    """A row readable by index and by column name, as sqlite3.Row is."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = tuple(values)
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def keys(self) -> list[str]:
        return list(self._index)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._index, self._values, strict=True))!r})"


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    names = [column.name for column in cursor.description or ()]
    index = {name: position for position, name in enumerate(names)}

    def make(values: Sequence[Any]) -> PgRow:
        return PgRow(values, index)

    return make


def reason_of(exc: psycopg.Error) -> str:
    """The server's or libpq's message on one line, without its 'FATAL:' prefix."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    for marker in ("FATAL:", "ERROR:"):
        if marker in text:
            text = text.split(marker, 1)[1].strip()
    return text


def store_error_for(exc: psycopg.Error, address: StoreAddress) -> StoreError:
    """The worded StoreError for a failure the user or the server caused; bugs raise."""
    if isinstance(exc, _BUG_TYPES) and not isinstance(exc, pg_errors.InsufficientPrivilege):
        raise exc
    shown = address.shown
    if isinstance(exc, pg_errors.DiskFull):
        return DiskFull(f"disk full: {shown}")
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return StoreError(f"the database is read-only: {shown} ({reason_of(exc)})")
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return StoreError(f"no permission in the database {shown} ({reason_of(exc)})")
    if isinstance(exc, psycopg.OperationalError):
        return StoreError(f"cannot reach the database {shown} ({reason_of(exc)})")
    return StoreError(f"database error in {shown}: {reason_of(exc)}")


class PostgresConnection:
    def __init__(
        self, connection: psycopg.Connection[Any], address: StoreAddress, read_only: bool = False
    ) -> None:
        self._connection = connection
        self._address = address
        self._read_only = read_only  # a read-only transaction may not NOTIFY

    @classmethod
    def open(cls, address: StoreAddress, *, read_only: bool = False) -> PostgresConnection:
        assert address.url is not None
        try:
            connection: psycopg.Connection[Any] = psycopg.connect(
                address.url,
                autocommit=True,
                connect_timeout=_CONNECT_TIMEOUT_SECONDS,
                row_factory=_row_factory,
            )
        except psycopg.Error as exc:
            # Unreachable server, bad credentials, missing database, malformed URL.
            reason = reason_of(exc)
            raise StoreError(f"cannot open the database {address.shown} ({reason})") from exc
        try:
            migrate_postgres(connection, address, read_only=read_only)
            if read_only:
                connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        except psycopg.Error as exc:
            connection.close()
            raise store_error_for(exc, address) from exc
        except BaseException:
            connection.close()
            raise
        return cls(connection, address, read_only)

    @property
    def address(self) -> StoreAddress:
        return self._address

    @property
    def raw(self) -> psycopg.Connection[Any]:
        """The psycopg connection, for PostgreSQL-only work (LISTEN/NOTIFY, SKIP LOCKED)."""
        return self._connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        try:
            # Always pass a tuple: psycopg then reads `%%` as `%` (see sql_dialect).
            cursor = self._connection.execute(postgres_placeholders(sql), tuple(params))
        except psycopg.Error as exc:
            raise store_error_for(exc, self._address) from exc
        return _SqliteLikeCursor(cursor)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self._connection.execute("BEGIN")
            self._connection.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        except psycopg.Error as exc:
            self._rollback()
            raise store_error_for(exc, self._address) from exc
        try:
            yield
        except BaseException:
            self._rollback()
            raise
        try:
            if not self._read_only:
                self._connection.execute(f"NOTIFY {CHANGES_CHANNEL}")
            self._connection.execute("COMMIT")
        except psycopg.Error as exc:
            self._rollback()
            raise store_error_for(exc, self._address) from exc

    @property
    def in_transaction(self) -> bool:
        idle = psycopg.pq.TransactionStatus.IDLE
        return self._connection.info.transaction_status is not idle

    def _rollback(self) -> None:
        status = self._connection.info.transaction_status
        if status in (psycopg.pq.TransactionStatus.INTRANS, psycopg.pq.TransactionStatus.INERROR):
            # A lost connection cannot roll back: the server already did, on its own.
            with suppress(psycopg.Error):
                self._connection.execute("ROLLBACK")

    def integrity_check(self) -> str:
        """'ok' when the server answers; PostgreSQL checksums and checks its own pages."""
        self.execute("SELECT 1").fetchone()
        return "ok"

    def close(self) -> None:
        self._connection.close()


class _SqliteLikeCursor:
    """A psycopg cursor read as sqlite3's is: fetching from a statement that returns no
    rows (an INSERT without RETURNING) gives no rows instead of raising, so store code
    behaves the same on both engines."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description is not None else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description is not None else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())
