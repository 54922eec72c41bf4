"""Article ▸ Check history…: every check of the selected article, newest first, with why."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from tests.ui.history import T0

WHY = "the page changed around the story; its text is version 2's"


def _record_checks(store: VersionStore, article_id: int) -> None:
    first, second = (v.id for v in store.list_versions(article_id)[:2])
    rows = [
        ("new_version", 200, None, first, None),
        ("new_version", 200, None, second, None),
        ("unchanged", 200, None, None, WHY),
        ("http_error", 503, "HTTP 503 Service Unavailable", None, None),
    ]
    for minutes, (outcome, status, error, version_id, detail) in enumerate(rows):
        store.checks.record(
            article_id,
            started_at=T0 + timedelta(minutes=10 * minutes),
            duration=0.25,
            outcome=outcome,
            http_status=status,
            error=error,
            version_id=version_id,
            detail=detail,
        )


def test_the_history_lists_each_check_newest_first_with_why(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    article_id = history["storm"]
    _record_checks(store, article_id)
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    assert window.sidebar.select_article(article_id)
    assert window.commands.check_history.isEnabled()

    dialog = window.article_commands.show_check_history()
    assert dialog is not None
    qtbot.addWidget(dialog)
    model = dialog.table.model()
    cells = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    assert [row[2:] for row in cells] == [
        ["503", "HTTP error", "HTTP 503 Service Unavailable"],
        ["200", "Unchanged", WHY],
        ["200", "New version 2", ""],
        ["200", "New version 1", ""],
    ]
    assert model.index(1, 4).data(Qt.ItemDataRole.ToolTipRole) == WHY
    assert dialog.windowTitle() == f"Check history — {store.get_article(article_id).title}"


def test_with_no_article_selected_there_is_no_history_to_open(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    assert window.sidebar.current_article_id() is None
    assert not window.commands.check_history.isEnabled()
    assert window.article_commands.show_check_history() is None
