"""Life events in the store (`store.events`): recorded, read, and what they change.

What each event is, is decided in core/lifecycle.py; this module only records it,
together with the article's reach (`articles.life_state`), the address it
answered at before a redirect (`article_addresses`), each reviewer's last look
and store-wide settings. Same connection and thread rules as the VersionStore.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.lifecycle import (
    EventKind,
    LifeEvent,
    NewEvent,
    Reach,
    Seen,
    Sighting,
    transition,
    version_event,
)
from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.store.models import NotFound, VersionSource
from newsdiff_gui.core.timeutil import from_iso, to_iso

_COLUMNS = "id, article_id, at, kind, version, detail"
_BACKFILLED = "version_events_backfilled"
_VERSION_EVENTS = "SELECT article_id, version FROM events WHERE version IS NOT NULL"
# How an article came to be tracked, as its first_seen event says it. A source
# (feeds, section pages) names itself instead: "source 3".
HOW_ADDED = {VersionSource.FETCH: "added by hand", VersionSource.IMPORT: "imported"}


def _event(row: Row) -> LifeEvent:
    return LifeEvent(
        id=row["id"],
        article_id=row["article_id"],
        at=from_iso(row["at"]),
        kind=EventKind(row["kind"]),
        version=row["version"],
        detail=row["detail"],
    )


class EventStore:
    def __init__(
        self,
        connection: Connection,
        transaction: Callable[[], AbstractContextManager[None]],
    ) -> None:
        self._connection = connection
        self._transaction = transaction

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        return fetch_rows(self._connection, sql, params)

    def _write(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        with self._transaction():
            return self._query(sql, params)

    # -- events -----------------------------------------------------------------

    def record(self, article_id: int, at: datetime, event: NewEvent) -> LifeEvent:
        rows = self._write(
            f"INSERT INTO events (article_id, at, kind, version, detail) VALUES (?, ?, ?, ?, ?)"
            f" RETURNING {_COLUMNS}",
            (article_id, to_iso(at), event.kind.value, event.version, event.detail),
        )
        return _event(rows[0])

    def on_new_version(
        self,
        article_id: int,
        number: int,
        previous: Document | None,
        current: Document,
        returns_to: int | None,
        source: VersionSource,
        at: datetime,
    ) -> LifeEvent:
        """Record the event a just-stored version is (called by `add_capture`)."""
        how = self.how_added(article_id, source)
        return self.record(
            article_id, at, version_event(number, previous, current, returns_to, how)
        )

    def how_added(self, article_id: int, source: VersionSource) -> str:
        """What an article's first_seen event says of how it came to be tracked: by
        hand, or imported; an article found through a followed source names it
        ("source 3")."""
        rows = self._query("SELECT first_source_id FROM articles WHERE id = ?", (article_id,))
        if rows and rows[0][0] is not None:
            return f"source {rows[0][0]}"
        return HOW_ADDED[source]

    def backfill_versions(self) -> int:
        """Give the versions stored before life events existed their events, once per
        store (a flag in the settings), so an upgraded store's digest and timeline
        hold its history. Returns how many events were recorded."""
        if self.setting(_BACKFILLED):
            return 0
        with self._transaction():
            done = {(row[0], row[1]) for row in self._query(_VERSION_EVENTS)}
            cursor = self._connection.execute(
                "SELECT article_id, number, captured_at, source, returns_to, document_json"
                " FROM versions ORDER BY article_id, number"
            )
            recorded, previous = 0, None
            for (
                article_id,
                number,
                captured_at,
                source,
                returns_to,
                document_json,
            ) in cursor.fetchall():
                document = Document.from_json_dict(json.loads(document_json))
                before = previous[1] if previous and previous[0] == article_id else None
                previous = (article_id, document)
                if (article_id, number) in done:
                    continue
                how = self.how_added(article_id, VersionSource(source))
                event = version_event(number, before, document, returns_to, how)
                self.record(article_id, from_iso(captured_at), event)
                recorded += 1
            self.set_setting(_BACKFILLED, "1")
        return recorded

    def observe(
        self, article_id: int, at: datetime, sighting: Sighting, seen_before: bool
    ) -> list[LifeEvent]:
        """Record what one check saw: the events of a change of reach, if any, and
        follow a redirect (the article's address becomes the new one)."""
        with self._transaction():
            reach = self.reach(article_id)
            last = self._last_redirect(article_id) if sighting.seen is Seen.REDIRECTED else None
            events, after = transition(reach, sighting, seen_before, last)
            stored = [self.record(article_id, at, event) for event in events]
            if after is not reach:
                self._write(
                    "UPDATE articles SET life_state = ? WHERE id = ?", (after.value, article_id)
                )
            if any(event.kind is EventKind.REDIRECTED for event in events) and sighting.new_url:
                self._follow(article_id, sighting.new_url, at)
            return stored

    def _last_redirect(self, article_id: int) -> str | None:
        rows = self._query(
            "SELECT detail FROM events WHERE article_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
            (article_id, EventKind.REDIRECTED.value),
        )
        return str(rows[0]["detail"]) if rows else None

    def _follow(self, article_id: int, new_url: str, at: datetime) -> None:
        """Check the new address from now on; the old one is kept in the history.

        An address that is already another tracked article stays that article's:
        this one keeps its address (the event still says where the story went).
        """
        if self._query("SELECT 1 FROM articles WHERE url = ? AND id != ?", (new_url, article_id)):
            return
        old = self._query("SELECT url FROM articles WHERE id = ?", (article_id,))[0]["url"]
        self._write(
            "INSERT INTO article_addresses (article_id, url, left_at) VALUES (?, ?, ?)",
            (article_id, old, to_iso(at)),
        )
        # The old address's validators mean nothing to the new one.
        self._write(
            "UPDATE articles SET url = ?, etag = NULL, last_modified = NULL WHERE id = ?",
            (new_url, article_id),
        )

    def for_article(self, article_id: int) -> list[LifeEvent]:
        if not self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)):
            raise NotFound(f"no article with id {article_id}")
        rows = self._query(
            f"SELECT {_COLUMNS} FROM events WHERE article_id = ? ORDER BY id", (article_id,)
        )
        return [_event(row) for row in rows]

    def for_version(self, article_id: int, number: int) -> list[LifeEvent]:
        rows = self._query(
            f"SELECT {_COLUMNS} FROM events WHERE article_id = ? AND version = ? ORDER BY id",
            (article_id, number),
        )
        return [_event(row) for row in rows]

    def since(self, moment: datetime) -> list[LifeEvent]:
        """Every article's events at or after `moment`, newest first."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM events WHERE at >= ? ORDER BY at DESC, id DESC",
            (to_iso(moment),),
        )
        return [_event(row) for row in rows]

    def latest(self, limit: int) -> list[LifeEvent]:
        rows = self._query(
            f"SELECT {_COLUMNS} FROM events ORDER BY at DESC, id DESC LIMIT ?", (limit,)
        )
        return [_event(row) for row in rows]

    # -- reach and addresses ------------------------------------------------------

    def reach(self, article_id: int) -> Reach:
        rows = self._query("SELECT life_state FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFound(f"no article with id {article_id}")
        return _reach(rows[0]["life_state"])

    def reaches(self) -> dict[int, Reach]:
        """Every article's reach, by id (one query for a whole listing)."""
        rows = self._query("SELECT id, life_state FROM articles")
        return {row["id"]: _reach(row["life_state"]) for row in rows}

    def last_seen_version(self, article_id: int) -> int | None:
        """While the article is gone, the last version stored before it went (what
        the story was); None while it is not gone."""
        if self.reach(article_id) is not Reach.GONE:
            return None
        rows = self._query(
            "SELECT MAX(version) FROM events WHERE article_id = ? AND id < ("
            "SELECT MAX(id) FROM events WHERE article_id = ? AND kind = ?)",
            (article_id, article_id, EventKind.GONE.value),
        )
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def article_formerly_at(self, url: str) -> int | None:
        """The article whose story used to answer at `url` before a redirect."""
        rows = self._query(
            "SELECT article_id FROM article_addresses WHERE url = ? ORDER BY id DESC LIMIT 1",
            (url,),
        )
        return int(rows[0]["article_id"]) if rows else None

    def former_addresses(self, article_id: int) -> list[str]:
        rows = self._query(
            "SELECT url FROM article_addresses WHERE article_id = ? ORDER BY id", (article_id,)
        )
        return [row["url"] for row in rows]

    # -- last looks and settings ----------------------------------------------------

    def last_look(self, author: str) -> datetime | None:
        rows = self._query("SELECT looked_at FROM last_looks WHERE author = ?", (author,))
        return from_iso(rows[0]["looked_at"]) if rows else None

    def set_last_look(self, author: str, at: datetime) -> None:
        self._write(
            "INSERT INTO last_looks (author, looked_at) VALUES (?, ?)"
            " ON CONFLICT (author) DO UPDATE SET looked_at = excluded.looked_at",
            (author, to_iso(at)),
        )

    def setting(self, name: str) -> str | None:
        rows = self._query("SELECT value FROM settings WHERE name = ?", (name,))
        return str(rows[0]["value"]) if rows else None

    def set_setting(self, name: str, value: str | None) -> None:
        if value is None:
            self._write("DELETE FROM settings WHERE name = ?", (name,))
            return
        self._write(
            "INSERT INTO settings (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )


def _reach(value: str) -> Reach:
    try:
        return Reach(value)
    except ValueError:  # written by a newer release with more states
        return Reach.ACTIVE
