"""The import's file dialog opens in the downloads folder, then where the last saved page was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow


def test_import_opens_in_downloads_then_where_the_last_page_came_from(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    cases = tmp_path / "cases"
    cases.mkdir()

    def writable_location(location: QStandardPaths.StandardLocation) -> str:
        assert location is QStandardPaths.StandardLocation.DownloadLocation
        return str(downloads)

    opened: list[str] = []

    def get_open_file_name(_parent: object, _caption: str, start: str, _f: str) -> tuple[str, str]:
        opened.append(start)
        return str(cases / "saved.html"), ""

    monkeypatch.setattr(QStandardPaths, "writableLocation", writable_location)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open_file_name)
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "import_file", lambda path: None)
    window.import_page()
    window.import_page()
    assert opened == [str(downloads), str(cases)]
    assert Path(opened[0]) != Path.cwd()
