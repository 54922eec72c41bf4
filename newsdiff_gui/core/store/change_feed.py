"""What changed in the store since a token: new versions, checks, articles and notes.

Every desktop and watcher on a shared store writes to it; an open window learns of
their work by asking, every few seconds, `since(token)`. The token is a handful of
maxima and counts read in one statement that touches indexes only (the sum of note
revisions scans the notes, a few thousand short rows), so asking costs about a
millisecond whether or not anything changed. Any change moves the token: a new row
raises a maximum id, a note edit, delete or restore raises its revision, a removed
article lowers the article count.

A faster wake-up (PostgreSQL's LISTEN/NOTIFY) only tells a poller to ask now; the
answer still comes from here, so a missed notification costs seconds, never a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdiff_gui.core.store.engine import Connection

_TOKEN = (
    "SELECT (SELECT COALESCE(MAX(id), 0) FROM articles),"
    " (SELECT COUNT(*) FROM articles),"
    " (SELECT COALESCE(MAX(id), 0) FROM versions),"
    " (SELECT COALESCE(MAX(id), 0) FROM checks),"
    " (SELECT COALESCE(MAX(id), 0) FROM annotations),"
    " (SELECT COALESCE(SUM(revision), 0) FROM annotations)"
)


@dataclass(frozen=True, slots=True)
class ChangeToken:
    """Where the store stood: compare two tokens, or ask `since` for the details."""

    last_article: int
    article_count: int
    last_version: int
    last_check: int
    last_annotation: int
    annotation_revisions: int


@dataclass(frozen=True, slots=True)
class StoreChanges:
    token: ChangeToken  # ask again with this one
    new_versions: tuple[tuple[int, int], ...]  # (article id, version number), in order
    checked_articles: tuple[int, ...]  # articles checked since (their rows are stale)
    articles_changed: bool  # an article was added or removed
    notes_changed: bool

    @property
    def any(self) -> bool:
        return bool(
            self.new_versions
            or self.checked_articles
            or self.articles_changed
            or self.notes_changed
        )


class ChangeFeed:
    """On a `VersionStore`'s connection (same thread rules); reads only."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        # The engine words the user's failures as StoreError and raises bugs as they are.
        return list(self._connection.execute(sql, params).fetchall())

    def token(self) -> ChangeToken:
        return ChangeToken(*(int(value) for value in self._query(_TOKEN)[0]))

    def since(self, before: ChangeToken) -> StoreChanges:
        now = self.token()
        versions: list[tuple[int, int]] = []
        checked: list[int] = []
        if now.last_version > before.last_version:
            versions = [
                (row[0], row[1])
                for row in self._query(
                    "SELECT article_id, number FROM versions WHERE id > ? AND id <= ? ORDER BY id",
                    (before.last_version, now.last_version),
                )
            ]
        if now.last_check > before.last_check:
            checked = [
                row[0]
                for row in self._query(
                    "SELECT DISTINCT article_id FROM checks WHERE id > ? AND id <= ?"
                    " ORDER BY article_id",
                    (before.last_check, now.last_check),
                )
            ]
        articles = (now.last_article, now.article_count) != (
            before.last_article,
            before.article_count,
        )
        notes = (now.last_annotation, now.annotation_revisions) != (
            before.last_annotation,
            before.annotation_revisions,
        )
        return StoreChanges(now, tuple(versions), tuple(checked), articles, notes)
