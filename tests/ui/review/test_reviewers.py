"""Several reviewers on one store, in the window: a colleague's note is shown with its
author and cannot be changed; a save that meets someone else's save keeps both texts on
screen (the reviewer's in the editor, theirs above it) and writes nothing until asked."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from tests.ui.review.test_controller import _first_change, _storm_window


def _pair_notes(window: MainWindow, store: VersionStore) -> list[tuple[str, str]]:
    pair = window.review.controller.pair()
    assert pair is not None
    with VersionStore.open(store.path) as other:
        notes = other.annotations.for_pair(pair.from_version_id, pair.to_version_id)
    return [(a.author, a.note) for a in notes]


def test_a_colleagues_note_is_read_only_and_signed(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    settings.setValue("review/author", "Ana Ruiz")
    window = _storm_window(qtbot, store, settings, history)
    controller, panel = window.review.controller, window.detail.review_panel
    edited = _first_change(window, ChangeKind.EDITED)
    note_id = controller.add_note(edited)
    assert note_id is not None
    settings.setValue("review/author", "Ben Okafor")  # the same store, Ben's desk
    controller.reload(select=note_id)
    assert panel.note.isReadOnly()  # Ana's note, seen at Ben's desk
    settings.setValue("review/author", "Ana Ruiz")
    controller.reload()
    with VersionStore.open(store.path) as ben:
        colleague = ben.annotations.add(
            **_same_place(ben, note_id), note="Coastguard confirms nine.", author="Ben Okafor"
        )
    controller.reload(select=colleague.id)
    assert "Ben Okafor" in panel.list.currentItem().text()
    assert "by Ben Okafor" in panel.editor_title.text()
    assert "read-only" in panel.editor_title.text()
    assert panel.note.isReadOnly() and panel.tags.isReadOnly()
    assert not panel.state.isEnabled() and not panel.delete.isVisible()
    window.grab().save("/tmp/watch_colleague.png")
    qtbot.keyClicks(panel.note, " Ana was here")
    controller.flush()
    assert ("Ben Okafor", "Coastguard confirms nine.") in _pair_notes(window, store)
    menu = QMenu()
    controller.fill_row_menu(edited, menu)
    deletes = [a.text() for a in menu.actions() if a.text().startswith("Delete")]
    assert len(deletes) == 1  # Ana's own note only
    panel.select(note_id)
    assert not panel.note.isReadOnly() and "read-only" not in panel.editor_title.text()


def _same_place(store: VersionStore, note_id: int) -> dict[str, object]:
    note = store.annotations.get(note_id)
    return {
        "article_id": note.article_id,
        "from_version_id": note.from_version_id,
        "to_version_id": note.to_version_id,
        "anchor": note.anchor,
        "now": note.created_at,
    }


def _conflicted_window(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> MainWindow:
    """Ana types in a note her other window (same name) saved a moment before."""
    settings.setValue("review/author", "Ana Ruiz")
    window = _storm_window(qtbot, store, settings, history)
    controller, panel = window.review.controller, window.detail.review_panel
    note_id = controller.add_note(_first_change(window, ChangeKind.EDITED))
    assert note_id is not None
    qtbot.keyClicks(panel.note, "Toll is nine")
    controller.flush()
    with VersionStore.open(store.path) as other_window:
        other_window.annotations.update(
            note_id, now=other_window.annotations.get(note_id).updated_at, note="Toll is eight"
        )
    qtbot.keyClicks(panel.note, ", per the coastguard")
    with qtbot.waitSignal(controller.message) as said:
        controller.flush()
    assert "changed this note while you were editing it" in said.args[0]
    return window


def test_a_conflicting_save_keeps_both_texts_and_writes_nothing(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = _conflicted_window(qtbot, store, settings, history)
    panel = window.detail.review_panel
    assert panel.conflict.isVisible()
    assert "saved this note at" in panel.conflict.message.text()
    assert panel.conflict.theirs.toPlainText() == "Toll is eight"
    assert panel.note.toPlainText() == "Toll is nine, per the coastguard"
    assert _pair_notes(window, store) == [("Ana Ruiz", "Toll is eight")]
    qtbot.keyClicks(panel.note, "!")  # typing on: still held, still not written
    window.review.controller.reload()  # a refresh from the store keeps the editor's text
    assert panel.note.toPlainText() == "Toll is nine, per the coastguard!"
    assert _pair_notes(window, store) == [("Ana Ruiz", "Toll is eight")]
    window.grab().save("/tmp/watch_conflict.png")
    panel.conflict.save_as_new.click()
    assert sorted(_pair_notes(window, store)) == [
        ("Ana Ruiz", "Toll is eight"),
        ("Ana Ruiz", "Toll is nine, per the coastguard!"),
    ]
    assert not panel.conflict.isVisible()


def test_replacing_theirs_is_a_choice_made_on_what_was_shown(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = _conflicted_window(qtbot, store, settings, history)
    panel = window.detail.review_panel
    panel.conflict.replace.click()
    assert _pair_notes(window, store) == [("Ana Ruiz", "Toll is nine, per the coastguard")]
    assert not panel.conflict.isVisible()
    qtbot.keyClicks(panel.note, ".")  # typing after the choice saves as usual
    window.review.controller.flush()
    assert _pair_notes(window, store) == [("Ana Ruiz", "Toll is nine, per the coastguard.")]
