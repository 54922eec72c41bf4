"""Annotations in the store: created, edited as the reviewer types, deleted with undo.

A delete only sets `deleted_at`, so "undo" is a restore and nothing a reviewer
wrote is ever lost by a slip; `purge_deleted` is the only real removal. Each
call is one short transaction (a keystroke's save must not wait on anything).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from newsdiff_gui.core.annotations import Anchor, AnchorKind, Annotation, ReviewState
from newsdiff_gui.core.store.guard import raise_if_query_bug
from newsdiff_gui.core.store.models import NotFound, StoreError
from newsdiff_gui.core.timeutil import from_iso, to_iso

_COLUMNS = """
    id, article_id, from_version_id, to_version_id, anchor_kind, old_hashes, new_hashes,
    old_paragraphs, new_paragraphs, excerpt, note, state, tags, author, created_at, updated_at,
    revision
"""

# Tags are short labels; a paste of a whole article into the tag box is not a tag.
MAX_TAG_CHARS = 60
MAX_NOTE_CHARS = 100_000


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, de-duplicated (case-insensitively), in the order given."""
    seen: set[str] = set()
    kept = []
    for tag in tags:
        tag = " ".join(tag.split())[:MAX_TAG_CHARS]
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return tuple(kept)


def _annotation(row: sqlite3.Row) -> Annotation:
    anchor = Anchor(
        kind=AnchorKind(row["anchor_kind"]),
        old_hashes=tuple(json.loads(row["old_hashes"])),
        new_hashes=tuple(json.loads(row["new_hashes"])),
        old_paragraphs=tuple(json.loads(row["old_paragraphs"])),
        new_paragraphs=tuple(json.loads(row["new_paragraphs"])),
        excerpt=row["excerpt"],
    )
    try:
        state = ReviewState(row["state"])
    except ValueError:  # written by a newer release with more states: keep the note
        state = ReviewState.UNREVIEWED
    return Annotation(
        id=row["id"],
        article_id=row["article_id"],
        from_version_id=row["from_version_id"],
        to_version_id=row["to_version_id"],
        anchor=anchor,
        note=row["note"],
        state=state,
        tags=tuple(json.loads(row["tags"])),
        author=row["author"],
        created_at=from_iso(row["created_at"]),
        updated_at=from_iso(row["updated_at"]),
        revision=row["revision"],
    )


class NotYourNote(StoreError):
    """A reviewer tried to change a colleague's note; notes are edited by their author."""

    def __init__(self, annotation: Annotation) -> None:
        super().__init__(f"this note is {annotation.author}'s: only they can change it")
        self.annotation = annotation


class NoteConflict(StoreError):
    """The note was saved by someone else since the editor read it; nothing was written.

    `current` is the note as it is stored now, so the editor can show both texts.
    """

    def __init__(self, current: Annotation | None) -> None:
        who = (current.author or "someone") if current is not None else "someone"
        what = "changed" if current is not None else "deleted"
        super().__init__(f"{who} {what} this note while you were editing it; nothing was saved")
        self.current = current


class AnnotationStore:
    """The annotations table, on a `VersionStore`'s connection (same thread rules)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        transaction: Callable[[], AbstractContextManager[None]],
    ) -> None:
        self._connection = connection
        self._transaction = transaction

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self._connection.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())
        except sqlite3.Error as exc:
            raise_if_query_bug(exc)  # a wrong query is a bug, not the file's fault
            raise StoreError(f"database error: {exc}") from exc

    def add(
        self,
        *,
        article_id: int,
        from_version_id: int,
        to_version_id: int,
        anchor: Anchor,
        now: datetime,
        note: str = "",
        state: ReviewState = ReviewState.UNREVIEWED,
        tags: Iterable[str] = (),
        author: str = "",
    ) -> Annotation:
        stamp = to_iso(now)
        with self._transaction():
            cursor = self._connection.execute(
                "INSERT INTO annotations (article_id, from_version_id, to_version_id,"
                " anchor_kind, old_hashes, new_hashes, old_paragraphs, new_paragraphs, excerpt,"
                " note, state, tags, author, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    from_version_id,
                    to_version_id,
                    anchor.kind.value,
                    json.dumps(list(anchor.old_hashes)),
                    json.dumps(list(anchor.new_hashes)),
                    json.dumps(list(anchor.old_paragraphs)),
                    json.dumps(list(anchor.new_paragraphs)),
                    anchor.excerpt,
                    note[:MAX_NOTE_CHARS],
                    state.value,
                    json.dumps(list(clean_tags(tags)), ensure_ascii=False),
                    author,
                    stamp,
                    stamp,
                ),
            )
            assert cursor.lastrowid is not None
            annotation_id = cursor.lastrowid
        return self.get(annotation_id)

    def get(self, annotation_id: int) -> Annotation:
        rows = self._query(
            f"SELECT {_COLUMNS} FROM annotations WHERE id = ? AND deleted_at IS NULL",
            (annotation_id,),
        )
        if not rows:
            raise NotFound(f"no annotation {annotation_id}")
        return _annotation(rows[0])

    def update(
        self,
        annotation_id: int,
        *,
        now: datetime,
        note: str | None = None,
        state: ReviewState | None = None,
        tags: Iterable[str] | None = None,
        author: str | None = None,
        editor: str | None = None,
        expected_revision: int | None = None,
    ) -> Annotation:
        """Change the given fields; the others stay. `updated_at` moves only on a change.

        `editor`, when given, must be allowed to edit the note (NotYourNote).
        `expected_revision` is the revision the edit was made on: if the note was saved
        since, nothing is written and NoteConflict carries the stored note. Without it
        the note as read here is the base, so a save racing this one is still caught.
        """
        current = self._editable(annotation_id, editor, expected_revision)
        base = current.revision
        changes: dict[str, str] = {}
        if note is not None and note[:MAX_NOTE_CHARS] != current.note:
            changes["note"] = note[:MAX_NOTE_CHARS]
        if state is not None and state is not current.state:
            changes["state"] = state.value
        if tags is not None and clean_tags(tags) != current.tags:
            changes["tags"] = json.dumps(list(clean_tags(tags)), ensure_ascii=False)
        if author is not None and author != current.author:
            changes["author"] = author
        if not changes:
            return current
        changes["updated_at"] = to_iso(now)
        self._write_revision(annotation_id, base, changes)
        return self.get(annotation_id)

    def _editable(
        self, annotation_id: int, editor: str | None, expected_revision: int | None
    ) -> Annotation:
        """The note as stored, once `editor` may change it at `expected_revision`."""
        current = self._current_or_none(annotation_id)
        if current is None:
            if expected_revision is None:
                raise NotFound(f"no annotation {annotation_id}")
            raise NoteConflict(None)  # deleted since the editor read it
        if editor is not None and not current.editable_by(editor):
            raise NotYourNote(current)
        if expected_revision is not None and expected_revision != current.revision:
            raise NoteConflict(current)
        return current

    def _write_revision(self, annotation_id: int, base: int, changes: dict[str, str]) -> None:
        """The UPDATE that checks the revision in its WHERE: atomic on both engines."""
        assignments = "".join(f"{column} = ?, " for column in changes)
        with self._transaction():
            written = self._query(
                f"UPDATE annotations SET {assignments}revision = revision + 1"
                " WHERE id = ? AND revision = ? AND deleted_at IS NULL RETURNING id",
                (*changes.values(), annotation_id, base),
            )
        if not written:
            raise NoteConflict(self._current_or_none(annotation_id))

    def _current_or_none(self, annotation_id: int) -> Annotation | None:
        try:
            return self.get(annotation_id)
        except NotFound:
            return None

    def delete(
        self,
        annotation_id: int,
        now: datetime,
        *,
        editor: str | None = None,
        expected_revision: int | None = None,
    ) -> None:
        """Hide the annotation; `restore` brings it back (undo). Same rules as `update`."""
        base = self._editable(annotation_id, editor, expected_revision).revision
        with self._transaction():
            written = self._query(
                "UPDATE annotations SET deleted_at = ?, revision = revision + 1"
                " WHERE id = ? AND revision = ? AND deleted_at IS NULL RETURNING id",
                (to_iso(now), annotation_id, base),
            )
        if not written:
            raise NoteConflict(self._current_or_none(annotation_id))

    def restore(self, annotation_id: int) -> Annotation:
        with self._transaction():
            cursor = self._connection.execute(
                "UPDATE annotations SET deleted_at = NULL, revision = revision + 1 WHERE id = ?",
                (annotation_id,),
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no annotation {annotation_id}")
        return self.get(annotation_id)

    def for_pair(self, from_version_id: int, to_version_id: int) -> list[Annotation]:
        """The pair's annotations, oldest first (deleted ones left out)."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM annotations WHERE from_version_id = ? AND to_version_id = ?"
            " AND deleted_at IS NULL ORDER BY created_at, id",
            (from_version_id, to_version_id),
        )
        return [_annotation(row) for row in rows]

    def count_for_article(self, article_id: int) -> int:
        rows = self._query(
            "SELECT COUNT(*) FROM annotations WHERE article_id = ? AND deleted_at IS NULL",
            (article_id,),
        )
        return int(rows[0][0])

    def purge_deleted(self) -> int:
        """Remove deleted annotations for good; returns how many."""
        with self._transaction():
            cursor = self._connection.execute(
                "DELETE FROM annotations WHERE deleted_at IS NOT NULL"
            )
        return cursor.rowcount
