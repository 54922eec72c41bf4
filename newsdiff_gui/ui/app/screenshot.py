"""`--screenshot`: render the main window offscreen with a change on show, save a PNG."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop

from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.sidebar.model import ArticleRole

DIFF_TIMEOUT_S = 10.0


def select_first_change(window: MainWindow) -> bool:
    """Select the first article (in sidebar order) with two versions, at its latest change."""
    proxy = window.sidebar.proxy
    for row in range(proxy.rowCount()):
        item = proxy.index(row, 0).data(ArticleRole.ITEM)
        if item is not None and item.version_count >= 2:
            window.sidebar.select_article(item.id)
            window.timeline.select_version(item.version_count)
            return True
    return False


def render(window: MainWindow, out: Path, width: int, height: int) -> None:
    window.resize(width, height)
    window.show()
    pump()
    if select_first_change(window):
        deadline = time.monotonic() + DIFF_TIMEOUT_S
        diff = window.detail.diff
        # Alignments run in pool threads: pump events until the diff has been painted
        # and every timeline entry says what its version changed.
        while time.monotonic() < deadline and (
            diff.is_busy() or diff.diff is None or not window.timeline.compared()
        ):
            pump()
            time.sleep(0.01)
        pump()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise OSError(f"could not write {out}")


def pump() -> None:
    for _ in range(5):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
