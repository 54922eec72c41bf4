"""Is this SQLite file ours? And what to tell the user when SQLite says no.

`--db` may point at another program's database (a browser's history, a notes app):
opening it the usual way would switch it to WAL and add our tables. So a file is
inspected through a read-only connection first, and only an empty file or one of
ours (marked with APPLICATION_ID, or an older store recognised by its schema) is
ever written to. SQLite's errors the user can meet (a locked, full, damaged, foreign or
read-only file) are turned into one sentence naming the file; an error in one of our
own queries is a bug and is raised as it is, never worded as a problem of the file.
"""

from __future__ import annotations

import enum
import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.store.models import StoreError
from newsdiff_gui.core.store.schema import (
    APPLICATION_ID,
    SchemaTooNew,
    check_not_too_new,
    schema_at,
    table_columns,
)

# Primary result codes (the low byte of sqlite3.Error.sqlite_errorcode).
_SQLITE_ERROR = 1
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_MISMATCH = 20
_SQLITE_MISUSE = 21
_SQLITE_RANGE = 25
_SQLITE_NOTADB = 26
_SQLITE_READONLY_DIRECTORY = _SQLITE_READONLY | (6 << 8)
# Our first two tables: a store without them was not made by newsdiff.
_CORE_TABLES = frozenset({"articles", "versions"})
_SHOWN_TABLES = 5
# Errors only a wrong query or a misused connection produces: a bug in this program.
_BUG_TYPES = (sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.NotSupportedError)
_BUG_CODES = frozenset({_SQLITE_MISMATCH, _SQLITE_MISUSE, _SQLITE_RANGE})
# SQLITE_ERROR is SQLite's catch-all: these of its messages name a mistake in the SQL.
# A table or column missing from a damaged file is caught before any query runs: the
# file's schema is checked when it is opened (check_usable).
_BUG_MESSAGES = (
    "no such column",
    "no such table",
    "no such function",
    "syntax error",
    "has no column named",
    "incomplete input",
    "unrecognized token",
    "wrong number of arguments",
)


class DiskFull(StoreError):
    """The disk (or the database's size limit) is full; nothing was stored."""


class StoreBusy(StoreError):
    """Others held the database's write lock past the busy timeout; nothing was written.
    Passing: a service waits and tries again (see core/watch/service.py)."""


class StoreKind(enum.Enum):
    EMPTY = "empty"  # no tables yet: ours to initialise
    NEWSDIFF = "newsdiff"
    FOREIGN = "foreign"


@dataclass(frozen=True, slots=True)
class Inspection:
    kind: StoreKind
    user_version: int
    application_id: int
    tables: dict[str, frozenset[str]]


def inspect(connection: sqlite3.Connection) -> Inspection:
    """Classify the open database; reads the header and the schema, writes nothing."""
    user_version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    tables = table_columns(connection)
    if application_id not in (0, APPLICATION_ID):
        kind = StoreKind.FOREIGN
    elif application_id == APPLICATION_ID:
        kind = StoreKind.NEWSDIFF
    elif not tables:
        # A header with a schema number and no tables is a store from the future or one
        # whose tables were dropped; either way it is refused below, never initialised.
        kind = StoreKind.EMPTY if user_version == 0 else StoreKind.NEWSDIFF
    elif user_version >= 1 and tables.keys() >= _CORE_TABLES:
        kind = StoreKind.NEWSDIFF  # made before stores carried the application id
    else:
        kind = StoreKind.FOREIGN
    return Inspection(kind, user_version, application_id, tables)


def check_usable(inspection: Inspection, path: Path) -> None:
    """StoreError unless the inspected file may be opened (and migrated) as a store."""
    if inspection.kind is StoreKind.FOREIGN:
        raise StoreError(f"not a newsdiff database: {path} ({_contents(inspection)})")
    if inspection.kind is StoreKind.EMPTY:
        return
    try:
        check_not_too_new(inspection.user_version)
    except SchemaTooNew as exc:
        raise StoreError(f"{path}: {exc}") from exc
    problem = schema_problem(inspection.tables, inspection.user_version)
    if problem:
        raise StoreError(f"damaged newsdiff database: {path} ({problem})")


def schema_problem(tables: dict[str, frozenset[str]], version: int) -> str | None:
    """What is missing from the schema that migrations 1..version make, or None."""
    for table, columns in sorted(schema_at(version).items()):
        if table not in tables:
            return f"table {table} is missing"
        missing = sorted(columns - tables[table])
        if missing:
            return f"table {table} has no column {', '.join(missing)}"
    return None


def _contents(inspection: Inspection) -> str:
    names = sorted(inspection.tables)
    if not names:
        return f"it belongs to another program: application id {inspection.application_id:#x}"
    shown = ", ".join(names[:_SHOWN_TABLES])
    more = f" and {len(names) - _SHOWN_TABLES} more" if len(names) > _SHOWN_TABLES else ""
    return f"it holds tables {shown}{more}"


def is_query_bug(exc: sqlite3.Error) -> bool:
    """Whether `exc` comes from a mistake in our SQL or our use of the connection."""
    if isinstance(exc, _BUG_TYPES):
        return True
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in _BUG_CODES:
        return True
    # No code at all: an error raised by the sqlite3 module rather than by SQLite.
    return code in (0, _SQLITE_ERROR) and any(part in str(exc) for part in _BUG_MESSAGES)


def raise_if_query_bug(exc: sqlite3.Error) -> None:
    """Re-raise `exc` unchanged when it is a bug (see is_query_bug): bugs crash loudly."""
    if is_query_bug(exc):
        raise exc


def store_error(exc: sqlite3.Error | OSError, path: Path) -> StoreError:
    """The one-line StoreError for a failure of SQLite or the file system on `path`.

    A bug in a query is not the user's to fix: it is raised here, as it is, instead
    of being returned as "database error" (callers write `raise store_error(…)`).
    """
    if isinstance(exc, OSError):
        return _os_error(exc, path)
    raise_if_query_bug(exc)
    extended = getattr(exc, "sqlite_errorcode", None) or 0
    code = extended & 0xFF
    detail = str(exc)
    if code == _SQLITE_FULL:
        return DiskFull(f"disk full: {path}")
    if extended == _SQLITE_READONLY_DIRECTORY:
        return StoreError(
            f"cannot read the database {path}: its folder is read-only, and SQLite must "
            f"create {path.name}-shm beside it to read a write-ahead-logged database"
        )
    if code == _SQLITE_READONLY:
        return read_only_error(path, detail)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreBusy(f"the database is busy (another program is writing to it): {path}")
    if code == _SQLITE_NOTADB:
        return StoreError(f"{path} is not a usable newsdiff database ({detail})")
    if code == _SQLITE_CORRUPT:
        return StoreError(f"damaged newsdiff database: {path} ({detail})")
    if code == _SQLITE_CANTOPEN:
        return StoreError(f"cannot open the database {path} ({detail})")
    if code == _SQLITE_IOERR:
        return StoreError(f"cannot read or write the database {path} ({detail})")
    return StoreError(f"database error in {path}: {detail}")


def read_only_error(path: Path, detail: str) -> StoreError:
    return StoreError(f"the database is read-only: {path} ({detail})")


def ensure_writable(store: Path | StoreAddress) -> None:
    """A command that will write refuses a store it may not write before doing any work
    (fetching, extracting), with the same sentence SQLite's refusal would give.
    (A database server checks its own permissions, when the write comes.)"""
    path = store.path if isinstance(store, StoreAddress) else store
    if path is not None and path.exists() and not os.access(path, os.W_OK):
        raise read_only_error(path, "no permission to write the file")


def _os_error(exc: OSError, path: Path) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(f"disk full: {path}")
    reason = exc.strerror or str(exc)
    return StoreError(f"cannot open the database {path} ({reason})")
