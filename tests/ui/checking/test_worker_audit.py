"""What the background checker stores is logged under the reviewer's name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.audit.chain import AuditAction
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.review.commands import AUTHOR_KEY
from tests.support.pages import article_page


def test_an_import_from_the_window_is_logged_with_the_reviewer_name(
    qtbot: QtBot, store: VersionStore, settings: QSettings, tmp_path: Path
) -> None:
    settings.setValue(AUTHOR_KEY, "Dana Whitfield")
    page = tmp_path / "saved.html"
    page.write_text(article_page(), encoding="utf-8")
    window = MainWindow(store, settings, due_interval_ms=3_600_000)
    qtbot.addWidget(window)
    window.checker.import_page(str(page), "https://news.example/storm", "2026-03-01T08:30:00Z")

    def imported() -> bool:
        items = window.model.items()
        return len(items) == 1 and items[0].version_count == 1

    qtbot.waitUntil(imported, timeout=15_000)
    [entry] = store.audit.entries(window.model.items()[0].id)
    assert entry.action is AuditAction.IMPORT and entry.author == "Dana Whitfield"
    window.close()
