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
from newsdiff_gui.core.store.engine import Connection, Row
from newsdiff_gui.core.store.models import NotFound
from newsdiff_gui.core.timeutil import from_iso, to_iso

if TYPE_CHECKING:
    from newsdiff_gui.core.store.audit_store import AuditStore

_COLUMNS = """
    id, article_id, from_version_id, to_version_id, anchor_kind, old_hashes, new_hashes,
    old_paragraphs, new_paragraphs, excerpt, note, state, tags, author, created_at, updated_at
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
    )


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
        # The engine words the user's failures as StoreError and raises bugs as they are.
        return list(self._connection.execute(sql, params).fetchall())

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
    ) -> Annotation:
        """Change the given fields; the others stay. `updated_at` moves only on a change."""
        current = self.get(annotation_id)
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
        verdict_only = set(changes) == {"state"}
        changes["updated_at"] = to_iso(now)
        assignments = ", ".join(f"{column} = ?" for column in changes)
        # A verdict alone is logged as such; any change of words (note, tags, signature)
        # as an edit, with the verdict it leaves in its detail.
        with self._transaction():
            self._connection.execute(
                f"UPDATE annotations SET {assignments} WHERE id = ?",
                (*changes.values(), annotation_id),
            )
            updated = self.get(annotation_id)
            self._log(AuditAction.NOTE_VERDICT if verdict_only else AuditAction.NOTE_EDIT, updated)
        return updated

    def delete(self, annotation_id: int, now: datetime) -> None:
        """Hide the annotation; `restore` brings it back (undo)."""
        annotation = self.get(annotation_id)
        with self._transaction():
            self._connection.execute(
                "UPDATE annotations SET deleted_at = ? WHERE id = ?", (to_iso(now), annotation_id)
            )
            self._log(AuditAction.NOTE_DELETE, annotation)

    def restore(self, annotation_id: int) -> Annotation:
        with self._transaction():
            cursor = self._connection.execute(
                "UPDATE annotations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
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
