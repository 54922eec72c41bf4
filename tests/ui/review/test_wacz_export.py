"""File → Export evidence package (WACZ)… from the window, in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.evidence.keys import installation_key
from newsdiff_gui.core.evidence.verify import verify_file
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.review import wacz_export
from tests.ui.app.test_main_window import open_window, wait_for_diff


def test_the_selected_article_exports_as_a_verified_package(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, store, settings)
    assert window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)
    out = tmp_path / "storm.wacz"
    asked: list[str] = []

    def ask(parent: object, name: str, settings: object) -> Path:
        asked.append(name)
        return out

    monkeypatch.setattr("newsdiff_gui.ui.review.commands.ask_path", ask)
    assert window.commands.export_wacz in window.menuBar().actions()[0].menu().actions()
    with qtbot.waitSignal(window.review.wacz_runner.finished, timeout=30_000) as finished:
        window.commands.export_wacz.trigger()
        assert window.review.progress.isVisible()
        assert not window.commands.export_wacz.isEnabled()  # one package at a time
    path, summary = finished.args
    assert Path(path) == out and asked and asked[0].startswith("storm")
    verdict = verify_file(out)
    versions = store.list_versions(history["storm"])
    assert verdict.ok and verdict.line().startswith(f"{len(versions)} captures of ")
    assert installation_key().fingerprint[:16] in summary
    qtbot.waitUntil(lambda: window.commands.export_wacz.isEnabled())
    assert "Exported to" in window.statusBar().currentMessage()
    assert not window.review.progress.isVisible()


def test_a_failed_package_export_is_said_in_the_status_bar(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, store, settings)
    assert window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)
    out = tmp_path / "no such folder" / "storm.wacz"
    monkeypatch.setattr("newsdiff_gui.ui.review.commands.ask_path", lambda *args: out)
    with qtbot.waitSignal(window.review.wacz_runner.failed, timeout=30_000) as failed:
        window.commands.export_wacz.trigger()
    assert failed.args[0].startswith("The evidence package could not be written")
    assert not out.exists() and wacz_export.WaczRunner is type(window.review.wacz_runner)


def test_trusted_time_is_off_unless_an_authority_is_named(
    settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSDIFF_TSA_URL", raising=False)
    assert wacz_export.tsa_url(settings) is None
    monkeypatch.setenv("NEWSDIFF_TSA_URL", "http://127.0.0.1:9/tsa")
    assert wacz_export.tsa_url(settings) == "http://127.0.0.1:9/tsa"
    settings.setValue(wacz_export.TSA_KEY, "http://127.0.0.1:8/tsa")
    assert wacz_export.tsa_url(settings) == "http://127.0.0.1:8/tsa"
