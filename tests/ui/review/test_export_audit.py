"""The window's notes and exports reach the audit log under the reviewer's name."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.audit.chain import AuditAction
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.review.commands import AUTHOR_KEY
from newsdiff_gui.ui.review.export import ExportFormat
from tests.ui.review.test_export import _accepting_dialog, _annotated_window


def test_an_export_from_the_window_appends_one_entry_signed_by_the_reviewer(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.setValue(AUTHOR_KEY, "Chidi Eze")
    storm = history["storm"]
    before = len(store.audit.entries(storm))
    window = _annotated_window(qtbot, store, settings, storm)
    out = tmp_path / "storm.html"
    _accepting_dialog(monkeypatch, out, ExportFormat.HTML)
    with qtbot.waitSignal(window.review.runner.finished, timeout=20_000):
        window.commands.export.trigger()
    window.review.controller.flush()
    entries = store.audit.entries(storm)[before:]
    notes = [e for e in entries if e.action is not AuditAction.EXPORT]
    exports = [e for e in entries if e.action is AuditAction.EXPORT]
    assert notes and {e.author for e in notes} == {"Chidi Eze"}
    [export] = exports
    assert export.author == "Chidi Eze" and export.object == "export:html"
    numbers = [v.number for v in store.list_versions(storm)][-2:]
    assert export.detail["versions"] == f"{numbers[0]}-{numbers[1]}"
    assert export.detail["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert store.audit.verify(storm).ok
    assert "audit log" not in window.statusBar().currentMessage()
