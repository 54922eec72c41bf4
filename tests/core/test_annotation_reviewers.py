"""Many reviewers on one store: each note is its author's, and two people saving the same
note at once never overwrite each other silently (optimistic concurrency on the row).
Each reviewer is a separate connection on one file, as two app windows are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdiff_gui.core.align import align
from newsdiff_gui.core.annotations import ReviewState, title_anchor
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.store.annotation_store import NoteConflict, NotYourNote
from tests.core.test_annotations import NEW, OLD, T0, _stored_pair


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[VersionStore, VersionStore]]:
    path = tmp_path / "shared.sqlite3"
    with VersionStore.open(path) as ana, VersionStore.open(path) as ben:
        yield ana, ben


def _note(store: VersionStore, author: str, text: str = "") -> int:
    article_id, old, new = _stored_pair(store)
    return store.annotations.add(
        article_id=article_id,
        from_version_id=old,
        to_version_id=new,
        anchor=title_anchor(align(OLD, NEW)),
        now=T0,
        note=text,
        author=author,
    ).id


def test_a_save_on_a_stale_revision_is_refused_and_both_texts_survive(
    desks: tuple[VersionStore, VersionStore],
) -> None:
    ana, ben = desks
    note_id = _note(ana, "")  # unsigned: both may edit it
    read_by_ana = ana.annotations.get(note_id)
    read_by_ben = ben.annotations.get(note_id)
    saved = ben.annotations.update(
        note_id, now=T0, note="Ben: toll confirmed", expected_revision=read_by_ben.revision
    )
    assert saved.revision == read_by_ben.revision + 1
    with pytest.raises(NoteConflict) as conflict:
        ana.annotations.update(
            note_id, now=T0, note="Ana: toll unconfirmed", expected_revision=read_by_ana.revision
        )
    assert conflict.value.current is not None
    assert conflict.value.current.note == "Ben: toll confirmed"  # what Ana is shown
    assert ana.annotations.get(note_id).note == "Ben: toll confirmed"  # not overwritten
    # Having seen Ben's text, Ana may save hers on the revision she was shown.
    ana.annotations.update(
        note_id, now=T0, note="Ana: both", expected_revision=conflict.value.current.revision
    )
    assert ben.annotations.get(note_id).note == "Ana: both"


def test_a_delete_on_a_stale_revision_is_refused(
    desks: tuple[VersionStore, VersionStore],
) -> None:
    ana, ben = desks
    note_id = _note(ana, "Ana")
    stale = ana.annotations.get(note_id).revision
    ben.annotations.update(note_id, now=T0, state=ReviewState.MINOR)  # e.g. Ana's other window
    with pytest.raises(NoteConflict):
        ana.annotations.delete(note_id, T0, editor="Ana", expected_revision=stale)
    assert ben.annotations.get(note_id).state is ReviewState.MINOR
    ana.annotations.delete(note_id, T0, editor="Ana")
    with pytest.raises(NoteConflict) as gone:
        ben.annotations.update(note_id, now=T0, note="late", expected_revision=stale + 2)
    assert gone.value.current is None  # deleted since: said so, nothing written


def test_only_the_author_edits_or_deletes_a_signed_note(
    desks: tuple[VersionStore, VersionStore],
) -> None:
    ana, ben = desks
    note_id = _note(ana, "Ana", "Ana's finding")
    with pytest.raises(NotYourNote, match="Ana's"):
        ben.annotations.update(note_id, now=T0, note="Ben's rewrite", editor="Ben")
    with pytest.raises(NotYourNote):
        ben.annotations.delete(note_id, T0, editor="Ben")
    assert ben.annotations.get(note_id).note == "Ana's finding"
    assert ana.annotations.update(note_id, now=T0, note="Ana, edited", editor="Ana").note == (
        "Ana, edited"
    )


def test_restore_and_every_edit_move_the_revision(
    desks: tuple[VersionStore, VersionStore],
) -> None:
    ana, _ = desks
    note_id = _note(ana, "Ana")
    first = ana.annotations.get(note_id).revision
    unchanged = ana.annotations.update(note_id, now=T0, note="")  # no change, no new revision
    assert unchanged.revision == first
    ana.annotations.delete(note_id, T0)
    assert ana.annotations.restore(note_id).revision == first + 2
