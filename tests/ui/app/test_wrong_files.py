"""The app refuses files that are not pages, and a store it must not open, in words."""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from newsdiff_gui import app
from newsdiff_gui.core.sources import MAX_PAGE_BYTES, SavedFile, read_page_file
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.dialogs import import_page as import_dialog
from newsdiff_gui.ui.dialogs.articles import ImportDialog
from newsdiff_gui.ui.diff.compare import CompareLoader
from tests.core.test_sniff import SAMPLES, TEXT_LIKE_PDF
from tests.support.pages import article_page


def test_import_dialog_names_a_file_that_is_not_a_page(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "storm.html"
    pdf.write_bytes(TEXT_LIKE_PDF)
    dialog = ImportDialog(pdf)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.read, timeout=10_000)
    dialog.url_edit.setText("https://courier.example/storm")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.message.text() == (
        "This file cannot be imported: this is a PDF document, not a web page."
    )


def test_import_dialog_refuses_a_file_over_the_cap_without_reading_it_on_the_ui_thread(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = tmp_path / "storm.html.gz"
    bomb.write_bytes(gzip.compress(b" " * (MAX_PAGE_BYTES + 1)))
    readers: list[bool] = []

    def read(path: Path) -> bytes:
        readers.append(threading.current_thread() is threading.main_thread())
        return read_page_file(path)

    monkeypatch.setattr(import_dialog, "read_page_file", read)
    dialog = ImportDialog(bomb)
    qtbot.addWidget(dialog)
    assert dialog.message.text() == "Reading storm.html.gz…"
    qtbot.waitUntil(dialog.read, timeout=10_000)
    assert readers == [False]
    assert dialog.message.text() == (
        "This file cannot be imported: file too large (over 15 MB; refusing)."
    )
    dialog.url_edit.setText("https://courier.example/storm")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_compare_names_a_side_that_is_not_a_page(
    qtbot: QtBot, store: VersionStore, tmp_path: Path
) -> None:
    page, sheet = tmp_path / "page.html", tmp_path / "figures.html"
    page.write_text(article_page(), encoding="utf-8")
    sheet.write_bytes(SAMPLES["xlsx"][0])
    loader = CompareLoader(store)
    with qtbot.waitSignal(loader.failed, timeout=10000) as failed:
        loader.load(SavedFile(page), SavedFile(sheet))
    assert failed.args[0] == f"{sheet}: this is an Excel workbook (.xlsx), not a web page"
    loader.shutdown()


def test_the_store_problem_box_says_what_is_wrong(qtbot: QtBot) -> None:
    box = app.store_problem_box(
        "not a newsdiff database: /home/ana/places.sqlite (it holds tables moz_places)"
    )
    qtbot.addWidget(box)
    assert box.icon() is QMessageBox.Icon.Critical
    assert box.text() == "The database cannot be opened."
    assert box.informativeText().startswith(
        "Not a newsdiff database: /home/ana/places.sqlite (it holds tables moz_places).\n\n"
        "Nothing in it was changed."
    )
    box.show()
    assert not box.grab().isNull()


def test_the_app_does_not_open_another_programs_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "places.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.commit()
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    shown: list[str] = []
    monkeypatch.setattr(
        app,
        "store_problem_box",
        lambda problem: shown.append(problem) or _NoBox(),
    )
    assert app.main(["--db", str(path)]) == 1
    assert shown == [f"not a newsdiff database: {path} (it holds tables moz_places)"]
    assert capsys.readouterr().err.count("\n") == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.sqlite"]


class _NoBox:
    """Stands in for the modal box, which would wait for a click."""

    def exec(self) -> int:
        return 0
