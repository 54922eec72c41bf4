"""Annotations: stored with their anchors, edited, deleted with undo, placed on rows of
fresh diffs (exactly, re-anchored after a re-pairing, or detached — never dropped)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from newsdiff_gui.core.align import ChangeKind, Diff, Row, align
from newsdiff_gui.core.annotations import (
    AnchorKind,
    Annotation,
    ReviewState,
    anchor_for,
    paragraph_hash,
    place_annotations,
    quoted,
    row_anchor,
    title_anchor,
    unreviewed_change_rows,
)
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, NotFound, VersionSource, VersionStore

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
OLD = Document(
    "Storm kills seven on the coast",
    (
        "Seven people were killed when a storm hit the coast on Monday, officials said.",
        "The mayor said the town would rebuild its harbour wall within a year.",
        "Emergency crews worked through the night to clear the coastal roads.",
        "Schools will stay closed until Thursday, the education office said.",
    ),
)
NEW = Document(
    "Storm kills at least eight on the coast",
    (
        "At least eight people were killed when a storm hit the coast on Monday, officials said.",
        "Emergency crews worked through the night to clear the coastal roads.",
        "The mayor said the town would rebuild its harbour wall within a year.",
        "A relief fund has been opened at the town hall for families who lost their homes.",
    ),
)


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    with VersionStore.open(store_address) as opened:
        yield opened


def _stored_pair(store: VersionStore) -> tuple[int, int, int]:
    article = store.add_article(
        "https://news.example/storm", initial_state(SchedulePolicy(), T0), T0
    )
    ids = []
    for minute, document in ((0, OLD), (60, NEW)):
        result = store.add_capture(
            article.id,
            Capture(
                raw=repr(document).encode(),
                document=document,
                extractor="test",
                extractor_version="1",
                captured_at=T0 + timedelta(minutes=minute),
                source=VersionSource.FETCH,
                http_status=200,
            ),
        )
        ids.append(result.version.id)
    return article.id, ids[0], ids[1]


def _row_of(diff_rows: object, kind: ChangeKind) -> RowKey:
    index = next(i for i, row in enumerate(diff_rows) if row.kind is kind)  # type: ignore[attr-defined]
    return RowKey.body(index)


def test_annotations_round_trip_edit_delete_undo_and_survive_reopening(
    store_address: str,
) -> None:
    path = store_address
    with VersionStore.open(path) as store:
        article, old_id, new_id = _stored_pair(store)
        diff = align(OLD, NEW)
        edited = _row_of(diff.rows, ChangeKind.EDITED)
        note = store.annotations.add(
            article_id=article,
            from_version_id=old_id,
            to_version_id=new_id,
            anchor=row_anchor(diff, edited),
            now=T0,
            note="Death toll raised from seven to at least eight.",
            state=ReviewState.SIGNIFICANT,
            tags=["toll", " Toll ", "casualties", ""],
            author="Ana",
        )
        assert note.tags == ("toll", "casualties")
        later = T0 + timedelta(minutes=5)
        unchanged = store.annotations.update(note.id, now=later, note=note.note)
        assert unchanged.updated_at == T0  # nothing changed: no new timestamp
        updated = store.annotations.update(
            note.id,
            now=later,
            note="Toll raised; no correction line.",
            state=ReviewState.STEALTH_EDIT,
        )
        assert updated.updated_at == later and updated.created_at == T0
        assert updated.state is ReviewState.STEALTH_EDIT and updated.tags == ("toll", "casualties")
        headline = store.annotations.add(
            article_id=article,
            from_version_id=old_id,
            to_version_id=new_id,
            anchor=title_anchor(diff),
            now=later,
            note="Headline follows the toll.",
        )
        store.annotations.delete(headline.id, later)
        assert [a.id for a in store.annotations.for_pair(old_id, new_id)] == [note.id]
        with pytest.raises(NotFound):
            store.annotations.get(headline.id)
        store.annotations.restore(headline.id)  # undo
        assert store.annotations.count_for_article(article) == 2
    with VersionStore.open(path) as reopened:
        notes = reopened.annotations.for_pair(old_id, new_id)
        assert [(a.note, a.state, a.author) for a in notes] == [
            ("Toll raised; no correction line.", ReviewState.STEALTH_EDIT, "Ana"),
            ("Headline follows the toll.", ReviewState.UNREVIEWED, ""),
        ]
        assert notes[0].anchor == row_anchor(align(OLD, NEW), edited)
        assert notes[1].anchor.kind is AnchorKind.TITLE


def test_placement_is_exact_then_numbered_in_reading_order(store: VersionStore) -> None:
    article, old_id, new_id = _stored_pair(store)
    diff = align(OLD, NEW)
    added = _row_of(diff.rows, ChangeKind.ADDED)
    edited = _row_of(diff.rows, ChangeKind.EDITED)
    for anchor, minute in (
        (row_anchor(diff, added), 0),
        (title_anchor(diff), 1),
        (row_anchor(diff, edited), 2),
    ):
        store.annotations.add(
            article_id=article,
            from_version_id=old_id,
            to_version_id=new_id,
            anchor=anchor,
            now=T0 + timedelta(minutes=minute),
            note=f"note {minute}",
        )
    verdict = store.annotations.add(  # a state without words gets no number
        article_id=article,
        from_version_id=old_id,
        to_version_id=new_id,
        anchor=row_anchor(diff, edited),
        now=T0 + timedelta(minutes=3),
        state=ReviewState.MINOR,
    )
    placements = place_annotations(diff, store.annotations.for_pair(old_id, new_id))
    assert [(p.number, p.row) for p in placements] == [
        (1, RowKey.headline()),
        (2, edited),
        (0, edited),
        (3, added),
    ]
    assert placements[2].annotation.id == verdict.id
    assert not any(p.detached for p in placements)


def _lede_unpaired(diff: Diff) -> Diff:
    rows: list[Row] = []
    for row in diff.rows:
        if row.kind is ChangeKind.EDITED and row.old == (0,):
            rows += [Row(ChangeKind.REMOVED, (0,), (), None), Row(ChangeKind.ADDED, (), (0,), None)]
        else:
            rows.append(row)
    return dataclasses.replace(diff, rows=tuple(rows))


def test_a_re_pairing_re_anchors_and_vanished_text_detaches(store: VersionStore) -> None:
    article, old_id, new_id = _stored_pair(store)
    diff = align(OLD, NEW)
    edited = _row_of(diff.rows, ChangeKind.EDITED)
    removed = _row_of(diff.rows, ChangeKind.REMOVED)
    for row in (edited, removed):
        store.annotations.add(
            article_id=article,
            from_version_id=old_id,
            to_version_id=new_id,
            anchor=row_anchor(diff, row),
            now=T0,
            note=f"note on row {row}",
        )
    notes = store.annotations.for_pair(old_id, new_id)
    # Another pairing of the same versions (an older aligner, other thresholds) shows
    # the edited lede as removed + added. The note follows the paragraph it was
    # written on (now a removed row).
    strict = _lede_unpaired(diff)
    assert ChangeKind.EDITED not in {row.kind for row in strict.rows}
    placed = {p.annotation.note: p for p in place_annotations(strict, notes)}
    lede_key = placed[f"note on row {edited}"].row
    assert lede_key is not None
    lede_row = strict.rows[lede_key.index]
    assert lede_row.old == (0,) or lede_row.new == (0,)
    # Against another text altogether, nothing matches: detached, still there.
    other = align(
        Document("Other", ("Nothing alike here at all.",)), Document("Other", ("Nor here.",))
    )
    elsewhere = place_annotations(other, notes)
    assert len(elsewhere) == 2 and all(p.detached for p in elsewhere)
    assert [p.number for p in elsewhere] == [1, 2]


def test_equal_paragraphs_tie_break_on_their_old_position() -> None:
    repeated = "Updates follow as we get them."
    old = Document("Live", (repeated, "First item of the day.", repeated, "Second item."))
    new = Document(
        "Live", (repeated, "First item of the day, corrected.", repeated, "Second item.")
    )
    diff = align(old, new)
    second = RowKey.body(next(i for i, row in enumerate(diff.rows) if row.old == (2,)))
    note = Annotation(1, 1, 1, 2, row_anchor(diff, second), "", ReviewState.MINOR, (), "", T0, T0)
    assert place_annotations(diff, [note])[0].row == second


def test_noise_does_not_move_an_anchor() -> None:
    assert paragraph_hash("Seven  people\u00a0died.") == paragraph_hash("Seven people died.")


def test_unreviewed_rows_exclude_reviewed_ones() -> None:
    diff = align(OLD, NEW)
    edited = _row_of(diff.rows, ChangeKind.EDITED)
    reviewed = Annotation(
        1, 1, 1, 2, row_anchor(diff, edited), "", ReviewState.MINOR, (), "", T0, T0
    )
    pending = Annotation(2, 1, 1, 2, title_anchor(diff), "", ReviewState.UNREVIEWED, (), "", T0, T0)
    remaining = unreviewed_change_rows(diff, place_annotations(diff, [reviewed, pending]))
    changed = [
        RowKey.body(i) for i, row in enumerate(diff.rows) if row.kind is not ChangeKind.UNCHANGED
    ]
    assert remaining == [RowKey.headline(), *(key for key in changed if key != edited)]


def test_the_headline_has_no_row_anchor() -> None:
    """A note on the headline anchors to the headline's text, never to a body row."""
    diff = align(OLD, NEW)
    with pytest.raises(ValueError, match="headline"):
        row_anchor(diff, RowKey.headline())
    assert anchor_for(diff, RowKey.headline()) == title_anchor(diff)
    assert anchor_for(diff, RowKey(1)) == row_anchor(diff, RowKey.body(0))
    assert anchor_for(diff, RowKey(1)).new_paragraphs == diff.rows[0].new


def test_excerpts_are_quoted_once() -> None:
    assert (
        quoted("The mayor said the town would rebuild.")
        == "“The mayor said the town would rebuild.”"
    )
    assert (
        quoted("“Everyone is safe,” said the manager.") == "“Everyone is safe,” said the manager."
    )
