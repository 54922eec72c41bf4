"""Annotations in the store: created, edited as the reviewer types, deleted with undo.

A delete only sets `deleted_at`, so "undo" is a restore and nothing a reviewer
wrote is ever lost by a slip; `purge_deleted` is the only real removal. Each
call is one short transaction (a keystroke's save must not wait on anything).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsdiff_gui.core.annotations import Anchor, AnchorKind, Annotation, ReviewState
from newsdiff_gui.core.audit.chain import AuditAction
from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.store.models import NotFound, StoreError
from newsdiff_gui.core.timeutil import from_iso, to_iso

if TYPE_CHECKING:
    from newsdiff_gui.core.store.audit_store import AuditStore

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


def _annotation(row: Row) -> Annotation:
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
        connection: Connection,
        transaction: Callable[[], AbstractContextManager[None]],
        audit: AuditStore | None = None,
    ) -> None:
        """`audit` receives one entry per change, in the change's transaction."""
        self._connection = connection
        self._transaction = transaction
        self._audit = audit

    def _log(self, action: AuditAction, annotation: Annotation) -> None:
        if self._audit is None:
            return
        detail = {
            "note_sha256": hashlib.sha256(annotation.note.encode("utf-8")).hexdigest(),
            "state": annotation.state.value,
            "tags": json.dumps(list(annotation.tags), ensure_ascii=False),
            "versions": f"{annotation.from_version_id}-{annotation.to_version_id}",
        }
        self._audit.append(action, f"note:{annotation.id}", annotation.article_id, detail)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        return fetch_rows(self._connection, sql, params)

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
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
            annotation = self.get(int(cursor.fetchone()[0]))
            self._log(AuditAction.NOTE_CREATE, annotation)
        return annotation

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
        # A verdict alone is logged as such; any change of words (note, tags, signature)
        # as an edit, with the verdict it leaves in its detail.
        action = AuditAction.NOTE_VERDICT if set(changes) == {"state"} else AuditAction.NOTE_EDIT
        changes["updated_at"] = to_iso(now)
        return self._write_revision(annotation_id, base, changes, action)

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

    def _write_revision(
        self, annotation_id: int, base: int, changes: dict[str, str], action: AuditAction
    ) -> Annotation:
        """The UPDATE that checks the revision in its WHERE: atomic on both engines; the
        log entry commits with it."""
        assignments = "".join(f"{column} = ?, " for column in changes)
        with self._transaction():
            written = self._query(
                f"UPDATE annotations SET {assignments}revision = revision + 1"
                " WHERE id = ? AND revision = ? AND deleted_at IS NULL RETURNING id",
                (*changes.values(), annotation_id, base),
            )
            if written:
                updated = self.get(annotation_id)
                self._log(action, updated)
        if not written:
            raise NoteConflict(self._current_or_none(annotation_id))
        return updated

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
        current = self._editable(annotation_id, editor, expected_revision)
        with self._transaction():
            written = self._query(
                "UPDATE annotations SET deleted_at = ?, revision = revision + 1"
                " WHERE id = ? AND revision = ? AND deleted_at IS NULL RETURNING id",
                (to_iso(now), annotation_id, current.revision),
            )
            if written:
                self._log(AuditAction.NOTE_DELETE, current)
        if not written:
            raise NoteConflict(self._current_or_none(annotation_id))

    def restore(self, annotation_id: int) -> Annotation:
        with self._transaction():
            cursor = self._connection.execute(
                "UPDATE annotations SET deleted_at = NULL, revision = revision + 1"
                " WHERE id = ? AND deleted_at IS NOT NULL",
                (annotation_id,),
            )
            restored = self.get(annotation_id)  # NotFound when there is no such note
            if cursor.rowcount:  # a note that was not deleted has nothing to restore or log
                self._log(AuditAction.NOTE_UNDO, restored)
        return restored

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
