"""File → Export… from the window (in the background), and `newsdiff export --pdf` headless."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.annotations import ReviewState
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.pdf.report import PageSize
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.diff.view import Side
from newsdiff_gui.ui.review import export as export_module
from newsdiff_gui.ui.review.export import ExportDialog, ExportFormat
from tests.ui.app.test_main_window import open_window, wait_for_diff


def _pdf_text(path: Path) -> str:
    """The PDF's words with single spaces (Qt positions words; pypdf reads tabs between)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


def _accepting_dialog(
    monkeypatch: pytest.MonkeyPatch, path: Path, chosen: ExportFormat, changes_only: bool = False
) -> None:
    """The export dialog as if the user had chosen `chosen` and `path`, then Save."""

    def exec_(dialog: ExportDialog) -> int:
        dialog.format.setCurrentIndex(dialog.format.findData(chosen))
        dialog.page_size.setCurrentIndex(dialog.page_size.findData(PageSize.LETTER.value))
        dialog.changes_only.setChecked(changes_only)
        dialog.path = path
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(export_module.ExportDialog, "exec", exec_)


def _annotated_window(
    qtbot: QtBot, store: VersionStore, settings: QSettings, storm: int
) -> MainWindow:
    window = open_window(qtbot, store, settings)
    assert window.sidebar.select_article(storm)
    wait_for_diff(qtbot, window)
    diff = window.review.controller.diff
    assert diff is not None
    edited = RowKey.body(
        next(i for i, row in enumerate(diff.rows) if row.kind is ChangeKind.EDITED)
    )
    window.review.controller.add_note(edited)
    window.detail.review_panel.note.setPlainText("Toll raised; checked with the coastguard.")
    window.review.controller.set_state(ReviewState.SIGNIFICANT, edited)
    return window


def test_pdf_export_runs_in_the_background_with_notes_and_provenance(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _annotated_window(qtbot, store, settings, history["storm"])
    out = tmp_path / "storm.pdf"
    _accepting_dialog(monkeypatch, out, ExportFormat.PDF)
    with qtbot.waitSignal(window.review.runner.finished, timeout=20_000) as finished:
        window.commands.export.trigger()
        assert window.review.progress.isVisible() and window.review.cancel.isVisible()
        assert not window.commands.export.isEnabled()  # one export at a time
    path, pages = finished.args
    assert Path(path) == out and pages >= 1
    text = _pdf_text(out)
    versions = store.list_versions(history["storm"])
    for version in versions:
        assert version.sha256 in text.replace(" ", "")
    assert "Toll raised; checked with the coastguard." in text
    assert "https://www.harbour-courier.example/news/storm" in text
    assert abs(float(PdfReader(str(out)).pages[0].mediabox.width) - 612) < 1  # US Letter
    assert not window.review.progress.isVisible() and window.commands.export.isEnabled()
    assert "Exported to" in window.statusBar().currentMessage()


def test_a_saved_page_comparison_exports_without_notes(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsdiff_gui.core.report import SourceInfo

    window = _annotated_window(qtbot, store, settings, history["storm"])
    diff = window.review.controller.diff
    assert diff is not None
    page = SourceInfo("Saved page b.html", sha256="c" * 64, source="file")
    window.detail.show_sides(Side(diff.old, "Version 1"), Side(diff.new, page.label, source=page))
    controller = window.review.controller
    qtbot.waitUntil(
        lambda: (
            controller.comparison is not None and controller.comparison.new.caption == page.label
        )
    )
    # Provenance is the comparison's state, not the text of the labels over the panes.
    window.detail.diff.old_caption.setText("a label changed since")
    out = tmp_path / "pages.html"
    _accepting_dialog(monkeypatch, out, ExportFormat.HTML, changes_only=True)
    with qtbot.waitSignal(window.review.runner.finished, timeout=20_000):
        window.commands.export.trigger()
    html = out.read_text(encoding="utf-8")
    assert "c" * 64 in html and "Saved page b.html" in html
    assert "Version 1" in html and "a label changed since" not in html
    assert "checked with the coastguard" not in html  # notes belong to the stored pair
    assert "changes only, 1 paragraph of context" in html


def test_cancelling_an_export_leaves_no_file(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _annotated_window(qtbot, store, settings, history["storm"])
    out = tmp_path / "cancelled.pdf"
    _accepting_dialog(monkeypatch, out, ExportFormat.PDF)
    window.review.runner.cancel()  # a stale cancel must not touch the next export
    with qtbot.waitSignal(window.review.runner.finished, timeout=20_000):
        window.commands.export.trigger()
    assert out.exists()
    out.unlink()
    from newsdiff_gui.pdf import signed  # the export draws through the signing step

    real_render = signed.render_pdf

    def press_cancel_midway(*args: Any, **kwargs: Any) -> int:
        window.review.runner.cancel()  # as the Cancel button does, while the job runs
        return real_render(*args, **kwargs)

    monkeypatch.setattr(signed, "render_pdf", press_cancel_midway)
    with qtbot.waitSignal(window.review.runner.failed, timeout=20_000) as failed:
        window.commands.export.trigger()
    assert "cancelled" in failed.args[0] and not out.exists()
    assert list(tmp_path.glob(".cancelled.pdf*")) == []


def test_cli_exports_a_pdf_headless(
    tmp_path: Path, store: VersionStore, history: dict[str, int]
) -> None:
    out = tmp_path / "cli.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    argv = [sys.executable, "-m", "newsdiff_gui.cli", "--db", str(store.path), "export"]
    done = subprocess.run(
        [*argv, str(history["storm"]), "--pdf", str(out), "--page-size", "letter"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = _pdf_text(out)
    assert store.list_versions(history["storm"])[-1].sha256 in text.replace(" ", "")
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # made to be handed on
