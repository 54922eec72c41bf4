"""Opening the SQLite file safely, and the one transaction idiom every write uses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from newsdiff_gui.core.store.models import StoreError
from newsdiff_gui.core.store.schema import SchemaTooNew, migrate

APP_NAME = "newsdiff_gui"


def default_database_path() -> Path:
    """The per-user store, e.g. ~/.local/share/newsdiff_gui/newsdiff.sqlite3 on Linux."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "newsdiff.sqlite3"


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the store; StoreError on any failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT),
        # so a write never sits half-done in an implicit transaction.
        connection = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open the database {path}: {exc}") from exc
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 10000")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{path}: the file system does not support write-ahead logging")
        # FULL makes each commit durable across power loss, not only across a crash.
        connection.execute("PRAGMA synchronous = FULL")
        migrate(connection)
    except SchemaTooNew as exc:
        connection.close()
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise StoreError(f"{path} is not a usable newsdiff database ({exc})") from exc
    return connection


@contextmanager
def immediate_transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise StoreError(f"the database is busy or read-only: {exc}") from exc
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    try:
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        connection.execute("ROLLBACK")
        raise StoreError(f"could not save to the database: {exc}") from exc
