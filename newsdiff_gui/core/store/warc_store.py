"""The WARC records kept per version, next to its compressed raw page.

A fetched version keeps its HTTP exchange (request and response records); an imported
one a `resource` record of the file. They are kept apart because they prove different
things: the exchange is what the site sent us, the resource only what a file held.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager

from newsdiff_gui.core.store.engine import Connection


class WarcKind(enum.StrEnum):
    EXCHANGE = "exchange"  # request + response records of a fetch
    RESOURCE = "resource"  # a resource record of an imported file


class WarcStore:
    """The version_warc table, on a `VersionStore`'s connection (same thread rules)."""

    def __init__(
        self,
        connection: Connection,
        transaction: Callable[[], AbstractContextManager[None]],
    ) -> None:
        self._connection = connection
        self._transaction = transaction

    def add(self, version_id: int, kind: WarcKind, records: bytes) -> str:
        """Keep a version's WARC file (records already gzipped); returns its SHA-256."""
        digest = hashlib.sha256(records).hexdigest()
        with self._transaction():
            self._connection.execute(
                "INSERT INTO version_warc (version_id, kind, records, sha256) VALUES (?, ?, ?, ?)",
                (version_id, kind.value, records, digest),
            )
        return digest

    def records(self, version_id: int) -> bytes | None:
        """The fetched version's request and response records (a WARC file, each record
        gzipped); None for an imported version or one stored before records were kept."""
        return self._get(version_id, WarcKind.EXCHANGE)

    def resource(self, version_id: int) -> bytes | None:
        """The imported version's `resource` record (a WARC file); None otherwise."""
        return self._get(version_id, WarcKind.RESOURCE)

    def _get(self, version_id: int, kind: WarcKind) -> bytes | None:
        row = self._connection.execute(
            "SELECT records FROM version_warc WHERE version_id = ? AND kind = ?",
            (version_id, kind.value),
        ).fetchone()
        return bytes(row[0]) if row is not None else None
