"""Review notes on the changes between two versions, and where they sit in a diff.

An annotation is anchored to the two versions it was written on and to the
*content* of the paragraphs it is about (SHA-256 of each paragraph's compared
text), never to a row number: rows are an aligner's opinion and may be
re-paired by a better one. `place_annotations` finds each annotation's row in
a fresh `Diff`:

1. the row whose old and new paragraph hashes are exactly the anchor's;
2. else the row sharing the most anchored paragraphs (an improved aligner split
   or joined the row differently), closest to the anchored paragraph numbers;
3. else none: the annotation is *detached*. It is still listed, shown and
   exported, with the text it was written on, and never dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from newsdiff_gui.core.align.model import ChangeKind, Diff, Row, paragraph_text
from newsdiff_gui.core.rows import RowKey

# Shown with a detached note so the reader knows what it was about.
EXCERPT_CHARS = 160


class ReviewState(StrEnum):
    """A reviewer's verdict on a change; the strings are the stored and JSON values."""

    UNREVIEWED = "unreviewed"
    SIGNIFICANT = "significant"
    MINOR = "minor"
    CORRECTION = "correction"
    STEALTH_EDIT = "stealth_edit"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class AnchorKind(StrEnum):
    TITLE = "title"
    ROW = "row"


@dataclass(frozen=True, slots=True)
class Anchor:
    """What an annotation is about: the headline, or a row's paragraphs by content.

    `old_paragraphs`/`new_paragraphs` are the 0-based paragraph numbers when the
    note was written; they only break ties between equal paragraphs.
    """

    kind: AnchorKind
    old_hashes: tuple[str, ...] = ()
    new_hashes: tuple[str, ...] = ()
    old_paragraphs: tuple[int, ...] = ()
    new_paragraphs: tuple[int, ...] = ()
    excerpt: str = ""


@dataclass(frozen=True, slots=True)
class Annotation:
    id: int
    article_id: int
    from_version_id: int
    to_version_id: int
    anchor: Anchor
    note: str
    state: ReviewState
    tags: tuple[str, ...]
    author: str
    created_at: datetime
    updated_at: datetime
    # Bumped by every saved change: an edit names the revision it was made on, so a
    # colleague's save in between is noticed instead of overwritten (AnnotationStore).
    revision: int = 1

    def editable_by(self, reviewer: str) -> bool:
        """Only a note's author edits or deletes it; an unsigned note is everyone's."""
        return not self.author or self.author == reviewer


@dataclass(frozen=True, slots=True)
class Placement:
    """An annotation, its number in the pair (1, 2, … in reading order) and its row.

    `row` is the row's key (`RowKey.headline()` for the headline), or None
    when the anchor matches nothing any more (detached). A verdict without words
    (a state set, no note typed, as "mark all remaining as reviewed" leaves)
    has number 0: it counts in the review, but there is no note to point at.
    """

    annotation: Annotation
    number: int
    row: RowKey | None

    @property
    def detached(self) -> bool:
        return self.row is None


def paragraph_hash(paragraph: str) -> str:
    """The anchor of one paragraph: noise (whitespace, NBSP, soft hyphens) never changes it."""
    return hashlib.sha256(paragraph_text(paragraph).encode("utf-8")).hexdigest()


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[: EXCERPT_CHARS - 1].rstrip() + "…"


def quoted(excerpt: str) -> str:
    """The excerpt in quotation marks, unless it already opens with one (a quote)."""
    if excerpt[:1] in "“\"‘'«„":
        return excerpt
    return f"“{excerpt}”"


def title_anchor(diff: Diff) -> Anchor:
    return Anchor(
        kind=AnchorKind.TITLE,
        old_hashes=(paragraph_hash(diff.old.title),),
        new_hashes=(paragraph_hash(diff.new.title),),
        excerpt=_excerpt(diff.new.title or diff.old.title),
    )


def row_anchor(diff: Diff, key: RowKey) -> Anchor:
    """The anchor of a body row (`key.index` raises for the headline)."""
    row = diff.rows[key.index]
    return Anchor(
        kind=AnchorKind.ROW,
        old_hashes=tuple(paragraph_hash(diff.old.paragraphs[i]) for i in row.old),
        new_hashes=tuple(paragraph_hash(diff.new.paragraphs[i]) for i in row.new),
        old_paragraphs=row.old,
        new_paragraphs=row.new,
        excerpt=_excerpt(diff.new_text(row) or diff.old_text(row)),
    )


def anchor_for(diff: Diff, key: RowKey) -> Anchor:
    """The anchor of a row, the headline's included."""
    return title_anchor(diff) if key.is_headline else row_anchor(diff, key)


class _RowIndex:
    """Each row's paragraph hashes, computed once per diff."""

    def __init__(self, diff: Diff) -> None:
        old_hashes = [paragraph_hash(p) for p in diff.old.paragraphs]
        new_hashes = [paragraph_hash(p) for p in diff.new.paragraphs]
        self.rows: Sequence[Row] = diff.rows
        self.old = [tuple(old_hashes[i] for i in row.old) for row in diff.rows]
        self.new = [tuple(new_hashes[i] for i in row.new) for row in diff.rows]

    def find(self, anchor: Anchor) -> RowKey | None:
        position = self._position(anchor)
        return None if position is None else RowKey.body(position)

    def _position(self, anchor: Anchor) -> int | None:
        exact = [
            position
            for position in range(len(self.rows))
            if self.old[position] == anchor.old_hashes and self.new[position] == anchor.new_hashes
        ]
        if exact:
            return min(exact, key=lambda position: self._distance(position, anchor))
        scored = [
            (self._shared(position, anchor), -self._distance(position, anchor), -position)
            for position in range(len(self.rows))
        ]
        shared, _closeness, negative_position = max(scored, default=(0, 0.0, 0))
        return -negative_position if shared else None

    def _shared(self, position: int, anchor: Anchor) -> int:
        old = len(set(self.old[position]) & set(anchor.old_hashes))
        return old + len(set(self.new[position]) & set(anchor.new_hashes))

    def _distance(self, position: int, anchor: Anchor) -> float:
        row = self.rows[position]
        ours = (*row.old, *row.new)
        theirs = (*anchor.old_paragraphs, *anchor.new_paragraphs)
        if not ours or not theirs:
            return 0.0
        return abs(sum(ours) / len(ours) - sum(theirs) / len(theirs))


def place_annotations(diff: Diff, annotations: Iterable[Annotation]) -> list[Placement]:
    """Every annotation with its row (or detached), numbered in reading order.

    Reading order: the headline, then the rows top to bottom, then detached
    notes; notes on one row by creation time. Only notes with text are numbered.
    """
    index = _RowIndex(diff)
    title = title_anchor(diff)
    located: list[tuple[Annotation, RowKey | None]] = []
    for annotation in annotations:
        anchor = annotation.anchor
        if anchor.kind is AnchorKind.TITLE:
            # The headline is always there; it may have changed since the note.
            same = anchor.new_hashes == title.new_hashes or anchor.old_hashes == title.old_hashes
            located.append((annotation, RowKey.headline() if same else None))
        else:
            located.append((annotation, index.find(anchor)))

    def order(item: tuple[Annotation, RowKey | None]) -> tuple[float, datetime, int]:
        annotation, row = item
        return (float("inf") if row is None else row.number, annotation.created_at, annotation.id)

    located.sort(key=order)
    placements = []
    number = 0
    for annotation, row in located:
        if annotation.note.strip():
            number += 1
        placements.append(Placement(annotation, number if annotation.note.strip() else 0, row))
    return placements


def unreviewed_change_rows(diff: Diff, placements: Iterable[Placement]) -> list[RowKey]:
    """Changed rows (the headline included) that no reviewed annotation covers, top to bottom."""
    reviewed = {
        p.row
        for p in placements
        if p.row is not None and p.annotation.state is not ReviewState.UNREVIEWED
    }
    rows = [RowKey.headline()] if diff.title.kind is not ChangeKind.UNCHANGED else []
    rows += [
        RowKey.body(i) for i, row in enumerate(diff.rows) if row.kind is not ChangeKind.UNCHANGED
    ]
    return [row for row in rows if row not in reviewed]
