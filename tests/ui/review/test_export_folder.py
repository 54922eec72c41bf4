"""The export's save dialog opens in the documents folder, then where the last export went."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

import newsdiff_gui.ui.review.export as export_module
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.review.export import ExportDialog
from tests.ui.app.test_main_window import open_window, wait_for_diff


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()

    def writable_location(location: QStandardPaths.StandardLocation) -> str:
        assert location is QStandardPaths.StandardLocation.DocumentsLocation
        return str(folder)

    monkeypatch.setattr(QStandardPaths, "writableLocation", writable_location)
    return folder


@pytest.fixture
def save_dialog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The save dialog as if the user saved into tmp_path/cases; the folders it opened in."""
    cases = tmp_path / "cases"
    cases.mkdir()
    opened: list[str] = []

    def get_save_file_name(
        _parent: object, _caption: str, start: str, _filter: str
    ) -> tuple[str, str]:
        opened.append(start)
        return (str(cases / Path(start).name), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    return opened


def _save(qtbot: QtBot, settings: QSettings) -> ExportDialog:
    dialog = ExportDialog("storm-toll", has_notes=False, settings=settings)
    qtbot.addWidget(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()
    return dialog


def test_first_export_opens_in_documents_then_in_the_last_folder(
    qtbot: QtBot, settings: QSettings, documents: Path, save_dialog: list[str], tmp_path: Path
) -> None:
    first = _save(qtbot, settings)
    assert save_dialog == [str(documents / "storm-toll.pdf")]
    assert first.path == tmp_path / "cases" / "storm-toll.pdf"
    _save(qtbot, settings)
    assert save_dialog[1] == str(tmp_path / "cases" / "storm-toll.pdf")


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(
    qtbot: QtBot, settings: QSettings, documents: Path, save_dialog: list[str], tmp_path: Path
) -> None:
    settings.setValue(export_module.DIRECTORY_KEY, str(tmp_path / "deleted"))
    _save(qtbot, settings)
    assert save_dialog == [str(documents / "storm-toll.pdf")]


def test_no_documents_folder_means_home(
    qtbot: QtBot, settings: QSettings, save_dialog: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _location: "")
    _save(qtbot, settings)
    assert Path(save_dialog[0]).parent == Path.home()


def test_the_window_remembers_the_export_folder_in_its_settings(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    documents: Path,
    save_dialog: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, store, settings)
    assert window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)

    def exec_(dialog: ExportDialog) -> int:
        dialog.format.setCurrentIndex(dialog.format.findData(export_module.ExportFormat.JSON))
        dialog._choose_file()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ExportDialog, "exec", exec_)
    with qtbot.waitSignal(window.review.runner.finished, timeout=20_000):
        window.commands.export.trigger()
    assert Path(save_dialog[0]).parent == documents
    assert settings.value(export_module.DIRECTORY_KEY) == str(tmp_path / "cases")


def test_context_spin_box_says_paragraph_or_paragraphs(qtbot: QtBot) -> None:
    dialog = ExportDialog("x", has_notes=False)
    qtbot.addWidget(dialog)
    assert dialog.context.suffix() == " paragraph of context"
    dialog.context.setValue(3)
    assert dialog.context.suffix() == " paragraphs of context"
