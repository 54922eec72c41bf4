"""VersionStore: tracked articles, their versions and every check, in one store.

The store is a SQLite file or a PostgreSQL database (engine.py); this code is the same
for both. Each instance owns one connection and must stay on the thread that opened it
(the GUI's worker opens its own). Every write runs in one transaction that excludes
other writers, so a crash leaves either the whole capture or none of it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from newsdiff_gui.core.audit.chain import AuditAction
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.normalize import content_fingerprint
from newsdiff_gui.core.schedule import STOPPED_BY_USER, ScheduleState
from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.store.annotation_store import AnnotationStore
from newsdiff_gui.core.store.audit_store import AuditStore
from newsdiff_gui.core.store.change_feed import ChangeFeed
from newsdiff_gui.core.store.check_store import CheckStore
from newsdiff_gui.core.store.claim_store import ClaimStore
from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows, open_engine
from newsdiff_gui.core.store.event_store import EventStore
from newsdiff_gui.core.store.models import (
    Article,
    Capture,
    CaptureOutcome,
    CaptureResult,
    DuplicateArticle,
    NotFound,
    StoredVersion,
    StoreError,
    VersionNotice,
    VersionSource,
)
from newsdiff_gui.core.store.page_store import OutletStore, PageStore
from newsdiff_gui.core.store.rows import article_from_row, iso_or_none, version_from_row
from newsdiff_gui.core.store.source_store import SourceStore
from newsdiff_gui.core.store.suspect import suspect_reason
from newsdiff_gui.core.store.warc_store import WarcKind, WarcStore
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.core.visible import document_has_hidden_characters

log = logging.getLogger(__name__)
_ARTICLE_COLUMNS = """
    a.id, a.url, a.title, a.added_at, a.active, a.stopped_reason, a.etag, a.last_modified,
    a.check_interval, a.next_check_at, a.failure_count, a.last_checked_at, a.last_error,
    a.last_changed_at, a.unread_changes,
    (SELECT COUNT(*) FROM versions v WHERE v.article_id = a.id) AS version_count,
    (SELECT CASE WHEN v.suspect_extraction = 1 THEN COALESCE(v.suspect_reason, '') END
     FROM versions v WHERE v.article_id = a.id ORDER BY v.number DESC LIMIT 1) AS latest_suspect
"""
_VERSION_COLUMNS = """
    id, article_id, number, captured_at, source, final_url, http_status, etag, last_modified,
    raw_sha256, raw_size, raw_encoding, document_json, content_hash, extractor,
    extractor_version, returns_to, suspect_extraction, suspect_reason, notices
"""


def content_hash(document: Document) -> str:
    """SHA-256 of the normalised text: equal hashes mean 'no new version'."""
    fingerprint = content_fingerprint(document.title, document.byline, document.paragraphs)
    return hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()


class VersionStore:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.address: StoreAddress = connection.address
        self._depth = 0
        self.audit = AuditStore(connection, self.transaction)
        self.warc = WarcStore(connection, self.transaction)
        self.annotations = AnnotationStore(connection, self.transaction, self.audit)
        self.sources = SourceStore(connection, self.transaction)
        self.claims = ClaimStore(connection, self.transaction)
        self.changes = ChangeFeed(connection)
        self.events = EventStore(connection, self.transaction)
        self.checks = CheckStore(connection, self.transaction)
        self.pages = PageStore(connection)
        self.outlets = OutletStore(connection)

    @classmethod
    def open(cls, target: str | Path | StoreAddress, *, read_only: bool = False) -> VersionStore:
        """The store at `target` (a path or a postgresql:// URL); `read_only` never
        creates or writes it."""
        address = target if isinstance(target, StoreAddress) else None
        if isinstance(target, Path):
            address = StoreAddress(path=target.expanduser())
        store = cls(open_engine(address or str(target), read_only=read_only))
        if not read_only:
            store._backfill_events()
        return store

    @property
    def path(self) -> Path:
        """The SQLite file; a PostgreSQL store has none (use `address`)."""
        if self.address.path is None:
            raise AttributeError(f"{self.address.shown} is a database server, not a file")
        return self.address.path

    def _backfill_events(self) -> None:
        # Versions stored before life events existed get theirs once. A store that
        # cannot be written now (a full disk) still opens; the next open tries again.
        try:
            self.events.backfill_versions()
        except StoreError as exc:
            log.warning("life events of earlier versions not recorded yet: %s", exc)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> VersionStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested uses join the outermost transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._connection.transaction():
                yield
        finally:
            self._depth = 0

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        return fetch_rows(self._connection, sql, params)

    # -- articles ---------------------------------------------------------------

    def add_article(self, url: str, schedule: ScheduleState, now: datetime) -> Article:
        """Track a URL; a URL the user had untracked is tracked again."""
        with self.transaction():
            existing = self.find_article(url)
            if existing is not None:
                if existing.active or existing.stopped_reason != STOPPED_BY_USER:
                    raise DuplicateArticle(url, existing.id)
                self.update_schedule(existing.id, schedule)
                return self.get_article(existing.id)
            cursor = self._connection.execute(
                "INSERT INTO articles (url, added_at, check_interval, next_check_at,"
                " failure_count, active, stopped_reason) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id",
                (
                    url,
                    to_iso(now),
                    schedule.check_interval.total_seconds(),
                    iso_or_none(schedule.next_check_at),
                    schedule.failure_count,
                    int(schedule.active),
                    schedule.stopped_reason,
                ),
            )
            return self.get_article(int(cursor.fetchone()[0]))

    def get_article(self, article_id: int) -> Article:
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
        )
        if not rows:
            raise NotFound(f"no article with id {article_id}")
        return article_from_row(rows[0])

    def get_articles(self, article_ids: Sequence[int]) -> list[Article]:
        """The articles of `article_ids` that exist, in that order: one query per 500
        (the window lists a source's hundreds of new articles this way)."""
        found: dict[int, Article] = {}
        for start in range(0, len(article_ids), 500):
            chunk = tuple(article_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id IN ({marks})", chunk
            )
            found.update((article.id, article) for article in map(article_from_row, rows))
        return [found[i] for i in article_ids if i in found]

    def find_article(self, url: str) -> Article | None:
        rows = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.url = ?", (url,))
        return article_from_row(rows[0]) if rows else None

    def article_ids(self) -> list[int]:
        """Every article's id, in order: what a window compares its list with, without
        reading 10,000 rows with their version counts."""
        return [int(row[0]) for row in self._query("SELECT id FROM articles ORDER BY id")]

    def list_articles(self) -> list[Article]:
        return [
            article_from_row(r)
            for r in self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles a ORDER BY a.id")
        ]

    def due_articles(self, now: datetime) -> list[Article]:
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.active = 1"
            " AND a.next_check_at IS NOT NULL AND a.next_check_at <= ? ORDER BY a.next_check_at",
            (to_iso(now),),
        )
        return [article_from_row(r) for r in rows]

    def schedule_of(self, article: Article) -> ScheduleState:
        return ScheduleState(
            check_interval=timedelta(seconds=article.check_interval),
            next_check_at=article.next_check_at,
            failure_count=article.failure_count,
            active=article.active,
            stopped_reason=article.stopped_reason,
        )

    def update_schedule(self, article_id: int, schedule: ScheduleState) -> None:
        with self.transaction():
            self._connection.execute(
                "UPDATE articles SET check_interval = ?, next_check_at = ?, failure_count = ?,"
                " active = ?, stopped_reason = ? WHERE id = ?",
                (
                    schedule.check_interval.total_seconds(),
                    iso_or_none(schedule.next_check_at),
                    schedule.failure_count,
                    int(schedule.active),
                    schedule.stopped_reason,
                    article_id,
                ),
            )

    def untrack(self, article_id: int) -> None:
        """Stop checking; every stored version stays."""
        with self.transaction():
            self.get_article(article_id)
            self._connection.execute(
                "UPDATE articles SET active = 0, stopped_reason = ?, next_check_at = NULL"
                " WHERE id = ?",
                (STOPPED_BY_USER, article_id),
            )

    def purge_article(self, article_id: int) -> None:
        """Delete the article with all its versions, checks and notes."""
        with self.transaction():
            article = self.get_article(article_id)
            self._connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            # Pages no other version captured go with it (pages are shared by SHA-256).
            self._connection.execute(
                "DELETE FROM pages WHERE NOT EXISTS"
                " (SELECT 1 FROM versions v WHERE v.raw_sha256 = pages.sha256)"
            )
            detail = {"url": article.url, "versions": str(article.version_count)}
            self.audit.append(AuditAction.PURGE, f"article:{article_id}", article_id, detail)

    def mark_read(self, article_id: int) -> None:
        with self.transaction():
            self._connection.execute(
                "UPDATE articles SET unread_changes = 0 WHERE id = ?", (article_id,)
            )

    # -- versions ---------------------------------------------------------------

    def add_capture(self, article_id: int, capture: Capture) -> CaptureResult:
        """Store the capture as a new version unless its normalised text equals the latest."""
        digest = content_hash(capture.document)
        with self.transaction():
            article = self.get_article(article_id)
            latest = self.latest_version(article_id)
            if latest is not None and latest.content_hash == digest:
                return CaptureResult(CaptureOutcome.UNCHANGED, latest)
            returns_to = self._earlier_version_with(article_id, digest)
            reference = self._latest_trusted_version(article_id)
            reason = suspect_reason(reference.document, capture.document) if reference else None
            if capture.document.extraction_warning:  # the extractor knows it lost text
                reason = "; ".join(filter(None, (capture.document.extraction_warning, reason)))
            notices = set(capture.notices)
            # Told once, here, from the text as stored: whoever captured it.
            if document_has_hidden_characters(capture.document):
                notices.add(VersionNotice.HIDDEN_CHARACTERS)
            number = (latest.number if latest else 0) + 1
            raw_sha256 = self.pages.keep(capture.raw)
            cursor = self._connection.execute(
                f"INSERT INTO versions ({_VERSION_COLUMNS.replace('id,', '', 1)})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    article_id,
                    number,
                    to_iso(capture.captured_at),
                    capture.source.value,
                    capture.final_url,
                    capture.http_status,
                    capture.etag,
                    capture.last_modified,
                    raw_sha256,
                    len(capture.raw),
                    capture.encoding,
                    json.dumps(capture.document.to_json_dict(), ensure_ascii=False),
                    digest,
                    capture.extractor,
                    capture.extractor_version,
                    returns_to,
                    int(reason is not None),
                    reason,
                    json.dumps(sorted(notice.value for notice in notices)),
                ),
            )
            version_id = int(cursor.fetchone()[0])
            title = capture.document.title or article.title
            self._connection.execute(
                "UPDATE articles SET title = ?, last_changed_at = ?,"
                " unread_changes = unread_changes + ? WHERE id = ?",
                (title, to_iso(capture.captured_at), int(latest is not None), article_id),
            )
            version = self._version_by_id(version_id)
            self._keep_evidence(version, capture)
            self.events.on_new_version(
                article_id,
                number,
                latest.document if latest else None,
                capture.document,
                returns_to,
                capture.source,
                capture.captured_at,
            )
            return CaptureResult(CaptureOutcome.NEW_VERSION, version)

    def _keep_evidence(self, version: StoredVersion, capture: Capture) -> None:
        """The version's WARC records and its audit-log entry, in the capture's transaction."""
        imported = capture.source is VersionSource.IMPORT
        detail = {"version": str(version.number), "raw_sha256": version.sha256}
        detail["url"] = capture.final_url or ""
        if capture.warc_records is not None:
            kind = WarcKind.RESOURCE if imported else WarcKind.EXCHANGE
            detail["warc_sha256"] = self.warc.add(version.id, kind, capture.warc_records())
        action = AuditAction.IMPORT if imported else AuditAction.CAPTURE
        self.audit.append(
            action, f"version:{version.article_id}/{version.number}", version.article_id, detail
        )

    def _latest_trusted_version(self, article_id: int) -> StoredVersion | None:
        # Compare with the last version that was not itself a collapse, so a paywall
        # that stays up for several captures keeps every one of them flagged.
        rows = self._query(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE article_id = ?"
            " AND suspect_extraction = 0 ORDER BY number DESC LIMIT 1",
            (article_id,),
        )
        return version_from_row(rows[0]) if rows else None

    def _earlier_version_with(self, article_id: int, digest: str) -> int | None:
        rows = self._query(
            "SELECT MAX(number) FROM versions WHERE article_id = ? AND content_hash = ?",
            (article_id, digest),
        )
        value = rows[0][0]
        return int(value) if value is not None else None

    def get_version(self, article_id: int, number: int) -> StoredVersion:
        rows = self._query(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE article_id = ? AND number = ?",
            (article_id, number),
        )
        if not rows:
            self.get_article(article_id)  # a missing article gets its own message
            raise NotFound(f"article {article_id} has no version {number}")
        return version_from_row(rows[0])

    def _version_by_id(self, version_id: int) -> StoredVersion:
        rows = self._query(f"SELECT {_VERSION_COLUMNS} FROM versions WHERE id = ?", (version_id,))
        if not rows:
            raise NotFound(f"no version with id {version_id}")
        return version_from_row(rows[0])

    def list_versions(self, article_id: int) -> list[StoredVersion]:
        self.get_article(article_id)
        rows = self._query(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE article_id = ? ORDER BY number",
            (article_id,),
        )
        return [version_from_row(r) for r in rows]

    def latest_version(self, article_id: int) -> StoredVersion | None:
        rows = self._query(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE article_id = ?"
            " ORDER BY number DESC LIMIT 1",
            (article_id,),
        )
        return version_from_row(rows[0]) if rows else None

    def raw_html(self, article_id: int, number: int) -> bytes:
        """The page bytes exactly as captured (their SHA-256 is the version's `sha256`)."""
        return self.pages.read(self.get_version(article_id, number).sha256)

    # -- checks -----------------------------------------------------------------

    def integrity_check(self) -> str:
        return self._connection.integrity_check()
