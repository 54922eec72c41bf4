"""Reviewing in the window: notes on rows, saved as typed, badges, undo, verdicts, restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.annotations import ReviewState, unreviewed_change_rows
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.view import RowKey
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.diff.view import Side
from newsdiff_gui.ui.review.controller import SAVE_DELAY_MS
from tests.support.timing import PROMPTLY
from tests.ui.app.test_main_window import open_window, wait_for_diff


def _storm_window(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> MainWindow:
    window = open_window(qtbot, store, settings)
    assert window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)
    return window


def _first_change(window: MainWindow, kind: ChangeKind) -> RowKey:
    diff = window.review.controller.diff
    assert diff is not None
    return RowKey.body(next(i for i, row in enumerate(diff.rows) if row.kind is kind))


def test_a_note_is_saved_as_typed_and_shown_on_its_row(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    settings.setValue("review/author", "Ana Ruiz")
    window = _storm_window(qtbot, store, settings, history)
    view, panel, controller = (
        window.detail.diff,
        window.detail.review_panel,
        window.review.controller,
    )
    edited = _first_change(window, ChangeKind.EDITED)
    view.go_to_key(edited)
    window.commands.add_note.trigger()  # Ctrl+M: a note on the row the reader is on
    assert panel.note.hasFocus() or panel.note.isEnabled()
    assert SAVE_DELAY_MS < 1000  # saved well within the second the promise allows
    qtbot.keyClicks(panel.note, "Toll raised to nine; no correction line.")
    # Saved within the throttle, without leaving the editor (a crash loses < 1 s).
    pair = controller.pair()
    assert pair is not None
    with VersionStore.open(store.path) as other:  # what another process would read
        qtbot.waitUntil(
            lambda: (
                [
                    a.note
                    for a in other.annotations.for_pair(pair.from_version_id, pair.to_version_id)
                ]
                == ["Toll raised to nine; no correction line."]
            ),
            # The promise (nothing typed more than a second ago is lost) is the throttle
            # asserted above; a loaded machine may run the timer late, so wait generously.
            timeout=int(PROMPTLY * 1000),
        )
        saved = other.annotations.for_pair(pair.from_version_id, pair.to_version_id)[0]
    assert view.diff is not None
    assert saved.author == "Ana Ruiz"
    assert saved.anchor.new_paragraphs == view.diff.rows[edited.index].new
    # A numbered badge on both panes, with the note in the tooltip data.
    display = view.display_row_of(edited)
    qtbot.waitUntil(lambda: view.new_pane.note_marks.get(display) is not None)
    assert view.new_pane.note_marks[display] == [(1, "Toll raised to nine; no correction line.")]
    assert view.old_pane.note_marks == view.new_pane.note_marks
    assert panel.list.count() == 1 and panel.list.item(0).text().startswith("[1] row")
    # The state chosen in the editor is stored too.
    panel.state.setCurrentIndex(panel.state.findData(ReviewState.SIGNIFICANT.value))
    panel.state.activated.emit(panel.state.currentIndex())
    assert store.annotations.get(saved.id).state is ReviewState.SIGNIFICANT


def test_row_menu_verdicts_delete_and_undo(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = _storm_window(qtbot, store, settings, history)
    view, controller = window.detail.diff, window.review.controller
    added = _first_change(window, ChangeKind.ADDED)
    menu = QMenu()
    view.rowMenuRequested.emit(added, menu)
    texts = [action.text() for action in menu.actions()]
    assert texts[:3] == ["Add note…", "Mark as", "Mark remaining as reviewed"]
    marks = {a.text(): a for a in menu.actions()[1].menu().actions()}
    marks["Stealth edit"].trigger()  # a verdict without words: counted, not numbered
    placed = [p for p in controller.placements if p.row == added]
    assert [(p.number, p.annotation.state) for p in placed] == [(0, ReviewState.STEALTH_EDIT)]
    assert view.new_pane.note_marks == {}
    controller.add_note(RowKey.headline())
    window.detail.review_panel.note.setPlainText("Headline now leads with the toll.")
    controller.flush()
    title_note = next(p for p in controller.placements if p.row == RowKey.headline())
    assert title_note.number == 1 and view.new_pane.note_marks == {
        0: [(1, "Headline now leads with the toll.")]
    }
    controller.delete(title_note.annotation.id)
    assert all(p.row != RowKey.headline() for p in controller.placements)
    window.commands.hide_unchanged.trigger()  # repaints the same pair: undo stays
    assert window.commands.undo_delete.isEnabled()
    window.commands.undo_delete.trigger()
    assert any(p.row == RowKey.headline() for p in controller.placements)
    assert not window.commands.undo_delete.isEnabled()
    # A verdict set back to "unreviewed" is given the verdict, not joined by a second one.
    edited = _first_change(window, ChangeKind.EDITED)
    controller.set_state(ReviewState.UNREVIEWED, edited)
    # Mark the rest: every change now has a verdict.
    window.commands.mark_remaining.trigger()
    on_edited = [p for p in controller.placements if p.row == edited]
    assert [p.annotation.state for p in on_edited] == [ReviewState.MINOR]
    diff = view.diff
    assert diff is not None and unreviewed_change_rows(diff, controller.placements) == []


def test_notes_survive_a_restart_and_follow_their_rows(
    qtbot: QtBot, store: VersionStore, settings_path: Path, history: dict[str, int]
) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = _storm_window(qtbot, store, settings, history)
    moved = _first_change(window, ChangeKind.MOVED)
    note_id = window.review.controller.add_note(moved)
    assert note_id is not None
    window.detail.review_panel.note.setPlainText("Moved down: the quote now follows the toll.")
    window.close()  # flushes what was typed
    again = MainWindow(
        store, QSettings(str(settings_path), QSettings.Format.IniFormat), start_worker=False
    )
    qtbot.addWidget(again)
    again.show()
    wait_for_diff(qtbot, again)
    qtbot.waitUntil(lambda: bool(again.review.controller.placements))
    placement = again.review.controller.placements[0]
    assert placement.annotation.note == "Moved down: the quote now follows the toll."
    assert placement.row == moved and placement.number == 1
    # The panel lists it; a click jumps to the row.
    panel = again.detail.review_panel
    panel.list.itemClicked.emit(panel.list.item(0))
    assert again.detail.diff.current == again.detail.diff.display_row_of(moved)


def test_a_comparison_with_a_saved_page_cannot_hold_notes(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = _storm_window(qtbot, store, settings, history)
    diff = window.review.controller.diff
    assert diff is not None
    window.detail.show_sides(
        Side(diff.old, "Saved page a.html"), Side(diff.new, "Saved page b.html")
    )
    controller = window.review.controller
    qtbot.waitUntil(
        lambda: (
            controller.comparison is not None
            and controller.comparison.old.caption == "Saved page a.html"
        )
    )
    panel = window.detail.review_panel
    assert not panel.list.isEnabled() and "stored versions" in panel.status.text()
    assert not window.commands.add_note.isEnabled()
    assert window.review.controller.add_note(RowKey.headline()) is None
    assert window.commands.export.isEnabled()  # an export still works, without notes


def test_the_notes_panel_can_be_hidden_and_stays_hidden(
    qtbot: QtBot, store: VersionStore, settings_path: Path, history: dict[str, int]
) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = _storm_window(qtbot, store, settings, history)
    window.commands.show_notes.setChecked(False)
    assert not window.detail.review_panel.isVisible()
    window.close()
    again = open_window(qtbot, store, QSettings(str(settings_path), QSettings.Format.IniFormat))
    assert not again.commands.show_notes.isChecked()
    assert again.detail.review_panel.isHidden()
    assert again.commands.add_note.shortcut().toString() == "Ctrl+M"
