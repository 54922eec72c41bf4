"""With no note chosen, the notes panel shows nothing of the last note it showed."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.annotations import ReviewState
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.review.panel import ReviewPanel
from tests.ui.app.test_main_window import open_window, wait_for_diff


def _neutral(panel: ReviewPanel) -> None:
    assert panel.state.currentText() == "" and panel.state.currentIndex() == -1
    assert panel.note.toPlainText() == "" and panel.tags.text() == ""
    assert panel.excerpt.text() == ""
    assert not panel.state.isVisible() and not panel.note.isVisible()
    assert not panel.delete.isVisible()


def test_no_note_chosen_shows_a_neutral_panel(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = open_window(qtbot, store, settings)
    assert window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)
    diff = window.review.controller.diff
    assert diff is not None
    edited = RowKey.body(
        next(i for i, row in enumerate(diff.rows) if row.kind is ChangeKind.EDITED)
    )
    window.review.controller.add_note(edited)
    panel = window.detail.review_panel
    panel.note.setPlainText("Toll raised; checked with the coastguard.")
    panel.tags.setText("toll")
    window.review.controller.set_state(ReviewState.SIGNIFICANT, edited)
    qtbot.waitUntil(lambda: panel.state.currentText() == "Significant")
    assert panel.state.isVisible() and panel.note.isVisible()

    panel.list.setCurrentRow(-1)  # a note exists, none is chosen
    _neutral(panel)
    assert panel.editor_title.text() == "Choose a note in the list to edit it."

    assert window.sidebar.select_article(history["ferry"])  # a comparison without notes
    wait_for_diff(qtbot, window)
    qtbot.waitUntil(lambda: panel.list.count() == 0)
    _neutral(panel)
    assert not panel.editor_title.isVisible()
    assert "Right-click a change" in panel.status.text()

    assert window.sidebar.select_article(history["storm"])  # back: the note is there
    wait_for_diff(qtbot, window)
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.list.setCurrentRow(0)
    assert panel.state.currentText() == "Significant" and panel.state.isVisible()
    assert panel.note.toPlainText() == "Toll raised; checked with the coastguard."


def test_marking_the_last_change_says_one_change(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    from newsdiff_gui.core.annotations import unreviewed_change_rows

    window = open_window(qtbot, store, settings)
    assert window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)
    controller = window.review.controller
    diff = window.review.controller.diff
    assert diff is not None
    *others, last = unreviewed_change_rows(diff, controller.placements)
    for row in others:
        controller.set_state(ReviewState.SIGNIFICANT, row)
    assert unreviewed_change_rows(diff, controller.placements) == [last]
    with qtbot.waitSignal(controller.message) as said:
        window.commands.mark_remaining.trigger()
    assert said.args == ["1 change marked as reviewed (minor)"]
