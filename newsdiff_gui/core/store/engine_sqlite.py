"""The SQLite engine: one file, opened through the file guard (database.py).

The guard, WAL, PRAGMA integrity_check and the user_version schema number stay here,
behind the engine interface; store code never sees them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.store.database import immediate_transaction, open_connection
from newsdiff_gui.core.store.engine import Cursor
from newsdiff_gui.core.store.guard import store_error


class SqliteConnection:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._connection.row_factory = sqlite3.Row
        self.path = path

    @classmethod
    def open(cls, address: StoreAddress, *, read_only: bool = False) -> SqliteConnection:
        assert address.path is not None
        return cls(open_connection(address.path, read_only=read_only), address.path)

    @property
    def address(self) -> StoreAddress:
        return StoreAddress(path=self.path)

    @property
    def raw(self) -> sqlite3.Connection:
        """The sqlite3 connection itself, for SQLite-only checks (tests, the file guard)."""
        return self._connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        try:
            return self._connection.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with immediate_transaction(self._connection, self.path):
                yield
        except sqlite3.Error as exc:
            raise store_error(exc, self.path) from exc

    @property
    def in_transaction(self) -> bool:
        return self._connection.in_transaction

    def integrity_check(self) -> str:
        return str(self.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self._connection.close()
