"""Opening the SQLite file safely, and the one transaction idiom every write uses.

A file is inspected read-only before anything writes to it (guard.py): only an empty
file or one of ours is ever initialised, migrated or switched to WAL. Read-only opens
(the CLI's `list`, `show`, `export`…) never create a file, and use SQLite's `mode=ro`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from newsdiff_gui.core.store.guard import (
    Inspection,
    StoreKind,
    check_usable,
    inspect,
    store_error,
)
from newsdiff_gui.core.store.models import StoreError
from newsdiff_gui.core.store.schema import SCHEMA_VERSION, SchemaTooNew, migrate, rollback

APP_NAME = "newsdiff_gui"
_BUSY_TIMEOUT = 10.0


def default_database_path() -> Path:
    """The per-user store, e.g. ~/.local/share/newsdiff_gui/newsdiff.sqlite3 on Linux."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "newsdiff.sqlite3"


def open_connection(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open the store, creating and migrating it unless `read_only`; StoreError on failure."""
    try:
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a database file")
        if read_only:
            return _open_read_only(path)
        return _open_for_writing(path)
    except OSError as exc:  # e.g. a parent folder the user may not enter
        raise store_error(exc, path) from exc


def _open_for_writing(path: Path) -> sqlite3.Connection:
    if path.exists():
        check_usable(_inspect_file(path), path)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise store_error(exc, path) from exc
    try:
        # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT),
        # so a write never sits half-done in an implicit transaction.
        connection = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT * 1000)}")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{path}: the file system does not support write-ahead logging")
        # FULL makes each commit durable across power loss, not only across a crash.
        connection.execute("PRAGMA synchronous = FULL")
        migrate(connection)
    except SchemaTooNew as exc:
        connection.close()
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.Error as exc:
        connection.close()
        raise store_error(exc, path) from exc
    except BaseException:
        connection.close()
        raise
    return connection


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise StoreError(f"no newsdiff database at {path}")
    inspection = _inspect_file(path)
    if inspection.kind is StoreKind.EMPTY:
        raise StoreError(f"no newsdiff database at {path} (the file is empty)")
    check_usable(inspection, path)
    if inspection.user_version < SCHEMA_VERSION:
        # One of ours from an earlier release: bring it up to date once, as any write
        # would, or every read of a column added since would fail.
        _open_for_writing(path).close()
    connection = _connect_read_only(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        connection.close()
        raise store_error(exc, path) from exc
    return connection


def _inspect_file(path: Path) -> Inspection:
    connection = _connect_read_only(path)
    try:
        return inspect(connection)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    finally:
        connection.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # mode=ro: SQLite neither creates the file nor writes to it (no hot-journal rollback,
    # no journal-mode change). A store already in WAL mode gets its -shm index beside it,
    # as any reader of a WAL database does.
    uri = f"{path.absolute().as_uri()}?mode=ro"
    try:
        return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=_BUSY_TIMEOUT)
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc


@contextmanager
def immediate_transaction(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception; StoreError names `path`."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise store_error(exc, path) from exc
    try:
        yield
    except BaseException:
        rollback(connection)
        raise
    try:
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        rollback(connection)
        raise store_error(exc, path) from exc
