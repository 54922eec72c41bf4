"""`build_view`: a `Diff` (+ its annotations) → the `ReaderView` every renderer reads."""

from __future__ import annotations

from collections.abc import Iterable

from newsdiff_gui.core.align.model import ChangeKind, Diff, Row, TokenOp
from newsdiff_gui.core.annotations import (
    Annotation,
    Placement,
    ReviewState,
    place_annotations,
)
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.view.model import (
    NO_EXTRAS,
    MovedFrom,
    MoveRef,
    ReaderView,
    RowExtras,
    ViewRow,
)
from newsdiff_gui.core.view.moves import move_references, moved_from_places, origins
from newsdiff_gui.core.view.phrases import KIND_LABELS, KIND_MARKERS, moved_text_phrase


def verdicts(placements: Iterable[Placement]) -> dict[RowKey, ReviewState]:
    """Each reviewed row's state: that of its most recently edited reviewed note."""
    state_of: dict[RowKey, ReviewState] = {}
    for placement in sorted(placements, key=lambda p: p.annotation.updated_at):
        if placement.row is not None and placement.annotation.state is not ReviewState.UNREVIEWED:
            state_of[placement.row] = placement.annotation.state
    return state_of


def note_numbers(placements: Iterable[Placement]) -> dict[RowKey, tuple[int, ...]]:
    """The endnote numbers on each row (notes without text have none)."""
    found: dict[RowKey, list[int]] = {}
    for placement in placements:
        if placement.row is not None and placement.number:
            found.setdefault(placement.row, []).append(placement.number)
    return {key: tuple(numbers) for key, numbers in found.items()}


def _moved_label(label: str, place: MovedFrom) -> str:
    where = "the top" if place.opened_article else place.after.label
    return f"{label} {place.arrow} (stood after {where})"


def _opens_with_moved_text(row: Row) -> bool:
    """Whether the row's own side (old for removed, new for added) starts with moved text."""
    new_side = row.kind is ChangeKind.ADDED
    side = [t for t in row.tokens if (t.op.on_new_side if new_side else t.op.on_old_side)]
    return bool(side) and side[0].op.moved


def _moved_text(row: Row, refs: tuple[MoveRef, ...]) -> str:
    if not refs or row.kind not in (ChangeKind.ADDED, ChangeKind.REMOVED):
        return ""
    own = TokenOp.MOVED_IN if row.kind is ChangeKind.ADDED else TokenOp.MOVED_OUT
    places = [ref.place for ref in refs if ref.op is own]
    return moved_text_phrase(row.kind, places, _opens_with_moved_text(row)) or ""


def _label(row: Row, place: MovedFrom | None, moved_text: str) -> tuple[str, str]:
    """(marker, label) of a body row."""
    marker, label = KIND_MARKERS[row.kind], KIND_LABELS[row.kind]
    if place is not None:
        marker = place.arrow + marker[1:]
        label = _moved_label(label, place)
    if row.minor:
        label += " (minor)"
    if moved_text:
        label += f", {moved_text}"
    return marker, label


def _headline(
    diff: Diff,
    notes: dict[RowKey, tuple[int, ...]],
    reviewed: dict[RowKey, ReviewState],
    origin_of: tuple[RowKey, ...],
) -> ViewRow:
    key = RowKey.headline()
    changed = diff.title.kind is not ChangeKind.UNCHANGED
    return ViewRow(
        key=key,
        kind=diff.title.kind,
        marker=KIND_MARKERS[diff.title.kind],
        label="headline " + ("edited" if changed else "unchanged"),
        extras=_extras(origin_of=origin_of, notes=notes.get(key, ()), review=reviewed.get(key)),
    )


def _extras(
    moved_from: MovedFrom | None = None,
    origin_of: tuple[RowKey, ...] = (),
    references: tuple[MoveRef, ...] = (),
    moved_text: str = "",
    notes: tuple[int, ...] = (),
    review: ReviewState | None = None,
) -> RowExtras:
    if not (moved_from or origin_of or references or moved_text or notes or review):
        return NO_EXTRAS
    return RowExtras(moved_from, origin_of, references, moved_text, notes, review)


def build_view(
    diff: Diff, annotations: Iterable[Annotation] = (), include_notes: bool = True
) -> ReaderView:
    """The reader's view of `diff`, with `annotations` placed (unless left out)."""
    # Placing hashes every paragraph: not worth it for a diff nobody annotated.
    notes = tuple(annotations) if include_notes else ()
    placements = tuple(place_annotations(diff, notes)) if notes else ()
    numbers, reviewed = note_numbers(placements), verdicts(placements)
    places = moved_from_places(diff)
    origin_of = origins(places)
    references = move_references(diff)
    rows = []
    plain: dict[tuple[ChangeKind, bool], tuple[str, str]] = {}
    for index, row in enumerate(diff.rows):
        key = RowKey.body(index)
        place = places.get(index)
        refs = references.get(index, ())
        if place is None and not refs and not (numbers or reviewed or origin_of):
            # Most rows of a long article: nothing but the kind to say, labels shared.
            look = plain.get((row.kind, row.minor))
            if look is None:
                look = plain[(row.kind, row.minor)] = _label(row, None, "")
            rows.append(ViewRow(key, row.kind, look[0], look[1], row))
            continue
        moved_text = _moved_text(row, refs)
        marker, label = _label(row, place, moved_text)
        extras = _extras(
            moved_from=place,
            origin_of=origin_of.get(key, ()),
            references=refs,
            moved_text=moved_text,
            notes=numbers.get(key, ()),
            review=reviewed.get(key),
        )
        rows.append(ViewRow(key, row.kind, marker, label, row, extras))
    return ReaderView(
        diff=diff,
        headline=_headline(diff, numbers, reviewed, origin_of.get(RowKey.headline(), ())),
        rows=tuple(rows),
        placements=placements,
    )
