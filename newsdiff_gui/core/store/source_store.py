"""Followed sources in the store: the sources table, every poll, and who found what.

An article may be found by several sources (`source_articles`); `articles.
first_source_id` names the one that made it tracked (NULL for an article the user
tracked by hand). Reached as `VersionStore.sources`, on the store's connection and
transaction (same thread rules as the rest of the store).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.store.models import NotFound, StoreError
from newsdiff_gui.core.store.rows import iso_or_none, time_or_none
from newsdiff_gui.core.timeutil import from_iso, to_iso

_COLUMNS = """
    s.id, s.url, s.kind, s.title, s.url_filter, s.added_at, s.active, s.etag, s.last_modified,
    s.check_interval, s.next_check_at, s.failure_count, s.last_checked_at, s.last_error,
    s.learned_pattern,
    (SELECT COUNT(*) FROM source_articles l WHERE l.source_id = s.id) AS article_count
"""
# SQLite's default limit on host parameters is 999 on old builds; stay well below it.
_CHUNK = 400


class SourceKind(enum.StrEnum):
    FEED = "feed"
    PAGE = "page"


class DuplicateSource(StoreError):
    """The address is already followed; `source_id` names the existing source."""

    def __init__(self, url: str, source_id: int) -> None:
        super().__init__(f"{url} is already followed as source {source_id}")
        self.source_id = source_id


@dataclass(frozen=True, slots=True)
class SourceSchedule:
    check_interval: timedelta
    next_check_at: datetime | None
    failure_count: int = 0


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    url: str
    kind: SourceKind
    title: str
    url_filter: str | None
    added_at: datetime
    active: bool
    etag: str | None
    last_modified: str | None
    schedule: SourceSchedule
    last_checked_at: datetime | None
    last_error: str | None
    learned_pattern: str
    article_count: int


@dataclass(frozen=True, slots=True)
class PollRecord:
    """One poll of a source, as `record_poll` stores it."""

    started_at: datetime
    duration: float
    outcome: str
    http_status: int | None = None
    error: str | None = None
    found: int = 0
    added: int = 0
    etag: str | None = None
    last_modified: str | None = None


def _source(row: Row) -> Source:
    return Source(
        id=row["id"],
        url=row["url"],
        kind=SourceKind(row["kind"]),
        title=row["title"],
        url_filter=row["url_filter"],
        added_at=from_iso(row["added_at"]),
        active=bool(row["active"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
        schedule=SourceSchedule(
            timedelta(seconds=row["check_interval"]),
            time_or_none(row["next_check_at"]),
            row["failure_count"],
        ),
        last_checked_at=time_or_none(row["last_checked_at"]),
        last_error=row["last_error"],
        learned_pattern=row["learned_pattern"],
        article_count=row["article_count"],
    )


class SourceStore:
    def __init__(
        self,
        connection: Connection,
        transaction: Callable[[], AbstractContextManager[None]],
    ) -> None:
        self._connection = connection
        self._transaction = transaction

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        return fetch_rows(self._connection, sql, params)

    # -- sources ------------------------------------------------------------------

    def add(
        self,
        url: str,
        kind: SourceKind,
        *,
        schedule: SourceSchedule,
        now: datetime,
        title: str = "",
        url_filter: str | None = None,
    ) -> Source:
        with self._transaction():
            existing = self.find(url)
            if existing is not None:
                raise DuplicateSource(url, existing.id)
            rows = self._query(
                "INSERT INTO sources (url, kind, title, url_filter, added_at, check_interval,"
                " next_check_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    url,
                    kind.value,
                    title,
                    url_filter or None,
                    to_iso(now),
                    schedule.check_interval.total_seconds(),
                    iso_or_none(schedule.next_check_at),
                ),
            )
            return self.get(rows[0][0])

    def get(self, source_id: int) -> Source:
        rows = self._query(f"SELECT {_COLUMNS} FROM sources s WHERE s.id = ?", (source_id,))
        if not rows:
            raise NotFound(f"no source with id {source_id}")
        return _source(rows[0])

    def find(self, url: str) -> Source | None:
        rows = self._query(f"SELECT {_COLUMNS} FROM sources s WHERE s.url = ?", (url,))
        return _source(rows[0]) if rows else None

    def all(self) -> list[Source]:
        return [_source(r) for r in self._query(f"SELECT {_COLUMNS} FROM sources s ORDER BY s.id")]

    def due(self, now: datetime) -> list[Source]:
        rows = self._query(
            f"SELECT {_COLUMNS} FROM sources s WHERE s.active = 1 AND s.next_check_at IS NOT NULL"
            " AND s.next_check_at <= ? ORDER BY s.next_check_at, s.id",
            (to_iso(now),),
        )
        return [_source(r) for r in rows]

    def claim_due(self, now: datetime, lease: timedelta) -> list[int]:
        """The due sources, each postponed by `lease` in the same transaction: a watcher
        polls what it claimed, and no other watcher polls it meanwhile. The poll sets the
        real next slot; a watcher that dies leaves the source due again after the lease."""
        # Asked before every article a watcher claims: a read first, so that no due
        # source (the usual answer) costs no write lock; the claim itself re-reads inside.
        if not self._query(
            "SELECT 1 FROM sources WHERE active = 1 AND next_check_at IS NOT NULL"
            " AND next_check_at <= ? LIMIT 1",
            (to_iso(now),),
        ):
            return []
        with self._transaction():
            ids = [source.id for source in self.due(now)]
            for source_id in ids:
                self._connection.execute(
                    "UPDATE sources SET next_check_at = ? WHERE id = ?",
                    (to_iso(now + lease), source_id),
                )
        return ids

    def set_active(self, source_id: int, active: bool, next_check_at: datetime | None) -> Source:
        """Pause (no slot) or resume (due at `next_check_at`) a source."""
        with self._transaction():
            self.get(source_id)
            self._connection.execute(
                "UPDATE sources SET active = ?, next_check_at = ? WHERE id = ?",
                (int(active), iso_or_none(next_check_at if active else None), source_id),
            )
            return self.get(source_id)

    def set_filter(self, source_id: int, url_filter: str | None) -> Source:
        with self._transaction():
            self.get(source_id)
            self._connection.execute(
                "UPDATE sources SET url_filter = ? WHERE id = ?", (url_filter or None, source_id)
            )
            return self.get(source_id)

    def record_poll(
        self,
        source_id: int,
        poll: PollRecord,
        schedule: SourceSchedule,
        *,
        title: str | None = None,
        learned_pattern: str | None = None,
    ) -> None:
        """The poll, the source's last-poll state and its next slot, in one transaction.

        Validators are kept only from a successful poll, as for articles.
        """
        with self._transaction():
            self._connection.execute(
                "INSERT INTO source_polls (source_id, started_at, duration, http_status, outcome,"
                " error, found, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source_id,
                    to_iso(poll.started_at),
                    poll.duration,
                    poll.http_status,
                    poll.outcome,
                    poll.error,
                    poll.found,
                    poll.added,
                ),
            )
            source = self.get(source_id)
            changes: dict[str, Any] = {
                "last_checked_at": to_iso(poll.started_at),
                "last_error": poll.error,
                "check_interval": schedule.check_interval.total_seconds(),
                # A source paused while its poll ran keeps no slot.
                "next_check_at": iso_or_none(schedule.next_check_at) if source.active else None,
                "failure_count": schedule.failure_count,
            }
            if title:
                changes["title"] = title
            if learned_pattern is not None:
                changes["learned_pattern"] = learned_pattern
            assignments = ", ".join(f"{column} = ?" for column in changes)
            self._connection.execute(
                f"UPDATE sources SET {assignments} WHERE id = ?", (*changes.values(), source_id)
            )
            if poll.error is None and (poll.etag or poll.last_modified):
                self._connection.execute(
                    "UPDATE sources SET etag = ?, last_modified = ? WHERE id = ?",
                    (poll.etag, poll.last_modified, source_id),
                )

    def polls(self, source_id: int) -> list[PollRecord]:
        rows = self._query(
            "SELECT started_at, duration, outcome, http_status, error, found, added"
            " FROM source_polls WHERE source_id = ? ORDER BY id",
            (source_id,),
        )
        return [PollRecord(from_iso(r[0]), r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]

    # -- which source found which article -------------------------------------------

    def known_articles(self, urls: Iterable[str]) -> dict[str, int]:
        """Address → article id, for addresses tracked already or reached by redirect
        (a version's final address: the story the source lists under its new address)."""
        wanted = list(dict.fromkeys(urls))
        known: dict[str, int] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = tuple(wanted[start : start + _CHUNK])
            marks = ", ".join("?" * len(chunk))
            for row in self._query(
                f"SELECT v.final_url, MIN(v.article_id) FROM versions v"
                f" WHERE v.final_url IN ({marks}) GROUP BY v.final_url",
                chunk,
            ):
                known[row[0]] = row[1]
            for row in self._query(f"SELECT url, id FROM articles WHERE url IN ({marks})", chunk):
                known[row[0]] = row[1]
        return known

    def link(
        self,
        source_id: int,
        article_id: int,
        found_url: str,
        now: datetime,
        *,
        first: bool,
        title: str = "",
    ) -> None:
        """Record that the source found the article (once); `first`: it made it tracked,
        and the source's headline names it until its first capture reads the page's."""
        with self._transaction():
            self._connection.execute(
                "INSERT INTO source_articles (source_id, article_id, found_at, found_url)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (source_id, article_id) DO NOTHING",
                (source_id, article_id, to_iso(now), found_url),
            )
            if first:
                self._connection.execute(
                    "UPDATE articles SET first_source_id = ?,"
                    " title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ?",
                    (source_id, title, article_id),
                )

    def first_sources(self) -> dict[int, int]:
        """Article id → the source that made it tracked (articles tracked by hand absent)."""
        rows = self._query(
            "SELECT id, first_source_id FROM articles WHERE first_source_id IS NOT NULL"
        )
        return {row[0]: row[1] for row in rows}

    def article_ids(self, source_id: int) -> list[int]:
        """Every article the source found, in the order it found them."""
        rows = self._query(
            "SELECT article_id FROM source_articles WHERE source_id = ? ORDER BY found_at,"
            " article_id",
            (source_id,),
        )
        return [row[0] for row in rows]

    def only_found_by(self, source_id: int) -> list[int]:
        """Articles this source made tracked and no other source found: what `unfollow
        --purge` deletes. An article tracked by hand has no first source; one another
        source also found stays for that source."""
        rows = self._query(
            "SELECT a.id FROM articles a WHERE a.first_source_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM source_articles l WHERE l.article_id = a.id AND l.source_id != ?)"
            " ORDER BY a.id",
            (source_id, source_id),
        )
        return [row[0] for row in rows]

    def remove(self, source_id: int, *, purge: bool) -> int:
        """Unfollow; with `purge`, delete the articles only it found. Returns how many."""
        with self._transaction():
            self.get(source_id)
            doomed = self.only_found_by(source_id) if purge else []
            for start in range(0, len(doomed), _CHUNK):
                chunk = tuple(doomed[start : start + _CHUNK])
                marks = ", ".join("?" * len(chunk))
                self._connection.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
            self._connection.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        return len(doomed)
