"""The alignment's pool job and the UI thread never wait on each other.

A pool job that moved its documents to the UI thread (`QObject.moveToThread`)
held the GIL while it waited for Qt's signal-slot lock; the UI thread, deleting
a widget, held that lock while it waited for the GIL to ask Python whether the
widget's sender overrides `disconnectNotify`. The window froze for good. The job
now makes plain data only (`side_script`), and the documents are written on the
UI thread.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.document import Document
from newsdiff_gui.ui.diff.view import DiffView, Side

pytestmark = pytest.mark.usefixtures("qapp")

OLD = Document(
    "Flood in Rivermouth",
    (
        "The council said seven homes were flooded when the river burst its banks.",
        "Residents were moved to the school hall overnight, a spokesman said.",
        "The mayor will visit on Monday.",
    ),
)
NEW = Document(
    "Flood in Rivermouth",
    (
        "At least eight homes were flooded when the river burst its banks, the council said.",
        "The mayor will visit on Monday. Residents were moved to the school hall overnight.",
    ),
)


class _Sender(QObject):
    """A Python sender: deleting a receiver of its signal asks Python about an override."""

    ping = Signal(str)


def test_the_pool_job_scripts_the_panes_without_qt() -> None:
    """What the job makes for the panes comes from a module that needs no Qt at all."""
    probe = (
        "import sys; import newsdiff_gui.ui.diff.side_script; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"


def test_comparisons_keep_coming_while_widgets_are_deleted(qtbot: QtBot) -> None:
    """Hundreds of comparisons, each switched away from or shown, while the UI thread
    deletes receivers of fresh Python senders (what hung the window before)."""
    view = DiffView()
    qtbot.addWidget(view)
    kept: list[list[_Sender]] = []

    def churn() -> None:
        senders = [_Sender() for _ in range(40)]
        kept.append(senders)
        del kept[:-3]
        for sender in senders:
            label = QLabel("x")
            sender.ping.connect(label.setText)
            label.deleteLater()

    timer = QTimer()
    timer.timeout.connect(churn)
    timer.start(0)
    try:
        for number in range(400):
            view.compare(Side(OLD, f"old {number}"), Side(NEW, f"new {number}"))
            if number % 4 == 0:  # every fourth one is waited for, the rest are switched away
                qtbot.waitUntil(lambda: not view.is_busy())
                assert view.new_caption.text() == f"new {number}"
    finally:
        timer.stop()
    qtbot.waitUntil(lambda: not view.is_busy())
    assert view.new_caption.text() == "new 399"
    assert "At least eight homes" in view.new_pane.document().toPlainText()
