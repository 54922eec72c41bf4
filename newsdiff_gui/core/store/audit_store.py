"""The audit log in the store: appended in the transaction of the change it records.

Append-only: no method updates or deletes a row, and purging an article keeps its
entries (the table has no foreign key to cascade). Each entry links to the article's
previous entry by hash (core/audit/chain.py); `seq` numbers every entry of the store
1, 2, 3… so a deleted entry leaves a gap even where the links cannot show it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from newsdiff_gui.core.audit.author import audit_author
from newsdiff_gui.core.audit.chain import (
    GENESIS,
    AuditAction,
    AuditEntry,
    ChainCheck,
    ChainFault,
    canonical_json,
    format_at,
    parse_at,
    seal,
    verify_chain,
)
from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.timeutil import utc_now

if TYPE_CHECKING:
    from newsdiff_gui.core.store.audit_imported import ImportedChain

_COLUMNS = "seq, at, author, action, object, article_id, detail, prev, sha256"


class UnreadableEntry(Exception):
    """A stored row that is not an entry this release can read (edited, or newer)."""

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(reason)
        self.seq = seq
        self.reason = reason


def _entry(row: Row) -> AuditEntry:
    seq = int(row["seq"])
    try:
        detail = json.loads(row["detail"])
        if not isinstance(detail, dict):
            raise ValueError("its detail is not a JSON object")
        return AuditEntry(
            seq=seq,
            at=parse_at(row["at"]),
            author=row["author"],
            action=AuditAction(row["action"]),
            object=row["object"],
            article_id=int(row["article_id"]),
            detail=MappingProxyType({str(k): str(v) for k, v in detail.items()}),
            prev=row["prev"],
            sha256=row["sha256"],
        )
    except (ValueError, TypeError) as exc:
        raise UnreadableEntry(seq, f"it cannot be read ({exc}); entry edited") from exc


entry_from_row = _entry  # for the entries other stores kept (audit_imported.py)


class AuditStore:
    """The audit_log table, on a `VersionStore`'s connection (same thread rules).

    `author_source` names who acts through this store: the CLI's default reads
    $NEWSDIFF_AUTHOR or the login name; the app points it at the reviewer's name.
    """

    def __init__(
        self,
        connection: Connection,
        transaction: Callable[[], AbstractContextManager[None]],
        author_source: Callable[[], str] = audit_author,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._connection = connection
        self._transaction = transaction
        self.author_source = author_source
        self.clock = clock

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        return fetch_rows(self._connection, sql, params)

    def append(
        self,
        action: AuditAction,
        object: str,  # the contract names the field "object"
        article_id: int,
        detail: Mapping[str, str] | None = None,
    ) -> AuditEntry:
        """Append one entry; inside the caller's transaction, it commits with the change."""
        with self._transaction():
            last = self._query("SELECT MAX(seq) FROM audit_log")[0][0]
            previous = self._query(
                "SELECT sha256 FROM audit_log WHERE article_id = ? ORDER BY seq DESC LIMIT 1",
                (article_id,),
            )
            entry = seal(
                seq=(int(last) if last is not None else 0) + 1,
                at=self.clock().astimezone(UTC),
                author=self.author_source(),
                action=action,
                object=object,
                article_id=article_id,
                detail=detail or {},
                prev=previous[0][0] if previous else GENESIS,
            )
            self._connection.execute(
                f"INSERT INTO audit_log ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.seq,
                    format_at(entry.at),
                    entry.author,
                    entry.action.value,
                    entry.object,
                    entry.article_id,
                    canonical_json(dict(entry.detail)).decode("utf-8"),
                    entry.prev,
                    entry.sha256,
                ),
            )
        return entry

    def entries(self, article_id: int) -> list[AuditEntry]:
        """The article's entries in order; UnreadableEntry names a row that was tampered."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM audit_log WHERE article_id = ? ORDER BY seq", (article_id,)
        )
        return [_entry(row) for row in rows]

    def imported(self, article_id: int) -> list[ImportedChain]:
        """The entries other stores kept for the article, copied by migrate-store."""
        from newsdiff_gui.core.store.audit_imported import imported_chains

        return imported_chains(self._connection, article_id)

    def verify(self, article_id: int) -> ChainCheck:
        """Check the article's chain, and that no entry of the log is missing."""
        try:
            entries = self.entries(article_id)
        except UnreadableEntry as exc:
            return ChainCheck(0, exc.seq, ChainFault.EDITED, exc.reason)
        check = verify_chain(entries, GENESIS)
        if not check.ok:
            return check
        missing = self._first_missing_seq()
        if missing is not None:
            reason = "it is missing from the log (entry deleted)"
            return ChainCheck(check.count, missing, ChainFault.BROKEN_LINK, reason)
        unlogged = self._unlogged_version(article_id, entries)
        if unlogged is not None:
            reason = (
                f"the entry of version {unlogged} is missing (deleted): the version has "
                "WARC records, so it was stored while the log was kept"
            )
            return ChainCheck(check.count, None, ChainFault.BROKEN_LINK, reason)
        # Imported here, not at the top: audit_imported reads rows with this module's reader.
        from newsdiff_gui.core.store.audit_imported import verify_imported

        imported = verify_imported(self._connection, article_id, entries)
        count = check.count + imported.count
        return ChainCheck(count, imported.failed_seq, imported.fault, imported.reason)

    def _first_missing_seq(self) -> int | None:
        # Entries are numbered 1..N with no gap by append(); a gap is a deleted entry,
        # whatever its article (its links would only show if a later entry followed it).
        totals = self._query("SELECT COUNT(*), MAX(seq) FROM audit_log")[0]
        if int(totals[0]) == int(totals[1] or 0):
            return None
        rows = self._query("SELECT seq FROM audit_log ORDER BY seq")
        for expected, row in enumerate(rows, start=1):
            if row[0] != expected:
                return expected
        return None

    def _unlogged_version(self, article_id: int, entries: list[AuditEntry]) -> int | None:
        """A version stored since the log exists (it has WARC records) without its entry.

        The one deletion links and numbering cannot show: the newest entry of the log.
        """
        purges = [i for i, entry in enumerate(entries) if entry.action is AuditAction.PURGE]
        current = entries[purges[-1] + 1 :] if purges else entries  # the article stored now
        logged = {
            entry.object
            for entry in current
            if entry.action in (AuditAction.CAPTURE, AuditAction.IMPORT)
        }
        logged |= {  # versions copied in by migrate-store, each named in its entry
            f"version:{article_id}/{key.removeprefix('version ')}"
            for entry in current
            if entry.action is AuditAction.MIGRATE
            for key in entry.detail
            if key.startswith("version ")
        }
        rows = self._query(
            "SELECT v.number FROM versions v JOIN version_warc w ON w.version_id = v.id"
            " WHERE v.article_id = ? ORDER BY v.number",
            (article_id,),
        )
        for row in rows:
            if f"version:{article_id}/{row[0]}" not in logged:
                return int(row[0])
        return None
